package org.ngai.factor.service;

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
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.factor.config.FactorConfig;
import org.ngai.service.DeadLetters;
import org.ngai.service.EventPublisher;
import org.ngai.factor.persistence.FactorCheckpointEntity;
import org.ngai.factor.persistence.FactorRunEntity;
import org.ngai.model.core.Region;
import org.ngai.model.engine.Fork;
import org.ngai.model.engine.RunSetup;
import org.ngai.model.factor.FactorOwnersCodec;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioException;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.CohortFlow;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.LenderFlow;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.Supplies;

/**
 * The runs this instance owns and their tick state machine (docs/pipeline.md steps 2 and 4):
 * TICK_STARTED(t) → {@code supply} → FACTOR_SUPPLIED(t); MARKET_CLEARED(t) → {@code apply} →
 * OWNERS_REPORTED(t); [TICK_CLOSED(t) and apply(t) done] → checkpoint every K ticks. Each step runs exactly
 * once per (run, tick), whatever the arrival order: events ahead of their run or their step wait, copies are
 * dropped by event id and by the state machine. Duplicates, early events, partitions, stalls and resume offsets
 * are the run table's ({@link RunTable}). A run not finished is restored after a restart from its checkpoint
 * ({@code factor_checkpoints}) and reads the log after it, or, without one, is rebuilt from its log. Called from
 * the single ordered consumer thread; REST reads go to the database.
 */
@ApplicationScoped
@Startup
public class RunManager implements EnvelopeHandler {
    private static final Logger LOG = Logger.getLogger(RunManager.class);

    @Inject
    EventPublisher publisher;
    @Inject
    OwnerStateWriter writer;
    @Inject
    CheckpointStore checkpoints;
    @Inject
    FactorConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    DeadLetters deadLetters;

    @Inject
    RunSettings settings;
    @Inject
    RunPartitions partitions;

    private RunTable<FactorRun> table;
    private Timer supplyTimer;
    private Timer applyTimer;
    private Timer checkpointTimer;

    @PostConstruct
    void metrics() {
        table = new RunTable<>(publisher.producer(), settings, partitions, publisher, deadLetters, registry);
        supplyTimer = table.phaseTimer("supply");
        applyTimer = table.phaseTimer("apply");
        checkpointTimer = table.phaseTimer("checkpoint");
        partitions.watch(this::checkStalls);
    }

    /** Runs currently held in memory. */
    public int activeRuns() {
        return table.size();
    }

    /** Events dropped as duplicates so far. */
    public double duplicatesDropped() {
        return table.duplicatesDropped();
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
        RunTable.Run<FactorRun> entry = table.get(runId);
        return entry == null ? -1 : entry.checkpointTick();
    }

    /** Entry point for every consumed envelope. Throws IllegalArgumentException for invalid events. */
    @Override
    public synchronized void handle(Envelope e, Origin origin) {
        EventType type = EventCodec.type(e);
        switch (type) {
            case RUN_STARTED, TICK_STARTED, MARKET_CLEARED, TICK_CLOSED, RUN_FINISHED, RUN_CANCELLED, RUN_PAUSED,
                    RUN_RESUMED -> {
            }
            default -> {
                // other events on the consumed topics (FACTOR_MATCHED, CLEARING_CLOSED, ...)
                return;
            }
        }
        if (e.eventId() == null || e.eventId().isBlank()) {
            throw new IllegalArgumentException("eventId is missing");
        }
        Object payload = decode(e, type);
        RunTable.Run<FactorRun> entry = table.admit(e, origin, this::recover);
        if (entry == null) {
            return;
        }
        try {
            dispatch(entry, e, origin, type, payload);
        } catch (RuntimeException ex) {
            table.forget(entry, e);
            throw ex;
        }
    }

    private void dispatch(RunTable.Run<FactorRun> entry, Envelope e, Origin origin, EventType type, Object payload) {
        switch (type) {
            case RUN_STARTED -> onRunStarted(entry, (Start) payload);
            case RUN_FINISHED -> onEnded(e.runId(), FactorRunEntity.Status.FINISHED, "finished");
            case RUN_CANCELLED -> onEnded(e.runId(), FactorRunEntity.Status.CANCELLED,
                    "cancelled: " + ((Payloads.RunCancelled) payload).reason());
            default -> {
                if (!entry.started()) {
                    table.hold(entry, e, origin, type, payload);
                } else if (type == EventType.RUN_PAUSED || type == EventType.RUN_RESUMED) {
                    entry.state().paused = type == EventType.RUN_PAUSED;
                    table.paused(entry, type == EventType.RUN_PAUSED);
                } else if (type == EventType.TICK_CLOSED) {
                    onTickClosed(entry, e.tick());
                } else {
                    onTickEvent(entry, e, type, payload);
                }
            }
        }
    }

