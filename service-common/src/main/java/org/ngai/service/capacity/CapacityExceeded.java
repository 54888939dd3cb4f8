package org.ngai.service.capacity;

/** A run does not fit in this instance's heap; the REST layer answers 422 naming {@code firms} (ErrorMappers). */
public final class CapacityExceeded extends RuntimeException {
    private final HeapEstimate.Verdict verdict;

    public CapacityExceeded(HeapEstimate.Verdict verdict) {
        super(verdict.message());
        this.verdict = verdict;
    }

    public HeapEstimate.Verdict verdict() {
        return verdict;
    }

    /** The request field the refusal is about. */
    public String field() {
        return "firms";
    }
}
