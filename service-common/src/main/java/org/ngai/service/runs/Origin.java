package org.ngai.service.runs;

/**
 * Where a consumed event came from: topic, partition and offset. The run table uses it to know which
 * partition a run lives on (ownership across instances) and how far back in the log a restarted
 * instance has to read (resume offsets, docs/pipeline.md "Recovery").
 */
public record Origin(String topic, int partition, long offset) {
    /** An event that did not come from Kafka (tests, re-offered buffered events keep their own origin). */
    public static final Origin NONE = new Origin("", -1, -1);

    public boolean known() {
        return partition >= 0 && offset >= 0;
    }

    /** topic-partition key, e.g. {@code sim.control.v1-2}. */
    public String tp() {
        return topic + "-" + partition;
    }
}
