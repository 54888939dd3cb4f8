package org.ngai.firm.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.events.RecordBatch;
import org.ngai.firm.config.FirmConfig;
import org.ngai.firm.persistence.FirmCheckpointEntity;
import org.ngai.firm.persistence.RunEntity;
import org.ngai.model.engine.Fork;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.engine.RunSetup;
import org.ngai.model.firm.FirmDecision;
import org.ngai.model.firm.PopulationCodec;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioException;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.AdoptionIntent;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.FirmReport;
import org.ngai.model.tick.ProduceResult;
import org.ngai.service.DeadLetters;
import org.ngai.service.EnvelopeHandler;
import org.ngai.service.EventPublisher;
import org.ngai.service.runs.FaultPoints;
import org.ngai.service.runs.Origin;
import org.ngai.service.runs.RunPartitions;
import org.ngai.service.runs.RunSettings;
import org.ngai.service.runs.RunTable;

/**
 * firm-service's state machine of a run (docs/pipeline.md steps 1, 4, 6):
 * <pre>
 * RUN_STARTED ─▶ decide(1) ─▶ [matches + CLEARING_CLOSED of t] ─▶ produce(t) ─▶ [TICK_CLOSED(t)]
 *      ─▶ checkpoint every K ticks ─▶ decide(t+1) … ─▶ RUN_FINISHED after the last tick
 * </pre>
 * Inputs are kept by tick until their step, whatever order they arrive in: after a restart the consumer
 * reads the control and clearing topics in any interleaving, so a tick's close may come before its
 * matches. (Dropping inputs that came ahead of their step was why a restarted firm-service stalled at
 * tick 1.) Duplicates, early events, partitions, stalls and resume offsets are the run table's. Called
 * from the single ordered consumer thread; the watch thread only reads through {@link #checkStalls}.
 */
@ApplicationScoped
public class RunManager implements EnvelopeHandler {
    private static final Logger LOG = Logger.getLogger(RunManager.class);

    @Inject
    EventPublisher publisher;
    @Inject
    RunStore store;
    @Inject
    SnapshotWriter snapshots;
    @Inject
    FirmConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    RunSettings settings;
    @Inject
    RunPartitions partitions;
    @Inject
    DeadLetters deadLetters;

    private RunTable<FirmRun> table;
    private Timer decideTimer;
    private Timer produceTimer;
    private Timer checkpointTimer;

    @PostConstruct
    void init() {
        table = new RunTable<>(publisher.producer(), settings, partitions, publisher, deadLetters, registry);
        decideTimer = table.phaseTimer("decide");
        produceTimer = table.phaseTimer("produce");
        checkpointTimer = table.phaseTimer("checkpoint");
        partitions.watch(this::checkStalls);
    }

    /** Runs currently held in memory (for readiness and metrics). */
    public int activeRuns() {
        return table.size();
    }

    /** Entry point for every consumed envelope. Throws IllegalArgumentException for invalid events. */
    @Override
    public synchronized void handle(Envelope e, Origin origin) {
        EventType type = EventCodec.type(e);
        switch (type) {
            case RUN_STARTED, RUN_PAUSED, RUN_RESUMED, RUN_CANCELLED, FACTOR_MATCHED, CLEARING_CLOSED, TICK_CLOSED -> {
            }
            default -> {
                return;   // other services' events on the consumed topics (TICK_STARTED echo, MARKET_CLEARED, ...)
            }
        }
        Object payload = decode(e, type);
        RunTable.Run<FirmRun> run = table.admit(e, origin, this::recover);
        if (run == null) {
            return;
        }
        try {
            if (run.restored() && run.state().pendingNext != null && run.state().producedTick == run.state().tick
                    && !run.paused() && !run.state().paused) {
                // restored from a checkpoint: the tick after it starts again (same event ids downstream)
                FirmRun r = run.state();
                Environment next = r.pendingNext;
                r.pendingNext = null;
                table.start(run, r);
                startTick(run, r.tick + 1, next);
            }
            dispatch(run, e, origin, type, payload);
        } catch (RuntimeException ex) {
            table.forget(run, e);
            throw ex;
        }
    }

