package org.ngai.market.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.ngai.events.Envelope;
import org.ngai.market.service.RunManager;

/**
 * The service's one consumer: control, demand and supply events, processed in order on one worker
 * thread. An event the service cannot accept is rejected by throwing: SmallRye nacks it and sends it
 * to the dead-letter topic with the exception message as {@code dead-letter-reason}; the run carries on.
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
                throw new IllegalArgumentException("empty record");
            }
            runs.handle(e);
        } catch (RuntimeException ex) {
            countDeadLetter(registry, record.topic());
            LOG.warnf("rejected %s from %s-%d@%d: %s", e == null ? "record" : e.type(), record.topic(),
                    record.partition(), record.offset(), ex.getMessage());
            throw ex;
        }
    }

    /** {@code transform_dead_letters_total{service,topic}}. */
    public static void countDeadLetter(MeterRegistry registry, String topic) {
        Counter.builder("transform_dead_letters_total").tag("service", EventPublisher.PRODUCER)
                .tag("topic", topic).description("records rejected to the dead-letter topic").register(registry)
                .increment();
    }
}
