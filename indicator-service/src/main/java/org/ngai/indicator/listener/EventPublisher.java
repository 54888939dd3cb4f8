package org.ngai.indicator.listener;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;

/** Sends envelopes to their event type's topic, keyed by runId (one channel, per-record topic). */
@ApplicationScoped
public class EventPublisher {
    public static final String PRODUCER = "indicator-service";

    @Inject
    @Channel("events-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2_000)
    Emitter<Envelope> emitter;

    public void publish(String runId, EventType type, int tick, int part, Object payload) {
        Envelope e = EventCodec.envelope(runId, type, tick, part, PRODUCER, payload);
        emitter.send(Message.of(e).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(type.topic).withKey(runId).build()));
    }
}
