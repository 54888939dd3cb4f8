package org.ngai.service.runs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.ngai.events.Envelope;
import org.ngai.events.EventType;
import org.ngai.service.DeadLetters;
import org.ngai.service.EventPublisher;

/**
 * The runs one service instance holds, with everything the four services handle alike
 * (docs/pipeline.md "The run table"): which partition a run lives on, duplicate ids, events that came
 * before their run's RUN_STARTED, runs that have ended, progress and stalls, checkpoints and the
 * resume offsets they allow, and the phase timers. Each service's RunManager keeps only its own state
 * machine: what a run's state {@code S} is and which step an event completes.
 *
 * <p>The rules, the same everywhere:
 * <ul>
 * <li>An event of a partition this instance does not own is ignored (it is in flight from before a
 * rebalance; the owner reads it).</li>
 * <li>An event of an ended run is dropped; so is an event id the run has seen. An event the service
 * rejects is forgotten again ({@link #forget}), so a corrected copy with the same id gets through.</li>
 * <li>The first event of a run not in memory asks the service to {@link Recoverer recover} it from its
 * database: ended (drop), restored from a checkpoint (continue), or unknown (buffer until RUN_STARTED).</li>
 * <li>Buffered events are re-offered once the run starts; one that turns out invalid is dead-lettered
 * alone, with its reason; the rest of the buffer and the run go on ({@link #replayEarly}).</li>
 * <li>A buffer that reaches {@code ngai.runs.early-limit} events without RUN_STARTED is dropped and the
 * event that overflowed it is rejected, naming the run.</li>
 * <li>Every event is tracked by (topic-partition, offset, tick) until a checkpoint covers its tick; the
 * smallest tracked offset per partition, or the instance's position when nothing is tracked, is where a
 * restarted instance resumes reading ({@link #resumeOffsets}).</li>
 * </ul>
 * Thread-safe: the consumer thread, the watch thread and REST readers call it.
 *
 * @param <S> the service's state of one run
 */
public final class RunTable<S> {
    private static final Logger LOG = Logger.getLogger(RunTable.class);
    /** Tick recorded for run-level events (RUN_STARTED, pause, resume, cancel): any checkpoint covers them. */
    static final int RUN_LEVEL = -1;

    /** What the service's database says about a run that is not in memory. */
    public record Recovered<S>(S state, int checkpointTick, String endedStatus) {
        public static <S> Recovered<S> unknown() {
            return new Recovered<>(null, -1, null);
        }

        public static <S> Recovered<S> ended(String status) {
            return new Recovered<>(null, -1, status);
        }

        public static <S> Recovered<S> restored(S state, int checkpointTick) {
            return new Recovered<>(state, checkpointTick, null);
        }
    }

    /** The service's way back to a run from its database (called on the consumer thread). */
    @FunctionalInterface
    public interface Recoverer<S> {
        Recovered<S> recover(String runId);
    }

    /** An event waiting for its run's RUN_STARTED, decoded and checked. */
    public record Held(Envelope envelope, Origin origin, EventType type, Object payload) {
    }

    /** One run in memory. Fields other than {@link #state} are the table's. */
    public static final class Run<S> {
        public final String id;
        private S state;
        private int partition = -1;
        private boolean paused;
        private boolean restored;
        private int checkpointTick = -1;
        private final LinkedHashSet<String> seen = new LinkedHashSet<>();
        private final List<Held> early = new ArrayList<>();
        private final Map<String, TreeMap<Long, Integer>> tracked = new HashMap<>();
        private volatile long lastProgress = System.nanoTime();
        private volatile int progressTick;
        private volatile String stalledReason;

        Run(String id) {
            this.id = id;
        }

        public S state() {
            return state;
        }

        public boolean started() {
            return state != null;
        }

        public boolean paused() {
            return paused;
        }

        /** True when the state came from a checkpoint or the database rather than from RUN_STARTED. */
        public boolean restored() {
            return restored;
        }

        public int checkpointTick() {
            return checkpointTick;
        }

        public int partition() {
            return partition;
        }

        /** The tick of the last step taken (for stall messages). */
        public int progressTick() {
            return progressTick;
        }

        /** Null unless the run is marked stalled. */
        public String stalledReason() {
            return stalledReason;
        }

        public int buffered() {
            return early.size();
        }
    }

    private final String service;
    private final RunSettings settings;
    private final RunPartitions partitions;
    private final EventPublisher publisher;
    private final DeadLetters deadLetters;
    private final Map<String, Run<S>> runs = new LinkedHashMap<>();
    private final LinkedHashMap<String, String> ended = new LinkedHashMap<>();
    private final Counter duplicates;
    private final Counter ignored;
    private final MeterRegistry registry;
    private volatile int stalled;

