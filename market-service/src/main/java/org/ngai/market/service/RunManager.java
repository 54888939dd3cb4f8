package org.ngai.market.service;

import org.ngai.service.DeadLetters;
import org.ngai.service.EnvelopeHandler;
import org.ngai.service.runs.FaultPoints;
import org.ngai.service.runs.Origin;
import org.ngai.service.runs.RunPartitions;
import org.ngai.service.runs.RunSettings;
import org.ngai.service.runs.RunTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.events.RecordBatch;
import org.ngai.market.config.MarketConfig;
import org.ngai.service.EventPublisher;
import org.ngai.market.persistence.MarketCheckpointEntity;
import org.ngai.market.persistence.MarketRunEntity;
import org.ngai.model.core.Region;
import org.ngai.model.market.MarketPhase;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.Supplies;

/**
 * The matcher's state machine (docs/pipeline.md step 3). For each (run, tick) it collects the
 * environment (TICK_STARTED), the supplies (FACTOR_SUPPLIED), every demand chunk (FACTOR_DEMANDS) and
 * the closing marker (DEMANDS_CLOSED), in whatever order they arrive, also before the run's
 * RUN_STARTED. Once all are in it sorts the demands by firm id, runs {@link MarketPhase#clear} and
 * publishes FACTOR_MATCHED chunks, MARKET_CLEARED and CLEARING_CLOSED, exactly once per (run, tick).
 *
 * <p>Duplicates change nothing: an event id seen before, a part or marker already held, or any event
 * of a tick already settled is dropped. Invalid events throw {@link IllegalArgumentException} with a
 * message naming the problem; the listener dead-letters them. Calls are serialised by this object's
 * lock (the consumer calls from one thread; tests and metrics read concurrently).
 *
 * <p>Checkpoints (docs/pipeline.md "Checkpoints"): every {@code market.checkpoints.interval} ticks, once
 * TICK_CLOSED(t) has been read and every tick up to t is settled, the run's scenario and settled ticks are saved
 * ({@code market_checkpoints}). A restarted instance restores the run from there and reads the log after it,
 * instead of the whole log from RUN_STARTED.
 */
@ApplicationScoped
public class RunManager implements EnvelopeHandler {
    private static final Logger LOG = Logger.getLogger(RunManager.class);
    private static final int CELLS = Environment.GAME_MARKETS * Region.COUNT;

    @Inject
    EventPublisher publisher;
    @Inject
    ClearingWriter writer;
    @Inject
    CheckpointStore checkpoints;
    @Inject
    MarketConfig config;
    @Inject
    MeterRegistry registry;

    @Inject
    RunSettings settings;
    @Inject
    RunPartitions partitions;
    @Inject
    DeadLetters deadLetters;

    private RunTable<MarketRun> table;
    private Counter clearings;
    private Timer clearTimer;
    private Timer checkpointTimer;

    @PostConstruct
    void metrics() {
        table = new RunTable<>(publisher.producer(), settings, partitions, publisher, deadLetters, registry);
        clearings = Counter.builder("transform_market_clearings_total").tag("service", publisher.producer())
                .description("(run, tick) clearings published").register(registry);
        clearTimer = table.phaseTimer("clear");
        checkpointTimer = table.phaseTimer("checkpoint");
        partitions.watch(this::checkStalls);
    }

    /** Runs currently held in memory. */
    public int activeRuns() {
        return table.size();
    }

    /** What is held for one run, for tests and diagnostics; null when the run is not in memory. */
    public synchronized Held held(String runId) {
        RunTable.Run<MarketRun> entry = table.get(runId);
        MarketRun r = entry == null ? null : entry.state();
        if (r == null) {
            return null;
        }
        List<Integer> ticks = new ArrayList<>(r.pending.keySet());
        int parts = 0;
        int markers = 0;
        for (TickInputs in : r.pending.values()) {
            parts += in.parts.size();
            markers += (in.env != null ? 1 : 0) + (in.supplies != null ? 1 : 0) + (in.closed != null ? 1 : 0);
        }
        return new Held(r.scenario != null, ticks, parts, markers, r.lastCleared);
    }

