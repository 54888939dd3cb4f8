package org.ngai.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The envelope every event carries (docs/pipeline.md: eventId, type, schemaVersion, runId, tick,
 * producer, emittedAt). {@code eventId} is derived from (runId, type, tick, producer, part), so a
 * re-emitted event (retry, restart) has the same id and consumers drop it as a duplicate.
 *
 * @param part   chunk number for batched events, 0 otherwise
 * @param payload the event's payload as JSON (decoded with {@link EventCodec#payload})
 */
public record Envelope(String eventId, String type, int schemaVersion, String runId, int tick, int part,
                       String producer, String emittedAt, JsonNode payload) {
}