    /**
     * @param partitions null outside Kafka (unit tests): every event is owned and nothing is stored
     */
    public RunTable(String service, RunSettings settings, RunPartitions partitions, EventPublisher publisher,
                    DeadLetters deadLetters, MeterRegistry registry) {
        this.service = service;
        this.settings = settings;
        this.partitions = partitions;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.duplicates = Counter.builder("transform_duplicate_events_total").tag("service", service)
                .description("events dropped as duplicates").register(registry);
        this.ignored = Counter.builder("transform_unowned_events_total").tag("service", service)
                .description("events of partitions this instance no longer owns (in flight across a rebalance)")
                .register(registry);
        Gauge.builder("transform_active_runs", this, RunTable::size).tag("service", service)
                .description("runs held in memory").register(registry);
        Gauge.builder("transform_stalled_runs", this, t -> t.stalled).tag("service", service)
                .description("runs in memory marked STALLED (no progress for ngai.runs.stall-after)").register(registry);
        if (partitions != null) {
            partitions.onLost(this::lost);
            partitions.resumeSource(this::resumeOffsets);
        }
    }

    /** A timer {@code transform_phase_seconds{service, phase}}. */
    public Timer phaseTimer(String phase) {
        return Timer.builder("transform_phase_seconds").tag("service", service).tag("phase", phase)
                .description("time of one phase function call").register(registry);
    }

