package org.ngai.service.capacity;

/**
 * How much heap one run needs in one service, and whether it fits next to the runs already in
 * progress (docs/pipeline.md, "Capacity"). A run of n firms needs {@code bytesPerRun + n * bytesPerFirm};
 * the per-firm figure is the service's measured in-memory state at its peak within a tick
 * ({@code ./simulate capacity} measures it). Of the JVM's maximum heap, the fraction {@code margin} is
 * kept back for the service itself (framework, Kafka client buffers, database batches) and for the
 * garbage collector's headroom; the rest is shared by the runs in progress.
 *
 * @param service      the service's name, for messages
 * @param bytesPerFirm heap per firm of a run in progress
 * @param bytesPerRun  heap per run independent of its size (scenario, owners, aggregator, buffers)
 * @param margin       fraction of the maximum heap that runs may not use, in [0, 1)
 * @param maxHeap      the JVM's maximum heap in bytes ({@link Runtime#maxMemory()})
 */
public record HeapEstimate(String service, long bytesPerFirm, long bytesPerRun, double margin, long maxHeap) {
    private static final long MB = 1024 * 1024;

    public HeapEstimate {
        if (bytesPerFirm <= 0) {
            throw new IllegalArgumentException("ngai.capacity.bytes-per-firm must be > 0, got " + bytesPerFirm);
        }
        if (bytesPerRun < 0) {
            throw new IllegalArgumentException("ngai.capacity.bytes-per-run must be >= 0, got " + bytesPerRun);
        }
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("ngai.capacity.heap-margin must be in [0, 1), got " + margin);
        }
        if (maxHeap <= 0) {
            throw new IllegalArgumentException("maximum heap must be > 0, got " + maxHeap);
        }
    }

    /** Heap a run of {@code firms} firms needs in this service, in bytes. */
    public long need(long firms) {
        return bytesPerRun + Math.max(0, firms) * bytesPerFirm;
    }

    /** Heap the runs of this instance may use together, in bytes. */
    public long usable() {
        return (long) (maxHeap * (1 - margin));
    }

    /**
     * Whether a run of {@code firms} firms fits next to runs in progress that need {@code committed}
     * bytes together.
     */
    public Verdict check(long firms, long committed, int runsInProgress) {
        long available = Math.max(0, usable() - Math.max(0, committed));
        long need = need(firms);
        long maxFirms = available <= bytesPerRun ? 0 : (available - bytesPerRun) / bytesPerFirm;
        return new Verdict(need <= available, firms, need, available, maxHeap, runsInProgress, maxFirms, service);
    }

    /** The outcome of {@link #check}: all figures in bytes, except firms and runs. */
    public record Verdict(boolean fits, long firms, long need, long available, long maxHeap, int runsInProgress,
                          long maxFirms, String service) {
        /** Names the field, the need, the limit, and how many firms would fit. */
        public String message() {
            return String.format("firms: %d firms need about %d MB of heap in %s; this instance can take about %d MB"
                            + " (max heap %d MB, %d run%s in progress); at most %d firms fit",
                    firms, ceilMb(need), service, available / MB, maxHeap / MB, runsInProgress,
                    runsInProgress == 1 ? "" : "s", maxFirms);
        }

        private static long ceilMb(long bytes) {
            return (bytes + MB - 1) / MB;
        }
    }
}
