package org.ngai.service.capacity;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The heap committed to runs on this instance, and the check that a new run fits (docs/pipeline.md,
 * "Capacity"). Two ways in:
 * <ul>
 * <li>{@link #reserve}: firm-service's {@code POST /api/runs} books a run before publishing RUN_STARTED,
 * and refuses it ({@link CapacityExceeded}, HTTP 422) when it does not fit. A booking that the event
 * intake has not confirmed within {@code ngai.capacity.reservation-seconds} lapses (the run's partition
 * may belong to another instance).</li>
 * <li>{@link #admit}: every service's event intake, on RUN_STARTED, commits the run or refuses it
 * ({@link org.ngai.service.EventIntake}); RUN_FINISHED and RUN_CANCELLED {@link #release} it.</li>
 * </ul>
 * Thread-safe: REST threads reserve, the consumer thread admits and releases.
 */
@ApplicationScoped
public class RunCapacity {
    @ConfigProperty(name = "quarkus.application.name")
    String service;
    @ConfigProperty(name = "ngai.capacity.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "ngai.capacity.bytes-per-firm", defaultValue = "8192")
    long bytesPerFirm;
    @ConfigProperty(name = "ngai.capacity.bytes-per-run", defaultValue = "16777216")
    long bytesPerRun;
    @ConfigProperty(name = "ngai.capacity.heap-margin", defaultValue = "0.3")
    double margin;
    @ConfigProperty(name = "ngai.capacity.reservation-seconds", defaultValue = "120")
    long reservationSeconds;
    /**
     * Heap per firm while a fork's state is derived: the service runs the parent's prefix through the model's
     * phases in its own JVM, so it briefly holds a whole population and a tick's records, as firm-service does
     * every tick. Defaults to firm-service's figure.
     */
    @ConfigProperty(name = "ngai.capacity.fork-bytes-per-firm", defaultValue = "2700")
    long forkBytesPerFirm;

    private final Map<String, Long> committed = new HashMap<>();
    private final Map<String, Reservation> reserved = new HashMap<>();

    private record Reservation(long bytes, long expiresAtNanos) {
    }

    /** The estimate for this JVM, with its current maximum heap. */
    public HeapEstimate estimate() {
        return new HeapEstimate(service, bytesPerFirm, bytesPerRun, margin, Runtime.getRuntime().maxMemory());
    }

    public boolean enabled() {
        return enabled;
    }

    /** Books a run of {@code firms} firms; throws {@link CapacityExceeded} if it does not fit. */
    public synchronized HeapEstimate.Verdict reserve(String runId, long firms) {
        purge();
        HeapEstimate est = estimate();
        HeapEstimate.Verdict v = est.check(firms, committedBytes(), runsInProgress());
        if (!enabled) {
            return v;
        }
        if (!v.fits()) {
            throw new CapacityExceeded(v);
        }
        reserved.put(runId, new Reservation(est.need(firms), System.nanoTime() + reservationSeconds * 1_000_000_000L));
        return v;
    }

    /**
     * Commits a started run; returns the refusal if it does not fit next to the runs in progress (its own
     * booking, if any, does not count against it). A run already committed is accepted again.
     */
    public synchronized Optional<HeapEstimate.Verdict> admit(String runId, long firms) {
        return admit(runId, firms, false);
    }

    /**
     * As {@link #admit(String, long)}; a fork ({@code fork}) is checked and committed at the heap its derivation
     * needs ({@code ngai.capacity.fork-bytes-per-firm} when larger than the service's own figure) until
     * {@link #settle} brings it down to the run's steady need.
     */
    public synchronized Optional<HeapEstimate.Verdict> admit(String runId, long firms, boolean fork) {
        if (committed.containsKey(runId)) {
            return Optional.empty();
        }
        purge();
        reserved.remove(runId);
        HeapEstimate est = fork ? forkEstimate() : estimate();
        HeapEstimate.Verdict v = est.check(firms, committedBytes(), runsInProgress());
        if (enabled && !v.fits()) {
            return Optional.of(v);
        }
        committed.put(runId, est.need(firms));
        return Optional.empty();
    }

    /** The estimate while a fork's state is derived. */
    HeapEstimate forkEstimate() {
        return new HeapEstimate(service, Math.max(bytesPerFirm, forkBytesPerFirm), bytesPerRun, margin,
                Runtime.getRuntime().maxMemory());
    }

    /** A committed run's state is in place (a fork's derivation is over): it holds its steady need from now on. */
    public synchronized void settle(String runId, long firms) {
        if (committed.containsKey(runId)) {
            committed.put(runId, estimate().need(firms));
        }
    }

    /** The run ended (finished, cancelled, refused): its heap is free again. */
    public synchronized void release(String runId) {
        committed.remove(runId);
        reserved.remove(runId);
    }

    /** Bytes committed and booked. */
    public synchronized long committedBytes() {
        long sum = 0;
        for (long b : committed.values()) {
            sum += b;
        }
        for (Reservation r : reserved.values()) {
            sum += r.bytes();
        }
        return sum;
    }

    /** Whether this run is committed or booked here. */
    public synchronized boolean holds(String runId) {
        return committed.containsKey(runId) || reserved.containsKey(runId);
    }

    /** Runs committed or booked on this instance. */
    public synchronized int runsInProgress() {
        return committed.size() + reserved.size();
    }

    private void purge() {
        long now = System.nanoTime();
        for (Iterator<Reservation> it = reserved.values().iterator(); it.hasNext(); ) {
            if (now - it.next().expiresAtNanos() > 0) {
                it.remove();
            }
        }
    }
}