    /**
     * A run not in memory: ended according to the database, restored from its checkpoint (the log after the
     * checkpoint's tick follows), or not known yet (rebuilt from its log, from RUN_STARTED on).
     */
    private RunTable.Recovered<FactorRun> recover(String runId) {
        String status = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            FactorRunEntity r = FactorRunEntity.findById(runId);
            return r == null ? null : r.status;
        });
        if (FactorRunEntity.Status.FINISHED.name().equals(status) || FactorRunEntity.Status.CANCELLED.name().equals(status)
                || FactorRunEntity.Status.FAILED.name().equals(status)) {
            return RunTable.Recovered.ended(status);
        }
        Optional<FactorCheckpointEntity> ck = checkpoints.find(runId);
        if (ck.isEmpty()) {
            return RunTable.Recovered.unknown();
        }
        long t0 = System.nanoTime();
        FactorCheckpointEntity c = ck.get();
        Scenario scenario = ScenarioLoader.parse(c.scenarioJson);
        FactorRun run = new FactorRun(runId, scenario, FactorOwnersCodec.read(c.owners));
        run.suppliedTick = c.tick;
        run.appliedTick = c.tick;
        run.paused = c.paused;
        writer.runStarted(runId, scenario);   // the run row may not have been written before the crash
        LOG.infof("run %s restored from its checkpoint after tick %d (%.0f ms)", runId, c.tick,
                (System.nanoTime() - t0) / 1e6);
        return RunTable.Recovered.restored(run, c.tick);
    }

    /** Watch thread: marks runs without progress as STALLED, naming what factor-service waits for. */
    synchronized void checkStalls() {
        for (RunTable.Run<FactorRun> entry : table.markStalled(this::waitingFor)) {
            LOG.warnf("run %s STALLED: %s", entry.id, entry.stalledReason());
            writer.status(entry.id, FactorRunEntity.Status.STALLED, entry.stalledReason());
        }
    }

    private String waitingFor(RunTable.Run<FactorRun> entry) {
        String since = " (no progress for " + settings.stallAfter().toSeconds() + " s)";
        if (!entry.started()) {
            return "factor-service waits for RUN_STARTED of the run (" + entry.buffered() + " events buffered)" + since;
        }
        FactorRun run = entry.state();
        if (run.paused) {
            return null;   // a paused run waits for RUN_RESUMED, not for a service
        }
        int t = run.appliedTick + 1;
        if (run.suppliedTick < t) {
            return "factor-service waits for TICK_STARTED of tick " + t + " from firm-service" + since;
        }
        return "factor-service waits for MARKET_CLEARED of tick " + t + " from market-service" + since;
    }

    // ============================================================================= validation

    /** Checks the envelope and decodes its payload; every problem names the field. */
    private static Object decode(Envelope e, EventType type) {
        return switch (type) {
            case RUN_STARTED -> scenario(EventCodec.payload(e, Payloads.RunStarted.class));
            case TICK_STARTED -> environment(e, EventCodec.payload(e, Payloads.TickStarted.class));
            case MARKET_CLEARED -> clearing(e, EventCodec.payload(e, Payloads.MarketClearing.class));
            case RUN_FINISHED -> EventCodec.payload(e, Payloads.RunFinished.class);
            case RUN_CANCELLED -> EventCodec.payload(e, Payloads.RunCancelled.class);
            case RUN_PAUSED -> EventCodec.payload(e, Payloads.RunPaused.class);
            case RUN_RESUMED -> EventCodec.payload(e, Payloads.RunResumed.class);
            // only its tick matters here; its payload is firm-service's (which rejects a bad one)
            case TICK_CLOSED -> null;
            default -> throw new IllegalStateException(type.name());
        };
    }

    /** RUN_STARTED decoded: the scenario and, for a fork, its parent and first tick. */
    private record Start(Scenario scenario, Payloads.ForkOf fork) {
    }

    private static Start scenario(Payloads.RunStarted p) {
        if (p.scenario() == null || p.scenario().isNull()) {
            throw new IllegalArgumentException("payload.scenario of RUN_STARTED is missing");
        }
        Scenario s;
        try {
            s = ScenarioLoader.fromTree(p.scenario());
        } catch (ScenarioException ex) {
            throw new IllegalArgumentException("payload.scenario." + ex.getMessage(), ex);
        }
        return new Start(s, p.checkedFork(s.ticks()));
    }

    private static Environment environment(Envelope e, Payloads.TickStarted p) {
        requireTick(e);
        Environment env = p.environment();
        if (env == null) {
            throw new IllegalArgumentException("payload.environment of TICK_STARTED is missing");
        }
        if (env.tick() != e.tick()) {
            throw new IllegalArgumentException("payload.environment.tick " + env.tick() + " does not match the event's tick "
                    + e.tick());
        }
        if (env.ai() == null) {
            throw new IllegalArgumentException("payload.environment.ai is missing");
        }
        if (env.wageL() == null || env.wageL().length != Region.COUNT) {
            throw new IllegalArgumentException("payload.environment.wageL must have " + Region.COUNT + " regions");
        }
        if (env.wageH() == null || env.wageH().length != Region.COUNT) {
            throw new IllegalArgumentException("payload.environment.wageH must have " + Region.COUNT + " regions");
        }
        return env;
    }

    private static Payloads.MarketClearing clearing(Envelope e, Payloads.MarketClearing mc) {
        requireTick(e);
        noNulls("cohortFlows", mc.cohortFlows());
        noNulls("lenderFlows", mc.lenderFlows());
        noNulls("techSales", mc.techSales());
        noNulls("summaries", mc.summaries());
        if (mc.ai() == null) {
            throw new IllegalArgumentException("payload.ai of MARKET_CLEARED is missing");
        }
        for (CohortFlow f : mc.cohortFlows()) {
            if (f.region() < 0 || f.region() >= Region.COUNT) {
                throw new IllegalArgumentException("payload.cohortFlows.region " + f.region() + " is not in [0, "
                        + (Region.COUNT - 1) + "]");
            }
            if (f.skill() < 0 || f.skill() > 1) {
                throw new IllegalArgumentException("payload.cohortFlows.skill " + f.skill() + " is not 0 (LOW) or 1 (HIGH)");
            }
        }
        int last = Integer.MIN_VALUE;
        for (LenderFlow f : mc.lenderFlows()) {
            if (f.lenderId() <= last) {
                throw new IllegalArgumentException("payload.lenderFlows must be sorted by lenderId without repeats (at "
                        + f.lenderId() + ")");
            }
            last = f.lenderId();
        }
        return mc;
    }

    private static void noNulls(String field, List<?> list) {
        if (list == null) {
            throw new IllegalArgumentException("payload." + field + " of MARKET_CLEARED is missing");
        }
        for (Object o : list) {
            if (o == null) {
                throw new IllegalArgumentException("payload." + field + " of MARKET_CLEARED holds a null element");
            }
        }
    }

    private static void requireTick(Envelope e) {
        if (e.tick() < 1) {
            throw new IllegalArgumentException("tick of " + e.type() + " must be >= 1, got " + e.tick());
        }
    }

    // ============================================================================= run lifecycle

    private void onRunStarted(RunTable.Run<FactorRun> entry, Start begin) {
        if (entry.started()) {
            table.duplicate();
            return;
        }
        Scenario scenario = begin.scenario();
        long start = System.nanoTime();
        FactorRun run;
        if (begin.fork() == null) {
            run = new FactorRun(entry.id, scenario, RunSetup.create(scenario).owners());
        } else {
            // a fork: the owners when its first tick begins, derived from the scenario (its ticks before the fork
            // are the parent's), docs/pipeline.md "Forks"
            int first = begin.fork().tick();
            run = new FactorRun(entry.id, scenario, Fork.stateAt(scenario, first).owners());
            run.suppliedTick = first - 1;
            run.appliedTick = first - 1;
        }
        table.start(entry, run);
        writer.runStarted(run.id, scenario);
        LOG.infof("run %s started: %s, %d firms, %d ticks%s (setup %.0f ms)", run.id, scenario.name(), scenario.firms(),
                scenario.ticks(), begin.fork() == null ? "" : ", fork of " + begin.fork().parentRunId() + " from tick "
                        + begin.fork().tick(), (System.nanoTime() - start) / 1e6);
        table.replayEarly(entry, h -> dispatch(entry, h.envelope(), h.origin(), h.type(), h.payload()));
    }

    private void onEnded(String runId, FactorRunEntity.Status status, String what) {
        RunTable.Run<FactorRun> entry = table.end(runId, status.name());
        writer.runEnded(runId, status);
        if (entry != null && entry.started()) {
            LOG.infof("run %s %s (owners applied through tick %d)", runId, what, entry.state().appliedTick);
        }
    }

    // ============================================================================= ticks

    private void onTickEvent(RunTable.Run<FactorRun> entry, Envelope e, EventType type, Object payload) {
        FactorRun run = entry.state();
        int t = e.tick();
        if (t > run.scenario.ticks()) {
            throw new IllegalArgumentException("tick " + t + " of " + type + " is beyond the run's " + run.scenario.ticks()
                    + " ticks");
        }
        if (type == EventType.TICK_STARTED) {
            if (t <= run.suppliedTick || run.envs.containsKey(t)) {
                table.duplicate();
                return;
            }
            run.envs.put(t, (Environment) payload);
        } else {
            if (t <= run.appliedTick || run.clearings.containsKey(t)) {
                table.duplicate();
                return;
            }
            run.clearings.put(t, (Payloads.MarketClearing) payload);
        }
        advance(entry);
    }

    /** Takes every step whose inputs are complete, in tick order. */
    private void advance(RunTable.Run<FactorRun> entry) {
        FactorRun run = entry.state();
        while (true) {
            int t = run.appliedTick + 1;
            if (run.suppliedTick < t) {
                Environment env = run.envs.get(t);
                if (env == null) {
                    return;
                }
                supply(run, t, env);
                progressed(entry, t);
            } else {
                Payloads.MarketClearing mc = run.clearings.get(t);
                if (mc == null) {
                    return;
                }
                apply(run, t, run.envs.get(t), mc);
                progressed(entry, t);
                if (run.checkpointDue == t) {
                    run.checkpointDue = 0;
                    checkpoint(entry);
                }
            }
        }
    }

    /**
     * TICK_CLOSED(t): every output of tick t is in the log (the indicator closed the tick on OWNERS_REPORTED(t)).
     * Every {@code factor.checkpoints.interval} ticks the owners after t are saved, now if apply(t) is done, else
     * once it is (a replay can read the close before tick t's clearing, which is on another topic). A close of a
     * tick the owners are past already (a re-published copy) saves nothing.
     */
    private void onTickClosed(RunTable.Run<FactorRun> entry, int t) {
        FactorRun run = entry.state();
        int every = config.checkpoints().interval();
        if (every <= 0 || t < 1 || t % every != 0 || t >= run.scenario.ticks() || t <= entry.checkpointTick()) {
            return;
        }
        if (run.appliedTick == t) {
            checkpoint(entry);
        } else if (run.appliedTick < t) {
            run.checkpointDue = Math.max(run.checkpointDue, t);
        }
    }

    /**
     * Saves the owners after tick {@code appliedTick}, whose TICK_CLOSED has been read: the log before this point
     * is no longer needed for this run. Inputs of later ticks already held stay tracked by the run table, so a
     * restart reads them again.
     */
    private void checkpoint(RunTable.Run<FactorRun> entry) {
        FactorRun run = entry.state();
        int t = run.appliedTick;
        long t0 = System.nanoTime();
        try {
            byte[] owners = FactorOwnersCodec.write(run.owners);
            if (!checkpoints.save(run.id, t, run.paused, ScenarioLoader.toJson(run.scenario), owners)) {
                LOG.debugf("run %s: a checkpoint at or after tick %d is stored already", run.id, t);
            }
            table.checkpointed(entry, t);
            FaultPoints.reached("factor.after-checkpoint", t);
        } catch (RuntimeException ex) {
            // the run goes on; a restart then reads further back in the log
            LOG.warnf("run %s: checkpoint after tick %d failed: %s", run.id, t, ex.getMessage());
        }
        RunTable.record(checkpointTimer, t0);
    }

    private void progressed(RunTable.Run<FactorRun> entry, int t) {
        if (table.progressed(entry, t)) {
            writer.status(entry.id, FactorRunEntity.Status.RUNNING, "");
        }
    }

    private void supply(FactorRun run, int t, Environment env) {
        long t0 = System.nanoTime();
        Supplies supplies = run.phase.supply(run.owners, env, t);
        RunTable.record(supplyTimer, t0);
        run.suppliedTick = t;
        writer.supplied(run.id, t);
        publisher.publish(run.id, EventType.FACTOR_SUPPLIED, t, 0, supplies);
    }

    private void apply(FactorRun run, int t, Environment env, Payloads.MarketClearing mc) {
        Clearing clearing = new Clearing(List.of(), mc.cohortFlows(), mc.lenderFlows(), mc.techSales(), mc.ai(),
                mc.summaries());
        long t0 = System.nanoTime();
        OwnerReports reports = run.phase.apply(run.owners, env, t, clearing);
        RunTable.record(applyTimer, t0);
        run.appliedTick = t;
        run.envs.remove(t);
        run.clearings.remove(t);
        int every = config.persist().interval();
        boolean keep = every > 0 && (t % every == 0 || t == run.scenario.ticks());
        // queued before the event goes out: whoever sees OWNERS_REPORTED can flush the writer and read the tick
        writer.applied(run.id, t, keep ? reports : null);
        publisher.publish(run.id, EventType.OWNERS_REPORTED, t, 0, reports);
    }
}