    private void dispatch(RunTable.Run<FirmRun> run, Envelope e, Origin origin, EventType type, Object payload) {
        if (type == EventType.RUN_STARTED) {
            onRunStarted(run, (Start) payload);
            return;
        }
        if (!run.started()) {
            table.hold(run, e, origin, type, payload);
            return;
        }
        FirmRun r = run.state();
        switch (type) {
            case RUN_PAUSED -> onPaused(run);
            case RUN_RESUMED -> onResumed(run);
            case RUN_CANCELLED -> onCancelled(run, ((Payloads.RunCancelled) payload).reason());
            case FACTOR_MATCHED -> {
                checkTick(r, e);
                if (e.tick() <= r.producedTick || r.inbox(e.tick()).matchParts.putIfAbsent(e.part(),
                        ((RecordBatch) payload).records(FirmMatch.class)) != null) {
                    table.duplicate();
                    return;
                }
                advance(run);
            }
            case CLEARING_CLOSED -> {
                checkTick(r, e);
                if (e.tick() <= r.producedTick || r.inbox(e.tick()).clearingParts != null) {
                    table.duplicate();
                    return;
                }
                r.inbox(e.tick()).clearingParts = ((Payloads.Closed) payload).parts();
                advance(run);
            }
            case TICK_CLOSED -> {
                checkTick(r, e);
                if (closed(r, e.tick()) || r.inbox(e.tick()).closedNext != null) {
                    table.duplicate();
                    return;
                }
                r.inbox(e.tick()).closedNext = ((Payloads.TickClosed) payload).next();
                advance(run);
            }
            default -> throw new IllegalStateException(type.name());
        }
    }

    /** Tick t has been closed here already (the run moved past it, or waits after it while paused). */
    private static boolean closed(FirmRun r, int t) {
        return t < r.tick || (t == r.tick && r.decisions == null && r.producedTick == t && r.pendingNext != null);
    }

    private static void checkTick(FirmRun r, Envelope e) {
        if (e.tick() < 1 || e.tick() > r.scenario.ticks()) {
            throw new IllegalArgumentException("tick " + e.tick() + " of " + e.type() + " is not in the run's 1.."
                    + r.scenario.ticks());
        }
    }

    /** Checks the envelope and decodes its payload; every problem names the field. */
    private static Object decode(Envelope e, EventType type) {
        return switch (type) {
            case RUN_STARTED -> {
                Payloads.RunStarted p = EventCodec.payload(e, Payloads.RunStarted.class);
                if (p.scenario() == null || p.scenario().isNull()) {
                    throw new IllegalArgumentException("payload.scenario of RUN_STARTED is missing");
                }
                Scenario s;
                try {
                    s = ScenarioLoader.fromTree(p.scenario());
                } catch (ScenarioException ex) {
                    throw new IllegalArgumentException("payload.scenario." + ex.getMessage(), ex);
                }
                yield new Start(s, p.checkedFork(s.ticks()));
            }
            case FACTOR_MATCHED -> {
                RecordBatch b = EventCodec.payload(e, RecordBatch.class);
                if (b.part() != e.part() || e.part() < 0) {
                    throw new IllegalArgumentException("FACTOR_MATCHED batch part " + b.part() + " does not match the "
                            + "event's part " + e.part());
                }
                b.records(FirmMatch.class);   // decodable now, not when the tick is produced
                yield b;
            }
            case CLEARING_CLOSED -> {
                Payloads.Closed c = EventCodec.payload(e, Payloads.Closed.class);
                if (c.parts() < 0) {
                    throw new IllegalArgumentException("payload.parts of CLEARING_CLOSED must be >= 0, got " + c.parts());
                }
                yield c;
            }
            case TICK_CLOSED -> {
                Payloads.TickClosed c = EventCodec.payload(e, Payloads.TickClosed.class);
                if (c.next() == null) {
                    throw new IllegalArgumentException("payload.next of TICK_CLOSED is missing");
                }
                yield c;
            }
            case RUN_PAUSED -> EventCodec.payload(e, Payloads.RunPaused.class);
            case RUN_RESUMED -> EventCodec.payload(e, Payloads.RunResumed.class);
            case RUN_CANCELLED -> EventCodec.payload(e, Payloads.RunCancelled.class);
            default -> throw new IllegalStateException(type.name());
        };
    }

    // ------------------------------------------------------------------ recovery

    /** A run not in memory: ended, restored from its checkpoint, or not known yet (wait for RUN_STARTED). */
    private RunTable.Recovered<FirmRun> recover(String runId) {
        Optional<RunEntity> row = store.find(runId);
        if (row.isEmpty()) {
            return RunTable.Recovered.unknown();
        }
        String status = row.get().status;
        if (RunEntity.Status.FINISHED.name().equals(status) || RunEntity.Status.CANCELLED.name().equals(status)
                || RunEntity.Status.FAILED.name().equals(status)) {
            return RunTable.Recovered.ended(status);
        }
        Optional<FirmCheckpointEntity> ck = store.checkpoint(runId);
        if (ck.isEmpty()) {
            return RunTable.Recovered.unknown();
        }
        long t0 = System.nanoTime();
        Scenario scenario = ScenarioLoader.parse(row.get().scenarioJson);
        FirmRun r = new FirmRun(runId, scenario, PopulationCodec.read(ck.get().population));
        r.tick = ck.get().tick;
        r.producedTick = ck.get().tick;
        r.paused = ck.get().paused;
        try {
            r.pendingNext = EventCodec.MAPPER.readValue(ck.get().nextEnvironmentJson, Environment.class);
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("checkpoint of run " + runId + " has an unreadable environment: " + ex, ex);
        }
        LOG.infof("run %s restored from its checkpoint after tick %d (%d firms, %.0f ms)", runId, r.tick,
                r.population.firms().size(), (System.nanoTime() - t0) / 1e6);
        return RunTable.Recovered.restored(r, r.tick);
    }

