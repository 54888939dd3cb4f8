package org.ngai.indicator.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;
import org.ngai.events.Envelope;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;

/**
 * Counts records of events-in that are not event envelopes. SmallRye has already put the failure details
 * in the record's headers; returning null lets it send the record to sim.deadletter.v1 as it arrived
 * (the listener never sees it), so this is where such records count in transform_dead_letters_total.
 */
@ApplicationScoped
@Identifier(UndecodableRecords.NAME)
public class UndecodableRecords implements DeserializationFailureHandler<Envelope> {
    public static final String NAME = "indicator-undecodable";
    private static final Logger LOG = Logger.getLogger(UndecodableRecords.class);

    @Inject
    MeterRegistry registry;

    @Override
    public Envelope handleDeserializationFailure(String topic, boolean isKey, String deserializer, byte[] data,
                                                 Exception exception, Headers headers) {
        Counter.builder("transform_dead_letters_total").tag("service", EventPublisher.PRODUCER).tag("topic", topic)
                .description("events this service rejected to the dead-letter topic").register(registry).increment();
        LOG.warnf("undecodable record from %s (%d bytes): %s", topic, data == null ? 0 : data.length,
                exception.getMessage());
        return null;
    }
}
