package org.ngai.factor.listener;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Topics;

/** Sends envelopes to their event type's topic, keyed by runId (one channel, per-record topic). */
@ApplicationScoped
public class EventPublisher {
    public static final String PRODUCER = "factor-service";
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";

    @Inject
    @Channel("events-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
    Emitter<Envelope> emitter;

    public void publish(String runId, EventType type, int tick, int part, Object payload) {
        Envelope e = EventCodec.envelope(runId, type, tick, part, PRODUCER, payload);
        emitter.send(Message.of(e).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(type.topic).withKey(runId).build()));
    }

    /**
     * Sends an already-consumed event to the dead-letter topic with its reason, as SmallRye does for the
     * records it rejects (used for events that waited for their run and turned out invalid).
     */
    public void deadLetter(Envelope e, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DEAD_LETTER_REASON, String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-producer", PRODUCER.getBytes(StandardCharsets.UTF_8));
        emitter.send(Message.of(e).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.DEAD_LETTER).withKey(e.runId()).withHeaders(headers).build()));
    }
}
