package org.ngai.service;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * A service's hot state is a deterministic function of the event log: whenever partitions are
 * assigned (start, restart, rebalance) they are read again from the beginning, the run state machines
 * rebuild exactly, and what they re-publish carries the same event ids, so downstream consumers drop
 * it as duplicates; writers skip rows they already hold. Offsets are therefore never committed
 * (commit-strategy=ignore). Configured as
 * {@code mp.messaging.incoming.events-in.consumer-rebalance-listener.name=replay-from-start}.
 */
@ApplicationScoped
@Identifier(ReplayFromStart.NAME)
public class ReplayFromStart implements KafkaConsumerRebalanceListener {
    public static final String NAME = "replay-from-start";
    private static final Logger LOG = Logger.getLogger(ReplayFromStart.class);

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            consumer.seekToBeginning(partitions);
            LOG.debugf("replaying %d partitions from the beginning", partitions.size());
        }
    }
}
