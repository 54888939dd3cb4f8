package org.ngai.service;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.ngai.events.Envelope;
import org.ngai.service.runs.Origin;

/**
 * Each service's one input consumer (channel {@code events-in}): the events of its topics, processed in
 * order on one worker thread and handed to the service's {@link EnvelopeHandler}. An event the service
 * cannot accept is rejected by throwing: SmallRye nacks it and sends it to the dead-letter topic
 * (failure-strategy=dead-letter-queue) with the exception message as {@code dead-letter-reason}, it is
 * counted in {@code transform_dead_letters_total}, and the run carries on (docs/pipeline.md, bad events).
 */
@ApplicationScoped
public class EventIntake {
    private static final Logger LOG = Logger.getLogger(EventIntake.class);

    @Inject
    EnvelopeHandler handler;
    @Inject
    DeadLetters deadLetters;

    @Incoming("events-in")
    @Blocking
    public void on(ConsumerRecord<String, Envelope> record) {
        Envelope e = record.value();
        try {
            if (e == null) {
                throw new IllegalArgumentException(undecodable(record));
            }
            handler.handle(e, new Origin(record.topic(), record.partition(), record.offset()));
        } catch (RuntimeException ex) {
            deadLetters.count(record.topic());
            LOG.warnf("rejected %s from %s-%d@%d: %s", e == null ? "record" : e.type(), record.topic(),
                    record.partition(), record.offset(), ex.getMessage());
            throw ex;
        }
    }

    /** The reason for a record whose value could not be decoded (SmallRye leaves it in a header). */
    static String undecodable(ConsumerRecord<String, ?> record) {
        Header h = record.headers().lastHeader("deserialization-failure-reason");
        if (h != null && h.value() != null) {
            return "undecodable record: " + new String(h.value(), StandardCharsets.UTF_8);
        }
        return "empty record: no event envelope";
    }
}
