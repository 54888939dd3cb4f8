package org.ngai.events;

import java.util.List;

/**
 * A chunk of per-firm records (demands, matches, reports) for one (run, tick). The records travel in
 * the exact binary encoding of {@link RecordCodec}; each one stays addressable by its firm id and by
 * ({@code part}, index). Chunking is what makes 10,000 firms × 60 ticks fit the throughput budget
 * (see docs/pipeline.md, benchmark).
 *
 * @param schema type name and component fingerprint of the records
 * @param part   0-based chunk number within (run, tick, type)
 * @param count  number of records
 * @param data   the encoded records (raw bytes after the JSON header of a framed event, see
 *               {@link EventCodec#toBytes}; base64 if the envelope is written as plain JSON)
 */
public record RecordBatch(String schema, int part, int count, byte[] data) {

    public static <T extends Record> RecordBatch of(Class<T> type, int part, List<T> records) {
        RecordCodec<T> codec = RecordCodec.of(type);
        return new RecordBatch(codec.schema(), part, records.size(), codec.encode(records));
    }

    /** Decodes the records, checking that the schema is the one this build expects. */
    public <T extends Record> List<T> records(Class<T> type) {
        RecordCodec<T> codec = RecordCodec.of(type);
        if (!codec.schema().equals(schema)) {
            throw new IllegalArgumentException("record batch schema " + schema + " does not match " + codec.schema());
        }
        if (count < 0 || data == null) {
            throw new IllegalArgumentException("record batch has no data or a negative count");
        }
        return codec.decode(data, count);
    }
}