    /**
     * Drops a run from memory without ending it, as a restart of this instance does: its next event recovers it
     * from the database (its checkpoint). For tests and diagnostics.
     */
    public synchronized void evict(String runId) {
        table.drop(runId);
    }

    /** The tick of the run's last checkpoint this instance knows of (-1: none, or the run is not in memory). */
    public synchronized int checkpointTick(String runId) {
        RunTable.Run<MarketRun> entry = table.get(runId);
        return entry == null ? -1 : entry.checkpointTick();
    }

    /**
     * @param started     RUN_STARTED has arrived
     * @param ticks       ticks with inputs still waiting
     * @param demandParts demand chunks held
     * @param markers     environments, supplies and closing markers held
     * @param lastCleared last tick cleared (0: none)
     */
    public record Held(boolean started, List<Integer> ticks, int demandParts, int markers, int lastCleared) {
    }

    /** Entry point for every consumed envelope. Throws IllegalArgumentException for invalid events. */
    @Override
    public synchronized void handle(Envelope e, Origin origin) {
        EventType type = EventCodec.type(e);
        switch (type) {
            case RUN_STARTED, TICK_STARTED, FACTOR_SUPPLIED, FACTOR_DEMANDS, DEMANDS_CLOSED, RUN_FINISHED, RUN_CANCELLED,
                    RUN_PAUSED, RUN_RESUMED, TICK_CLOSED -> {
            }
            default -> {
                return;   // other events on the consumed topics do not concern the matcher
            }
        }
        RunTable.Run<MarketRun> entry = table.admit(e, origin, this::recover);
        if (entry == null) {
            return;
        }
        if (!entry.started()) {
            // the matcher keeps early inputs in its own per-tick buffers (they need no scenario to be held)
            table.start(entry, new MarketRun(entry.id));
        }
        try {
            switch (type) {
                case RUN_STARTED -> onRunStarted(e);
                case TICK_STARTED -> onEnvironment(e);
                case FACTOR_SUPPLIED -> onSupplies(e);
                case FACTOR_DEMANDS -> onDemands(e);
                case DEMANDS_CLOSED -> onDemandsClosed(e);
                case RUN_FINISHED -> {
                    EventCodec.payload(e, Payloads.RunFinished.class);
                    close(e.runId(), MarketRunEntity.Status.FINISHED);
                }
                case RUN_CANCELLED -> {
                    EventCodec.payload(e, Payloads.RunCancelled.class);
                    close(e.runId(), MarketRunEntity.Status.CANCELLED);
                }
                case RUN_PAUSED -> {
                    entry.state().paused = true;
                    table.paused(entry, true);
                }
                case RUN_RESUMED -> {
                    entry.state().paused = false;
                    table.paused(entry, false);
                }
                case TICK_CLOSED -> onTickClosed(entry, e.tick());
                default -> throw new IllegalStateException(type.name());
            }
        } catch (RuntimeException ex) {
            table.forget(entry, e);
            throw ex;
        } finally {
            checkpointIfDue(entry);   // also after an event that settled a tick by rejecting it
        }
    }

