package org.ngai.market.listener;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;
import org.ngai.events.Envelope;

/**
 * Counts records that cannot be decoded into an envelope. SmallRye sends them to the dead-letter
 * topic straight from the consumer (the failure details are already in the headers when this is
 * called), without calling {@link EventListener}; so this is where they are counted in
 * {@code transform_dead_letters_total}. Returning null keeps SmallRye's dead-letter routing.
 */
@ApplicationScoped
@Identifier(UndecodableRecords.NAME)
public class UndecodableRecords implements DeserializationFailureHandler<Envelope> {
    public static final String NAME = "market-undecodable-records";
    private static final Logger LOG = Logger.getLogger(UndecodableRecords.class);

    @Inject
    MeterRegistry registry;

    @Override
    public Envelope handleDeserializationFailure(String topic, boolean isKey, String deserializer, byte[] data,
                                                 Exception exception, Headers headers) {
        EventListener.countDeadLetter(registry, topic);
        LOG.warnf("undecodable %s on %s (%d bytes): %s", isKey ? "key" : "record", topic, data == null ? 0 : data.length,
                exception.getMessage());
        return null;
    }
}
