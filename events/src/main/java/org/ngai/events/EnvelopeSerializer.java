package org.ngai.events;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer for envelopes. Raw bytes pass through unchanged, so a record that could not
 * be decoded reaches the dead-letter topic exactly as it arrived.
 */
public class EnvelopeSerializer implements Serializer<Object> {
    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof byte[] raw) {
            return raw;
        }
        if (data instanceof Envelope e) {
            return EventCodec.toBytes(e);
        }
        try {
            return EventCodec.MAPPER.writeValueAsBytes(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