    /**
     * A run not in memory: ended according to the database, restored from its checkpoint (the log after the
     * checkpoint's tick follows), or not known yet (rebuilt from its log, from RUN_STARTED on).
     */
    private RunTable.Recovered<MarketRun> recover(String runId) {
        String status = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            MarketRunEntity r = MarketRunEntity.findById(runId);
            return r == null ? null : r.status;
        });
        if (MarketRunEntity.Status.FINISHED.name().equals(status) || MarketRunEntity.Status.CANCELLED.name().equals(status)
                || MarketRunEntity.Status.FAILED.name().equals(status)) {
            return RunTable.Recovered.ended(status);
        }
        Optional<MarketCheckpointEntity> ck = checkpoints.find(runId);
        if (ck.isEmpty()) {
            return RunTable.Recovered.unknown();
        }
        MarketCheckpointEntity c = ck.get();
        MarketRun run = new MarketRun(runId);
        run.scenario = ScenarioLoader.parse(c.scenarioJson);
        run.phase = new MarketPhase(run.scenario);
        run.settled.or(BitSet.valueOf(c.settled));
        run.lastCleared = c.lastCleared;
        run.paused = c.paused;
        writer.runStarted(runId, run.scenario.name(), run.scenario.ticks());   // the row may not have been written
        LOG.infof("run %s restored from its checkpoint after tick %d (%d ticks settled)", runId, c.tick,
                run.settled.cardinality());
        return RunTable.Recovered.restored(run, c.tick);
    }

    /** Watch thread: marks runs without progress as STALLED, naming what the matcher waits for. */
    synchronized void checkStalls() {
        for (RunTable.Run<MarketRun> entry : table.markStalled(this::waitingFor)) {
            LOG.warnf("run %s STALLED: %s", entry.id, entry.stalledReason());
            writer.status(entry.id, MarketRunEntity.Status.STALLED, entry.stalledReason());
        }
    }

    private String waitingFor(RunTable.Run<MarketRun> entry) {
        String since = " (no progress for " + settings.stallAfter().toSeconds() + " s)";
        MarketRun r = entry.state();
        if (r == null || r.scenario == null) {
            return "market-service waits for RUN_STARTED of the run" + since;
        }
        if (r.paused) {
            return null;   // a paused run waits for RUN_RESUMED, not for a service
        }
        int t = r.lastCleared + 1;
        TickInputs in = r.pending.get(t);
        if (in == null) {
            return "market-service waits for the inputs of tick " + t + ": TICK_STARTED and FACTOR_DEMANDS from "
                    + "firm-service, FACTOR_SUPPLIED from factor-service" + since;
        }
        List<String> missing = new ArrayList<>();
        if (in.env == null) {
            missing.add("TICK_STARTED from firm-service");
        }
        if (in.closed == null) {
            missing.add("DEMANDS_CLOSED from firm-service");
        } else if (in.parts.size() < in.closed.parts()) {
            missing.add((in.closed.parts() - in.parts.size()) + " FACTOR_DEMANDS parts from firm-service");
        }
        if (in.supplies == null) {
            missing.add("FACTOR_SUPPLIED from factor-service");
        }
        return "market-service waits for " + String.join(", ", missing) + " of tick " + t + since;
    }

    // ------------------------------------------------------------------ events

    private void onRunStarted(Envelope e) {
        Payloads.RunStarted p = EventCodec.payload(e, Payloads.RunStarted.class);
        if (p.scenario() == null || p.scenario().isNull()) {
            throw new IllegalArgumentException("payload of RUN_STARTED has no scenario");
        }
        Scenario scenario;
        try {
            scenario = ScenarioLoader.fromTree(p.scenario());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("scenario of RUN_STARTED is invalid: " + ex.getMessage(), ex);
        }
        Payloads.ForkOf fork = p.checkedFork(scenario.ticks());
        MarketRun run = state(e.runId());
        if (run.scenario != null) {
            table.duplicate();
            return;
        }
        run.scenario = scenario;
        run.phase = new MarketPhase(scenario);
        if (fork != null) {
            // a fork clears from its first tick on (the matcher holds nothing between ticks); earlier ticks are the
            // parent's
            run.lastCleared = Math.max(run.lastCleared, fork.tick() - 1);
            run.settled.set(1, fork.tick());
            run.pending.headMap(fork.tick()).clear();
        }
        run.early = 0;
        writer.runStarted(run.id, scenario.name(), scenario.ticks());
        LOG.infof("run %s started: %s, %d ticks (%d ticks already have inputs)", run.id, scenario.name(),
                scenario.ticks(), run.pending.size());
        for (Integer t : new ArrayList<>(run.pending.tailMap(scenario.ticks(), false).keySet())) {
            LOG.warnf("run %s: dropping inputs of tick %d beyond the scenario's %d ticks", run.id, t, scenario.ticks());
            run.pending.remove(t);
        }
        RuntimeException failure = null;
        for (Integer t : new ArrayList<>(run.pending.keySet())) {
            try {
                maybeClear(run, t);
            } catch (RuntimeException ex) {
                // a held tick was bad; the run itself is fine: report the first problem with this event
                failure = failure == null ? ex : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void onEnvironment(Envelope e) {
        Environment env = EventCodec.payload(e, Payloads.TickStarted.class).environment();
        if (env == null) {
            throw new IllegalArgumentException("payload of TICK_STARTED has no environment");
        }
        if (env.tick() != e.tick()) {
            throw new IllegalArgumentException("environment.tick " + env.tick() + " does not match the event's tick "
                    + e.tick());
        }
        requireLength("environment.screening", env.screening(), CELLS);
        requireLength("environment.wageL", env.wageL(), Region.COUNT);
        requireLength("environment.wageH", env.wageH(), Region.COUNT);
        if (env.regimes() == null || env.regimes().length != CELLS) {
            throw new IllegalArgumentException("environment.regimes must have " + CELLS + " entries");
        }
        if (env.ai() == null) {
            throw new IllegalArgumentException("environment.ai is missing");
        }
        TickInputs in = inputs(e);
        if (in == null) {
            return;
        }
        if (in.env != null) {
            table.duplicate();
            return;
        }
        in.env = env;
        countEarly(e);
        maybeClear(state(e.runId()), e.tick());
    }

    private void onSupplies(Envelope e) {
        Supplies s = EventCodec.payload(e, Supplies.class);
        requireLength("supplies.screening", s.screening(), CELLS);
        if (s.ai() == null) {
            throw new IllegalArgumentException("supplies.ai is missing");
        }
        TickInputs in = inputs(e);
        if (in == null) {
            return;
        }
        if (in.supplies != null) {
            table.duplicate();
            return;
        }
        in.supplies = s;
        countEarly(e);
        maybeClear(state(e.runId()), e.tick());
    }

    private void onDemands(Envelope e) {
        RecordBatch batch = EventCodec.payload(e, RecordBatch.class);
        if (batch.part() != e.part()) {
            throw new IllegalArgumentException("FACTOR_DEMANDS batch part " + batch.part() + " does not match the event's part "
                    + e.part());
        }
        if (e.part() < 0) {
            throw new IllegalArgumentException("part must be >= 0, got " + e.part());
        }
        List<FactorDemand> demands;
        try {
            demands = batch.records(FactorDemand.class);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("FACTOR_DEMANDS part " + e.part() + ": " + ex.getMessage(), ex);
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("FACTOR_DEMANDS part " + e.part() + ": records cannot be decoded ("
                    + ex + ")", ex);
        }
        TickInputs in = inputs(e);
        if (in == null) {
            return;
        }
        if (in.closed != null && e.part() >= in.closed.parts()) {
            throw new IllegalArgumentException("FACTOR_DEMANDS part " + e.part() + " is beyond DEMANDS_CLOSED.parts "
                    + in.closed.parts() + " of tick " + e.tick());
        }
        if (in.parts.containsKey(e.part())) {
            table.duplicate();
            return;
        }
        in.parts.put(e.part(), demands);
        countEarly(e);
        checkDemandCount(state(e.runId()), in);
        maybeClear(state(e.runId()), e.tick());
    }

    private void onDemandsClosed(Envelope e) {
        Payloads.Closed c = EventCodec.payload(e, Payloads.Closed.class);
        if (c.parts() < 0) {
            throw new IllegalArgumentException("DEMANDS_CLOSED.parts must be >= 0, got " + c.parts());
        }
        if (c.records() < 0) {
            throw new IllegalArgumentException("DEMANDS_CLOSED.records must be >= 0, got " + c.records());
        }
        TickInputs in = inputs(e);
        if (in == null) {
            return;
        }
        if (in.closed != null) {
            if (!in.closed.equals(c)) {
                LOG.warnf("run %s tick %d: second DEMANDS_CLOSED %s differs from the first %s; keeping the first",
                        e.runId(), e.tick(), c, in.closed);
            }
            table.duplicate();
            return;
        }
        if (!in.parts.isEmpty() && in.parts.lastKey() >= c.parts()) {
            throw new IllegalArgumentException("DEMANDS_CLOSED.parts " + c.parts() + " of tick " + e.tick()
                    + " leaves out the FACTOR_DEMANDS part " + in.parts.lastKey() + " already received");
        }
        in.closed = c;
        countEarly(e);
        checkDemandCount(state(e.runId()), in);
        maybeClear(state(e.runId()), e.tick());
    }

    private void close(String runId, MarketRunEntity.Status status) {
        RunTable.Run<MarketRun> entry = table.end(runId, status.name());
        MarketRun run = entry == null ? null : entry.state();
        writer.runEnded(runId, status);
        LOG.infof("run %s %s; %s", runId, status.name().toLowerCase(java.util.Locale.ROOT),
                run == null ? "nothing held" : "freed (last cleared tick " + run.lastCleared + ", "
                        + run.pending.size() + " ticks uncleared)");
    }

    private MarketRun state(String runId) {
        return table.get(runId).state();
    }

    // ------------------------------------------------------------------ state

    /**
     * The inputs of the event's (run, tick), creating the run's buffer if it is not known yet; null
     * when the event changes nothing (run closed, tick settled).
     */
    private TickInputs inputs(Envelope e) {
        if (e.tick() < 1) {
            throw new IllegalArgumentException("tick must be >= 1 for " + e.type() + ", got " + e.tick());
        }
        MarketRun run = state(e.runId());
        if (run.scenario != null && e.tick() > run.scenario.ticks()) {
            throw new IllegalArgumentException("tick " + e.tick() + " is beyond the run's " + run.scenario.ticks()
                    + " ticks");
        }
        if (run.settled.get(e.tick())) {
            table.duplicate();
            return null;
        }
        if (run.scenario == null && run.early >= Math.max(1, settings.earlyLimit())) {
            table.drop(run.id);
            throw new IllegalArgumentException("run " + run.id + " is unknown to market-service (no RUN_STARTED after "
                    + run.early + " events); its buffered events are dropped");
        }
        return run.inputs(e.tick());
    }

    private void countEarly(Envelope e) {
        MarketRun run = state(e.runId());
        if (run.scenario == null) {
            run.early++;
        }
    }

    private static void requireLength(String field, double[] a, int n) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(field + " must have " + n + " entries, got "
                    + (a == null ? "none" : String.valueOf(a.length)));
        }
    }

    /**
     * Once the marker and every part it names are in, their record count must equal the marker's;
     * otherwise the tick is settled without clearing and the event that completed it is rejected.
     */
    private void checkDemandCount(MarketRun run, TickInputs in) {
        if (in.closed == null || in.parts.size() < in.closed.parts()) {
            return;
        }
        int records = in.records();
        if (records != in.closed.records()) {
            run.pending.remove(in.tick);
            run.settled.set(in.tick);
            throw new IllegalArgumentException("record count mismatch in run " + run.id + " tick " + in.tick
                    + ": DEMANDS_CLOSED.records is " + in.closed.records() + " but its " + in.closed.parts()
                    + " FACTOR_DEMANDS parts hold " + records + " demands; the tick is not cleared");
        }
    }

    // ------------------------------------------------------------------ clearing

    private void maybeClear(MarketRun run, int tick) {
        TickInputs in = run.pending.get(tick);
        if (run.scenario == null || in == null || !in.complete()) {
            return;
        }
        run.pending.remove(tick);
        run.settled.set(tick);
        List<FactorDemand> demands = in.sortedDemands();
        Clearing clearing;
        long t0 = System.nanoTime();
        try {
            clearing = run.phase.clear(in.env, tick, demands, in.supplies);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("inputs of run " + run.id + " tick " + tick + " cannot be cleared: "
                    + ex.getMessage() + "; the tick is not cleared", ex);
        } catch (RuntimeException ex) {
            LOG.errorf(ex, "clearing of run %s tick %d failed", run.id, tick);
            throw new IllegalArgumentException("clearing of run " + run.id + " tick " + tick + " failed: " + ex
                    + "; the tick is not cleared", ex);
        } finally {
            RunTable.record(clearTimer, t0);
        }
        publish(run.id, tick, clearing);
        clearings.increment();
        if (table.progressed(table.get(run.id), tick)) {
            writer.status(run.id, MarketRunEntity.Status.RUNNING, "");
        }
        run.lastCleared = Math.max(run.lastCleared, tick);
        writer.cleared(run.id, tick, clearing.summaries());
        LOG.debugf("run %s tick %d cleared: %d demands, %d matches (%.1f ms)", run.id, tick, demands.size(),
                clearing.firmMatches().size(), (System.nanoTime() - t0) / 1e6);
    }

    // ------------------------------------------------------------------ checkpoints

    /**
     * TICK_CLOSED(t): every output of tick t is in the log. Every {@code market.checkpoints.interval} ticks (not the
     * last: the run ends there) a checkpoint at t becomes due; it is taken once every tick up to t is settled, at
     * once in the live run, after the clearing of t when a replay reads the close first.
     */
    private void onTickClosed(RunTable.Run<MarketRun> entry, int t) {
        MarketRun r = entry.state();
        int every = config.checkpoints().interval();
        if (r.scenario == null || every <= 0 || t < 1 || t % every != 0 || t >= r.scenario.ticks()
                || t <= entry.checkpointTick()) {
            return;
        }
        r.checkpointDue = Math.max(r.checkpointDue, t);
    }

    private void checkpointIfDue(RunTable.Run<MarketRun> entry) {
        MarketRun r = entry.state();
        if (r == null || r.scenario == null || r.checkpointDue <= 0 || table.get(entry.id) != entry) {
            return;   // nothing due, or the run has ended or left memory with this event
        }
        int t = r.checkpointDue;
        if (t <= entry.checkpointTick()) {
            r.checkpointDue = 0;
            return;
        }
        if (r.settled.nextClearBit(1) <= t) {
            return;   // a tick up to t is not settled yet
        }
        r.checkpointDue = 0;
        long t0 = System.nanoTime();
        try {
            BitSet upTo = r.settled.get(0, t + 1);
            if (!checkpoints.save(r.id, t, Math.min(r.lastCleared, t), r.paused, upTo.toByteArray(),
                    ScenarioLoader.toJson(r.scenario))) {
                LOG.debugf("run %s: a checkpoint at or after tick %d is stored already", r.id, t);
            }
            table.checkpointed(entry, t);
            FaultPoints.reached("market.after-checkpoint", t);
        } catch (RuntimeException ex) {
            // the run goes on; a restart then reads further back in the log
            LOG.warnf("run %s: checkpoint after tick %d failed: %s", r.id, t, ex.getMessage());
        }
        RunTable.record(checkpointTimer, t0);
    }

    private void publish(String runId, int tick, Clearing c) {
        List<FirmMatch> matches = c.firmMatches();
        int parts = publisher.publishChunks(runId, EventType.FACTOR_MATCHED, FirmMatch.class, tick, matches,
                config.chunkSize());
        publisher.publish(runId, EventType.MARKET_CLEARED, tick, 0, new Payloads.MarketClearing(c.cohortFlows(),
                c.lenderFlows(), c.techSales(), c.ai(), c.summaries()));
        publisher.publish(runId, EventType.CLEARING_CLOSED, tick, 0, new Payloads.Closed(parts, matches.size()));
    }
}