    // ------------------------------------------------------------------ steps

    /** RUN_STARTED decoded: the scenario and, for a fork, its parent and first tick. */
    private record Start(Scenario scenario, Payloads.ForkOf fork) {
    }

    private void onRunStarted(RunTable.Run<FirmRun> run, Start start) {
        if (run.started()) {
            table.duplicate();
            return;
        }
        Scenario scenario = start.scenario();
        long t0 = System.nanoTime();
        FirmRun r;
        Environment env;
        int first;
        if (start.fork() == null) {
            RunSetup.Initial init = RunSetup.create(scenario);
            r = new FirmRun(run.id, scenario, init.population());
            env = init.environment();
            first = 1;
        } else {
            // a fork: the population when its first tick begins, derived from the scenario (whose ticks before the
            // fork are the parent's); the other services derive their part the same way
            first = start.fork().tick();
            ReferenceEngine.Session at = Fork.stateAt(scenario, first);
            r = new FirmRun(run.id, scenario, at.firms());
            r.producedTick = first - 1;
            env = at.environment();
        }
        table.start(run, r);
        store.ensure(r.id, scenario, start.fork() == null ? null : start.fork().parentRunId(),
                start.fork() == null ? null : start.fork().tick());
        store.update(r.id, RunEntity.Status.RUNNING, first - 1, null);
        LOG.infof("run %s started: %s, %d firms, %d ticks%s (setup %.0f ms)", r.id, scenario.name(), scenario.firms(),
                scenario.ticks(), start.fork() == null ? "" : ", fork of " + start.fork().parentRunId() + " from tick " + first,
                (System.nanoTime() - t0) / 1e6);
        startTick(run, first, env);
        table.replayEarly(run, h -> dispatch(run, h.envelope(), h.origin(), h.type(), h.payload()));
    }

    private void startTick(RunTable.Run<FirmRun> run, int tick, Environment env) {
        FirmRun r = run.state();
        r.tick = tick;
        r.env = env;
        long t0 = System.nanoTime();
        r.decisions = r.phase.decide(r.population, env, tick);
        RunTable.record(decideTimer, t0);
        publisher.publish(r.id, EventType.TICK_STARTED, tick, 0, new Payloads.TickStarted(env));
        List<FactorDemand> demands = new ArrayList<>(r.decisions.size());
        for (FirmDecision d : r.decisions) {
            demands.add(d.demand);
            AdoptionIntent in = d.intent;
            if (in != null) {
                publisher.publish(r.id, EventType.FIRM_ADOPTED, tick, (int) in.firmId(), in);
            }
        }
        int parts = publisher.publishChunks(r.id, EventType.FACTOR_DEMANDS, FactorDemand.class, tick, demands,
                config.chunkSize());
        publisher.publish(r.id, EventType.DEMANDS_CLOSED, tick, 0, new Payloads.Closed(parts, demands.size()));
        boolean wasStalled = table.progressed(run, tick);
        store.update(r.id, wasStalled ? RunEntity.Status.RUNNING : null, tick, wasStalled ? "" : null);
    }

