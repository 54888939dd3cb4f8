package org.ngai.events.audit;

import java.util.List;

/**
 * What answering one question read from the log: how bounded the read was and what it cost.
 *
 * @param records     Kafka records fetched (every run's records in the partitions' bounded ranges)
 * @param bytes       their value bytes
 * @param runRecords  of which this run's (key = run id)
 * @param duplicates  of the run's records, copies of an event already read (same eventId), dropped
 * @param widened     topics re-read over the whole run because the tick's window missed a part (normally empty)
 * @param millis      wall time of the reads, including the consumer's metadata requests
 */
public record ReadStats(long records, long bytes, long runRecords, long duplicates, List<String> widened, long millis) {
    public ReadStats {
        widened = List.copyOf(widened);
    }

    /** Sums two reads (a fork's answer that needed its parent's log too). */
    public ReadStats plus(ReadStats o) {
        List<String> w = new java.util.ArrayList<>(widened);
        w.addAll(o.widened);
        return new ReadStats(records + o.records, bytes + o.bytes, runRecords + o.runRecords, duplicates + o.duplicates,
                w, millis + o.millis);
    }
}
