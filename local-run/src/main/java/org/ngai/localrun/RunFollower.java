package org.ngai.localrun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.Topics;
import org.ngai.model.indicator.TickIndicators;

/**
 * Follows one run on the broker: INDICATORS_PUBLISHED as ticks close, until RUN_FINISHED or
 * RUN_CANCELLED. Reads from the beginning of the topics, so nothing published before it started is
 * missed; duplicates of a tick are ignored.
 */
public final class RunFollower implements AutoCloseable {
    /** Called for each new tick's indicators. */
    public interface Listener {
        void tick(TickIndicators indicators);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String runId;
    private final TreeMap<Integer, TickIndicators> ticks = new TreeMap<>();
    private String end;
    private String reason;
    private long events;

    public RunFollower(String bootstrap, String runId) {
        this.runId = runId;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : List.of(Topics.INDICATORS, Topics.CONTROL)) {
            for (PartitionInfo pi : consumer.partitionsFor(t, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(t, pi.partition()));
            }
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    /** Polls until the run ends or the timeout passes; returns "FINISHED", "CANCELLED" or "TIMEOUT". */
    public String follow(Duration timeout, Listener listener) {
        return follow(timeout, listener, Duration.ofDays(1), () -> { });
    }

    /**
     * As {@link #follow(Duration, Listener)}, and calls {@code onIdle} whenever no new tick has arrived for
     * {@code idleAfter} (again every {@code idleAfter} while it lasts): the caller asks the services why.
     */
    public String follow(Duration timeout, Listener listener, Duration idleAfter, Runnable onIdle) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastNews = System.nanoTime();
        int lastCount = ticks.size();
        // RUN_FINISHED (control topic) may be read before the last INDICATORS_PUBLISHED (another topic) when the
        // log holds much else: the run is over once every tick it names has been read too (or after a grace period)
        int finishedTicks = -1;
        long graceEnd = 0;
        while (end == null && System.nanoTime() < deadline) {
            if (finishedTicks >= 0 && (ticks.size() >= finishedTicks || System.nanoTime() > graceEnd)) {
                end = "FINISHED";
                break;
            }
            if (ticks.size() != lastCount) {
                lastCount = ticks.size();
                lastNews = System.nanoTime();
            } else if (System.nanoTime() - lastNews > idleAfter.toNanos()) {
                onIdle.run();
                lastNews = System.nanoTime();
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (!runId.equals(r.key())) {
                    continue;
                }
                Envelope e;
                try {
                    e = EventCodec.fromBytes(r.value());
                } catch (IllegalArgumentException ex) {
                    continue;
                }
                events++;
                switch (e.type()) {
                    case "INDICATORS_PUBLISHED" -> {
                        if (!ticks.containsKey(e.tick())) {
                            TickIndicators ti = EventCodec.payload(e, TickIndicators.class);
                            ticks.put(e.tick(), ti);
                            listener.tick(ti);
                        }
                    }
                    case "RUN_FINISHED" -> {
                        if (finishedTicks < 0) {
                            finishedTicks = e.payload().path("ticks").asInt(0);
                            graceEnd = System.nanoTime() + 10_000_000_000L;
                        }
                    }
                    case "RUN_CANCELLED" -> {
                        end = "CANCELLED";
                        try {
                            reason = e.producer() + ": " + e.payload().path("reason").asText();
                        } catch (RuntimeException ex) {
                            reason = e.producer();
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        if (end == null && finishedTicks >= 0) {
            end = "FINISHED";
        }
        return end == null ? "TIMEOUT" : end;
    }

    /** Who cancelled the run and why (e.g. a service that refused it for want of heap), or null. */
    public String reason() {
        return reason;
    }

    /** "FINISHED", "CANCELLED", or "TIMEOUT" while the run has not ended. */
    public String end() {
        return end == null ? "TIMEOUT" : end;
    }

    public List<TickIndicators> series() {
        return new ArrayList<>(ticks.values());
    }

    @Override
    public void close() {
        consumer.close();
    }

}
