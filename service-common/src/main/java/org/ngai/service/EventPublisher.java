package org.ngai.service;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Topics;

/**
 * Sends envelopes on channel {@code events-out} to their event type's topic, keyed by runId, so that all
 * events of a run keep their order (one channel, per-record topic). The envelope's producer is
 * {@code quarkus.application.name}. Event ids are deterministic (EventCodec), so an event re-sent after a
 * replay is a duplicate downstream.
 */
@ApplicationScoped
public class EventPublisher {
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";

    @Inject
    @Channel("events-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 200_000)
    Emitter<Envelope> emitter;

    @ConfigProperty(name = "quarkus.application.name")
    String producer;

    /** This service's name, as envelopes and metrics carry it. */
    public String producer() {
        return producer;
    }

    public void publish(String runId, EventType type, int tick, int part, Object payload) {
        Envelope e = EventCodec.envelope(runId, type, tick, part, producer, payload);
        emitter.send(Message.of(e).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(type.topic).withKey(runId).build()));
    }

    /**
     * Publishes {@code records} as chunks of {@code size} ({@link org.ngai.events.RecordBatch}, parts 0..n-1)
     * and returns the number of parts; the caller then publishes the closing marker with it.
     */
    public <T extends Record> int publishChunks(String runId, EventType type, Class<T> cls, int tick,
                                                java.util.List<T> records, int size) {
        int n = Math.max(1, size);
        int parts = 0;
        for (int from = 0; from < records.size(); from += n) {
            java.util.List<T> chunk = records.subList(from, Math.min(records.size(), from + n));
            publish(runId, type, tick, parts, org.ngai.events.RecordBatch.of(cls, parts, chunk));
            parts++;
        }
        return parts;
    }

    /**
     * Sends an already-consumed event to the dead-letter topic with its reason, as SmallRye does for the
     * records it rejects (used for events that waited for their run and turned out invalid).
     */
    public void deadLetter(Envelope e, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DEAD_LETTER_REASON, String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-producer", producer.getBytes(StandardCharsets.UTF_8));
        emitter.send(Message.of(e).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.DEAD_LETTER).withKey(e.runId()).withHeaders(headers).build()));
    }
}