    /** Records the time since {@code startNanos} on {@code timer}. */
    public static void record(Timer timer, long startNanos) {
        timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    public String service() {
        return service;
    }

    public synchronized int size() {
        return runs.size();
    }

    public double duplicatesDropped() {
        return duplicates.count();
    }

    /** Counts an event dropped as a copy by the service's own state machine (a step already taken). */
    public void duplicate() {
        duplicates.increment();
    }

    public synchronized Run<S> get(String runId) {
        return runs.get(runId);
    }

    public synchronized List<Run<S>> all() {
        return new ArrayList<>(runs.values());
    }

    public synchronized boolean ended(String runId) {
        return ended.containsKey(runId);
    }

    // ------------------------------------------------------------------ admission

    /**
     * The run an event belongs to, or null when the event is to be dropped (not owned, ended run,
     * duplicate id). Throws IllegalArgumentException when the envelope lacks its ids.
     */
    public synchronized Run<S> admit(Envelope e, Origin o, Recoverer<S> recoverer) {
        if (e.eventId() == null || e.eventId().isBlank()) {
            throw new IllegalArgumentException("eventId is missing");
        }
        if (e.runId() == null || e.runId().isBlank()) {
            throw new IllegalArgumentException("runId is missing");
        }
        if (partitions != null && !partitions.owns(o)) {
            ignored.increment();
            return null;
        }
        if (partitions != null) {
            partitions.consumed(o);
        }
        if (ended.containsKey(e.runId())) {
            duplicates.increment();
            return null;
        }
        Run<S> r = runs.get(e.runId());
        if (r == null) {
            Recovered<S> rec = recoverer.recover(e.runId());
            if (rec.endedStatus() != null) {
                markEnded(e.runId(), rec.endedStatus());
                duplicates.increment();
                return null;
            }
            r = new Run<>(e.runId());
            if (rec.state() != null) {
                r.state = rec.state();
                r.checkpointTick = rec.checkpointTick();
                r.progressTick = Math.max(0, rec.checkpointTick());
                r.restored = true;
                LOG.infof("%s: run %s restored at tick %d", service, r.id, rec.checkpointTick());
            }
            runs.put(r.id, r);
        }
        if (o.known()) {
            r.partition = o.partition();
        }
        if (!r.seen.add(e.eventId())) {
            duplicates.increment();
            return null;
        }
        if (r.seen.size() > Math.max(1, settings.dedupWindow())) {
            Iterator<String> it = r.seen.iterator();
            it.next();
            it.remove();
        }
        track(r, e, o);
        return r;
    }

    private void track(Run<S> r, Envelope e, Origin o) {
        if (!o.known()) {
            return;
        }
        int tick = runLevel(e) ? RUN_LEVEL : e.tick();
        if (tick != RUN_LEVEL && tick <= r.checkpointTick) {
            return;   // covered by the checkpoint already
        }
        r.tracked.computeIfAbsent(o.tp(), k -> new TreeMap<>()).put(o.offset(), tick);
    }

    private static boolean runLevel(Envelope e) {
        String t = e.type();
        return "RUN_STARTED".equals(t) || "RUN_PAUSED".equals(t) || "RUN_RESUMED".equals(t)
                || "RUN_CANCELLED".equals(t);
    }

    /** The service rejected the event: forget its id, so that a corrected copy with the same id gets through. */
    public synchronized void forget(Run<S> r, Envelope e) {
        if (r != null) {
            r.seen.remove(e.eventId());
        }
    }

    // ------------------------------------------------------------------ run lifecycle

    /** Keeps an event of a run whose RUN_STARTED has not arrived. */
    public synchronized void hold(Run<S> r, Envelope e, Origin o, EventType type, Object payload) {
        if (r.early.size() >= Math.max(1, settings.earlyLimit())) {
            int n = r.early.size();
            runs.remove(r.id);
            throw new IllegalArgumentException("runId " + r.id + " is unknown to " + service + " (" + n
                    + " events waited for its RUN_STARTED); its buffered events are dropped");
        }
        r.early.add(new Held(e, o, type, payload));
    }

    /** The run starts with {@code state} (from RUN_STARTED). */
    public synchronized void start(Run<S> r, S state) {
        r.state = state;
        r.restored = false;
        r.lastProgress = System.nanoTime();
    }

    /**
     * Re-offers the events that waited for the run's start, in arrival order. One that fails is sent to
     * the dead-letter topic with its reason and counted; the others and the run go on.
     */
    public void replayEarly(Run<S> r, Consumer<Held> action) {
        List<Held> pending;
        synchronized (this) {
            pending = new ArrayList<>(r.early);
            r.early.clear();
        }
        for (Held h : pending) {
            try {
                action.accept(h);
            } catch (RuntimeException ex) {
                deadLetters.count(h.type().topic);
                publisher.deadLetter(h.envelope(), ex.getMessage());
                LOG.warnf("%s rejected buffered %s@%d of run %s: %s", service, h.type(), h.envelope().tick(), r.id,
                        ex.getMessage());
            }
        }
    }

    public synchronized void paused(Run<S> r, boolean paused) {
        r.paused = paused;
        r.lastProgress = System.nanoTime();
    }

    /**
     * The run took a step at {@code tick}. Returns true when it had been marked stalled: the caller then
     * records that it runs again.
     */
    public boolean progressed(Run<S> r, int tick) {
        r.lastProgress = System.nanoTime();
        r.progressTick = Math.max(r.progressTick, tick);
        if (r.stalledReason != null) {
            synchronized (this) {
                r.stalledReason = null;
                stalled = countStalled();
            }
            LOG.infof("%s: run %s makes progress again (tick %d)", service, r.id, tick);
            return true;
        }
        return false;
    }

    /**
     * The service's state of the run now covers every tick up to {@code tick} and is stored (or can be
     * rebuilt from its database): the log before it is no longer needed for this run.
     */
    public synchronized void checkpointed(Run<S> r, int tick) {
        if (tick <= r.checkpointTick) {
            return;
        }
        r.checkpointTick = tick;
        for (TreeMap<Long, Integer> m : r.tracked.values()) {
            m.values().removeIf(t -> t == RUN_LEVEL || t <= tick);
        }
        r.tracked.values().removeIf(TreeMap::isEmpty);
    }

    /** The run has ended (finished, cancelled, failed): it leaves memory and its later events are dropped. */
    public synchronized Run<S> end(String runId, String status) {
        Run<S> r = runs.remove(runId);
        markEnded(runId, status);
        stalled = countStalled();
        return r;
    }

    private void markEnded(String runId, String status) {
        ended.put(runId, status);
        if (ended.size() > Math.max(1, settings.closedMemory())) {
            Iterator<String> it = ended.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    /** Drops a run from memory without ending it (its buffer overflowed, or another instance owns it now). */
    public synchronized void drop(String runId) {
        runs.remove(runId);
        stalled = countStalled();
    }

    private synchronized void lost(Set<Integer> partitionNumbers) {
        int n = 0;
        for (Iterator<Run<S>> it = runs.values().iterator(); it.hasNext(); ) {
            Run<S> r = it.next();
            if (partitionNumbers.contains(r.partition)) {
                it.remove();
                n++;
            }
        }
        stalled = countStalled();
        if (n > 0) {
            LOG.infof("%s: %d runs of partitions %s left memory (another instance owns them now)", service, n,
                    partitionNumbers);
        }
    }

    // ------------------------------------------------------------------ stalls and resume offsets

    /**
     * Runs that have started, are not paused and have made no progress for {@code ngai.runs.stall-after};
     * each is marked with {@code reason.apply(run)} and returned once (until it progresses again).
     */
    public synchronized List<Run<S>> markStalled(java.util.function.Function<Run<S>, String> reason) {
        long limit = settings.stallAfter().toNanos();
        long now = System.nanoTime();
        List<Run<S>> out = new ArrayList<>();
        for (Run<S> r : runs.values()) {
            if (r.stalledReason == null && !r.paused && now - r.lastProgress > limit) {
                String why = reason.apply(r);
                if (why == null) {
                    continue;   // the service says the run is not waiting (e.g. between runs of a paused clock)
                }
                r.stalledReason = why;
                out.add(r);
            }
        }
        stalled = countStalled();
        return out;
    }

    private int countStalled() {
        int n = 0;
        for (Run<S> r : runs.values()) {
            if (r.stalledReason != null) {
                n++;
            }
        }
        return n;
    }

    /**
     * Per owned topic-partition, the offset a restarted instance must read from: the smallest offset a run
     * in memory still needs there (events not covered by its checkpoint), or this instance's position.
     */
    public synchronized Map<String, Long> resumeOffsets() {
        Map<String, Long> out = new HashMap<>(partitions == null ? Map.of() : partitions.positions());
        for (Run<S> r : runs.values()) {
            for (Map.Entry<String, TreeMap<Long, Integer>> e : r.tracked.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                long first = e.getValue().firstKey();
                out.merge(e.getKey(), first, Math::min);
            }
        }
        return out;
    }
}
