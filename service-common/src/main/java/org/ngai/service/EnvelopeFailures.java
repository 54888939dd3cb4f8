package org.ngai.service;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;
import org.ngai.events.Envelope;

/**
 * Counts records that cannot be decoded as envelopes. SmallRye has already put the failure details in
 * the record's headers when this is called; returning null keeps its dead-letter routing (the record
 * goes to the dead-letter topic as it arrived, the consumer never sees it), so this is where such
 * records count in {@code transform_dead_letters_total}. Configured as
 * {@code mp.messaging.incoming.events-in.value-deserialization-failure-handler=envelope-failures}.
 */
@ApplicationScoped
@Identifier(EnvelopeFailures.NAME)
public class EnvelopeFailures implements DeserializationFailureHandler<Envelope> {
    public static final String NAME = "envelope-failures";
    private static final Logger LOG = Logger.getLogger(EnvelopeFailures.class);

    @Inject
    DeadLetters deadLetters;

    @Override
    public Envelope handleDeserializationFailure(String topic, boolean isKey, String deserializer, byte[] data,
                                                 Exception exception, Headers headers) {
        deadLetters.count(topic);
        LOG.warnf("undecodable %s on %s (%d bytes): %s", isKey ? "key" : "record", topic,
                data == null ? 0 : data.length, exception.getMessage());
        return null;
    }
}
