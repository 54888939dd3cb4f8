package org.ngai.events;

import org.apache.kafka.common.serialization.Deserializer;

/** Kafka value deserializer for envelopes; an undecodable record fails here and is dead-lettered. */
public class EnvelopeDeserializer implements Deserializer<Envelope> {
    @Override
    public Envelope deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        return EventCodec.fromBytes(data);
    }
}
