#!/usr/bin/env bash
# topics-init (docker-compose.yml): create the pipeline's topics once the broker answers, then exit 0.
# Runs in the apache/kafka image. Idempotent: --if-not-exists, and a topic that exists with fewer
# partitions is grown to PARTITIONS. Keep TOPICS in step with org.ngai.events.Topics.
set -euo pipefail

BOOTSTRAP="${BOOTSTRAP:-kafka:29092}"
PARTITIONS="${PARTITIONS:-4}"
MAX_MESSAGE_BYTES="${MAX_MESSAGE_BYTES:-10485760}"
# services rebuild their state by replaying the topics from the start after a restart
# (docs/pipeline.md, "Restart and recovery"); retention bounds how much they replay. 7 days.
RETENTION_MS="${RETENTION_MS:-604800000}"
TOPICS="${TOPICS:-sim.control.v1 firm.adoption.v1 firm.demand.v1 factor.supply.v1 market.clearing.v1 firm.report.v1 factor.report.v1 indicator.published.v1 sim.deadletter.v1}"
KT="${KAFKA_TOPICS_SH:-/opt/kafka/bin/kafka-topics.sh}"

for attempt in $(seq 1 60); do
  if "$KT" --bootstrap-server "$BOOTSTRAP" --list > /dev/null 2>&1; then
    break
  fi
  if [ "$attempt" -eq 60 ]; then
    echo "topics-init: broker $BOOTSTRAP did not answer" >&2
    exit 1
  fi
  sleep 2
done

for topic in $TOPICS; do
  "$KT" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$topic" \
        --partitions "$PARTITIONS" --replication-factor 1 --config "max.message.bytes=$MAX_MESSAGE_BYTES" \
        --config "retention.ms=$RETENTION_MS"
  count=$("$KT" --bootstrap-server "$BOOTSTRAP" --describe --topic "$topic" \
          | sed -n 's/.*PartitionCount:[[:space:]]*\([0-9][0-9]*\).*/\1/p' | head -n 1)
  if [ -z "$count" ]; then
    echo "topics-init: cannot read the partition count of $topic" >&2
    exit 1
  fi
  if [ "$count" -lt "$PARTITIONS" ]; then
    echo "topics-init: $topic has $count partitions; growing it to $PARTITIONS"
    "$KT" --bootstrap-server "$BOOTSTRAP" --alter --topic "$topic" --partitions "$PARTITIONS"
    count="$PARTITIONS"
  fi
  echo "topics-init: $topic ready ($count partitions)"
done
echo "topics-init: done"
