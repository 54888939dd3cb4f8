package org.ngai.indicator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.ngai.events.EventCodec;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.tick.Environment;

/** JSON of stored indicators and environments, with the shared event mapper (NaN survives as "NaN"). */
public final class Json {
    private Json() {
    }

    public static String write(Object o) {
        try {
            return EventCodec.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TickIndicators indicators(String json) {
        return read(json, TickIndicators.class);
    }

    public static Environment environment(String json) {
        return json == null ? null : read(json, Environment.class);
    }

    public static JsonNode tree(String json) {
        try {
            return json == null ? null : EventCodec.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return EventCodec.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
