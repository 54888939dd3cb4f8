package org.ngai.indicator.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.ngai.events.Envelope;
import org.ngai.indicator.service.RunManager;

/**
 * The service's one input consumer: control, clearing, firm-report and owner-report events, processed in
 * order on one worker thread. An event the service cannot accept is rejected by throwing: SmallRye nacks
 * it and sends it to sim.deadletter.v1 with the exception message as {@code dead-letter-reason}; the run
 * carries on.
 */
@ApplicationScoped
public class EventListener {
    private static final Logger LOG = Logger.getLogger(EventListener.class);

    @Inject
    RunManager runs;
    @Inject
    MeterRegistry registry;

    @Incoming("events-in")
    @Blocking
    public void on(ConsumerRecord<String, Envelope> record) {
        Envelope e = record.value();
        try {
            if (e == null) {
                throw new IllegalArgumentException(undecodable(record));
            }
            runs.handle(e);
        } catch (RuntimeException ex) {
            Counter.builder("transform_dead_letters_total").tag("service", EventPublisher.PRODUCER)
                    .tag("topic", record.topic()).description("events this service rejected to the dead-letter topic")
                    .register(registry).increment();
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
