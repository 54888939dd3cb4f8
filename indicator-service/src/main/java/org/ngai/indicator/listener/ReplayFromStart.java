package org.ngai.indicator.listener;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The service's hot state is a deterministic function of the event log: whenever partitions are
 * assigned (start, restart, rebalance) they are read again from the beginning, the run state machines
 * rebuild exactly, and what they re-publish carries the same event ids, so downstream consumers drop
 * it as duplicates. Offsets are therefore never committed (commit-strategy=ignore).
 */
@ApplicationScoped
@Identifier("replay-from-start")
public class ReplayFromStart implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(ReplayFromStart.class);

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            consumer.seekToBeginning(partitions);
            LOG.debugf("replaying %d partitions from the beginning", partitions.size());
        }
    }
}