    /** Takes every step whose inputs are complete, in order. */
    private void advance(RunTable.Run<FirmRun> run) {
        FirmRun r = run.state();
        while (true) {
            FirmRun.TickInbox in = r.inbox.get(r.tick);
            if (in == null) {
                return;
            }
            if (r.decisions != null) {
                if (in.clearingParts == null || in.matchParts.size() < in.clearingParts) {
                    return;
                }
                produce(run, in);
            } else if (r.producedTick == r.tick && in.closedNext != null) {
                if (!closeTick(run, in.closedNext)) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    private void produce(RunTable.Run<FirmRun> run, FirmRun.TickInbox in) {
        FirmRun r = run.state();
        List<FirmMatch> matches = new ArrayList<>();
        for (List<FirmMatch> part : in.matchParts.values()) {
            matches.addAll(part);
        }
        matches.sort(Comparator.comparingLong(FirmMatch::firmId));
        long t0 = System.nanoTime();
        ProduceResult result = r.phase.produce(r.population, r.env, r.tick, r.decisions, matches);
        RunTable.record(produceTimer, t0);
        r.producedTick = r.tick;
        r.decisions = null;
        in.matchParts.clear();
        int parts = publisher.publishChunks(r.id, EventType.FIRM_REPORTS, FirmReport.class, r.tick, result.reports(),
                config.chunkSize());
        publisher.publish(r.id, EventType.REPORTS_CLOSED, r.tick, 0,
                new Payloads.ReportsClosed(parts, result.reports().size(), result.sectors()));
        int every = config.snapshots().interval();
        if (every > 0 && (r.tick % every == 0 || r.tick == r.scenario.ticks())) {
            snapshots.enqueue(r.id, r.tick, result.reports());
        }
        table.progressed(run, r.tick);
    }

    /** TICK_CLOSED(t) after produce(t): finish, checkpoint, wait while paused, or start t+1. False when waiting. */
    private boolean closeTick(RunTable.Run<FirmRun> run, Environment next) {
        FirmRun r = run.state();
        r.inbox.remove(r.tick);
        table.progressed(run, r.tick);
        if (r.tick >= r.scenario.ticks()) {
            publisher.publish(r.id, EventType.RUN_FINISHED, r.tick, 0, new Payloads.RunFinished(r.tick));
            store.update(r.id, RunEntity.Status.FINISHED, r.tick, null);
            store.deleteCheckpoint(r.id);
            table.end(r.id, RunEntity.Status.FINISHED.name());
            LOG.infof("run %s finished after %d ticks", r.id, r.tick);
            return false;
        }
        int every = config.checkpoints().interval();
        if (every > 0 && r.tick % every == 0) {
            checkpoint(run, next);
        }
        if (r.paused) {
            r.pendingNext = next;
            return false;
        }
        startTick(run, r.tick + 1, next);
        return true;
    }

    /**
     * Saves the population after tick t with the environment of t+1. TICK_CLOSED(t) has been read back from
     * the log, so every output of tick t is durable: the log before this point is not needed for this run.
     */
    private void checkpoint(RunTable.Run<FirmRun> run, Environment next) {
        FirmRun r = run.state();
        long t0 = System.nanoTime();
        try {
            store.saveCheckpoint(r.id, r.tick, r.paused, EventCodec.MAPPER.writeValueAsString(next),
                    PopulationCodec.write(r.population));
            table.checkpointed(run, r.tick);
            FaultPoints.reached("firm.after-checkpoint", r.tick);
        } catch (java.io.IOException | RuntimeException ex) {
            // the run goes on; a restart then reads further back in the log
            LOG.warnf("run %s: checkpoint after tick %d failed: %s", r.id, r.tick, ex.getMessage());
        }
        RunTable.record(checkpointTimer, t0);
    }

    private void onPaused(RunTable.Run<FirmRun> run) {
        run.state().paused = true;
        table.paused(run, true);
        store.update(run.id, RunEntity.Status.PAUSED, -1, null);
    }

    private void onResumed(RunTable.Run<FirmRun> run) {
        FirmRun r = run.state();
        r.paused = false;
        table.paused(run, false);
        store.update(run.id, RunEntity.Status.RUNNING, -1, null);
        if (r.pendingNext != null) {
            Environment next = r.pendingNext;
            r.pendingNext = null;
            startTick(run, r.tick + 1, next);
            advance(run);
        }
    }

    private void onCancelled(RunTable.Run<FirmRun> run, String reason) {
        table.end(run.id, RunEntity.Status.CANCELLED.name());
        store.update(run.id, RunEntity.Status.CANCELLED, -1, reason);
        store.deleteCheckpoint(run.id);
        LOG.infof("run %s cancelled at tick %d: %s", run.id, run.state().tick, reason);
    }

    // ------------------------------------------------------------------ stalls

    /** Watch thread: marks runs without progress as STALLED, naming what they wait for. */
    synchronized void checkStalls() {
        for (RunTable.Run<FirmRun> run : table.markStalled(this::waitingFor)) {
            LOG.warnf("run %s STALLED: %s", run.id, run.stalledReason());
            store.update(run.id, RunEntity.Status.STALLED, -1, run.stalledReason());
        }
    }

    private String waitingFor(RunTable.Run<FirmRun> run) {
        String since = " (no progress for " + settings.stallAfter().toSeconds() + " s)";
        if (!run.started()) {
            return "firm-service waits for RUN_STARTED of the run (" + run.buffered() + " events buffered)" + since;
        }
        FirmRun r = run.state();
        if (r.paused) {
            return null;
        }
        FirmRun.TickInbox in = r.inbox.get(r.tick);
        if (r.decisions != null) {
            String got = in == null ? "nothing" : in.matchParts.size() + " FACTOR_MATCHED parts"
                    + (in.clearingParts == null ? ", no CLEARING_CLOSED" : " of " + in.clearingParts);
            return "firm-service waits for the clearing of tick " + r.tick + " from market-service (has " + got + ")"
                    + since;
        }
        return "firm-service waits for TICK_CLOSED of tick " + r.tick + " from indicator-service" + since;
    }
}
