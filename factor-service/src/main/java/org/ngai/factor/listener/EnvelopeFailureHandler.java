package org.ngai.factor.listener;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;
import org.ngai.events.Envelope;

/**
 * Counts records that cannot be decoded as envelopes. SmallRye has already marked them for the
 * dead-letter topic (failure headers, original bytes) when this is called; they never reach the
 * listener, so this is where {@code transform_dead_letters_total} learns about them.
 */
@ApplicationScoped
@Identifier("envelope-failures")
public class EnvelopeFailureHandler implements DeserializationFailureHandler<Envelope> {
    private static final Logger LOG = Logger.getLogger(EnvelopeFailureHandler.class);

    @Inject
    MeterRegistry registry;

    @Override
    public Envelope handleDeserializationFailure(String topic, boolean isKey, String deserializer, byte[] data,
                                                 Exception exception, Headers headers) {
        EventListener.countDeadLetter(registry, topic);
        LOG.warnf("undecodable record on %s (%d bytes): %s", topic, data == null ? 0 : data.length,
                exception.getMessage());
        return null;
    }
}
