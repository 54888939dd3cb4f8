package org.ngai.firm.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.ngai.events.EventCodec;

/** JSON helpers over the shared event mapper. */
public final class Json {
    private Json() {
    }

    public static JsonNode tree(String json) {
        try {
            return json == null ? null : EventCodec.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
