package org.ngai.firm.service;

import org.ngai.service.EnvelopeHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.events.RecordBatch;
import org.ngai.firm.config.FirmConfig;
import org.ngai.service.EventPublisher;
import org.ngai.firm.persistence.RunEntity;
import org.ngai.model.engine.RunSetup;
import org.ngai.model.firm.FirmDecision;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.AdoptionIntent;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.FirmReport;
import org.ngai.model.tick.ProduceResult;

/**
 * The runs this instance owns and their tick state machine (docs/pipeline.md steps 1, 5, 6).
 * Called only from the single ordered consumer thread, so run state needs no locks; REST reads go
 * to the database.
 */
@ApplicationScoped
public class RunManager implements EnvelopeHandler {
    private static final Logger LOG = Logger.getLogger(RunManager.class);
    private static final int DEDUP_WINDOW = 500_000;

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

    private final Map<String, FirmRun> runs = new ConcurrentHashMap<>();
    private final Map<String, List<Envelope>> early = new HashMap<>();
    private final java.util.Set<String> closed = new java.util.HashSet<>();
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private Counter duplicates;
    private Timer decideTimer;
    private Timer produceTimer;

    @jakarta.annotation.PostConstruct
    void metrics() {
        duplicates = Counter.builder("transform_duplicate_events_total").tag("service", publisher.producer())
                .description("events dropped as duplicates").register(registry);
        decideTimer = Timer.builder("transform_phase_seconds").tag("service", publisher.producer())
                .tag("phase", "decide").register(registry);
        produceTimer = Timer.builder("transform_phase_seconds").tag("service", publisher.producer())
                .tag("phase", "produce").register(registry);
    }

    /** Runs currently held in memory (for readiness and metrics). */
    public int activeRuns() {
        return runs.size();
    }

    /** Entry point for every consumed envelope. Throws IllegalArgumentException for invalid events. */
    public void handle(Envelope e) {
        EventType type = EventCodec.type(e);
        if (!seen.add(e.eventId())) {
            duplicates.increment();
            return;
        }
        if (seen.size() > DEDUP_WINDOW) {
            seen.remove(seen.iterator().next());
        }
        switch (type) {
            case RUN_STARTED -> onRunStarted(e);
            case RUN_PAUSED -> withRun(e, r -> onPaused(r));
            case RUN_RESUMED -> withRun(e, r -> onResumed(r));
            case RUN_CANCELLED -> withRun(e, r -> onCancelled(r, EventCodec.payload(e, Payloads.RunCancelled.class).reason()));
            case FACTOR_MATCHED -> withRun(e, r -> onMatches(r, e));
            case CLEARING_CLOSED -> withRun(e, r -> onClearingClosed(r, e));
            case TICK_CLOSED -> withRun(e, r -> onTickClosed(r, e));
            default -> {
                // other services' events on the consumed topics (TICK_STARTED echo, MARKET_CLEARED, RUN_FINISHED)
            }
        }
    }

    private void withRun(Envelope e, java.util.function.Consumer<FirmRun> action) {
        FirmRun r = runs.get(e.runId());
        if (r == null && closed.contains(e.runId())) {
            return;   // replayed history of a run that has already ended
        }
        if (r == null) {
            // the run's RUN_STARTED may still be on its way (different topic); keep the event for it
            early.computeIfAbsent(e.runId(), k -> new ArrayList<>()).add(e);
            if (early.get(e.runId()).size() > 100_000) {
                early.remove(e.runId());
                throw new IllegalArgumentException("run " + e.runId() + " is unknown to firm-service");
            }
            return;
        }
        action.accept(r);
    }

    private void onRunStarted(Envelope e) {
        if (runs.containsKey(e.runId()) || closed.contains(e.runId())) {
            return;
        }
        Scenario scenario = ScenarioLoader.fromTree(EventCodec.payload(e, Payloads.RunStarted.class).scenario());
        String status = store.find(e.runId()).map(x -> x.status).orElse(null);
        if (RunEntity.Status.FINISHED.name().equals(status) || RunEntity.Status.CANCELLED.name().equals(status)
                || RunEntity.Status.FAILED.name().equals(status)) {
            closed.add(e.runId());
            early.remove(e.runId());
            return;
        }
        long start = System.nanoTime();
        RunSetup.Initial init = RunSetup.create(scenario);
        FirmRun run = new FirmRun(e.runId(), scenario, init.population());
        runs.put(run.id, run);
        store.ensure(run.id, scenario);
        store.update(run.id, RunEntity.Status.RUNNING, 0, null);
        LOG.infof("run %s started: %s, %d firms, %d ticks (setup %.0f ms)", run.id, scenario.name(), scenario.firms(),
                scenario.ticks(), (System.nanoTime() - start) / 1e6);
        List<Envelope> pending = early.remove(run.id);
        startTick(run, 1, init.environment());
        if (pending != null) {
            for (Envelope p : pending) {
                handle(forget(p));
            }
        }
    }

    /** Lets a buffered event through the duplicate filter a second time. */
    private Envelope forget(Envelope p) {
        seen.remove(p.eventId());
        return p;
    }

    private void startTick(FirmRun run, int tick, Environment env) {
        run.tick = tick;
        run.env = env;
        run.matchParts.clear();
        run.clearingParts = null;
        long t0 = System.nanoTime();
        run.decisions = run.phase.decide(run.population, env, tick);
        decideTimer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        publisher.publish(run.id, EventType.TICK_STARTED, tick, 0, new Payloads.TickStarted(env));
        List<FactorDemand> demands = new ArrayList<>(run.decisions.size());
        int intents = 0;
        for (FirmDecision d : run.decisions) {
            demands.add(d.demand);
            AdoptionIntent in = d.intent;
            if (in != null) {
                publisher.publish(run.id, EventType.FIRM_ADOPTED, tick, (int) in.firmId(), in);
                intents++;
            }
        }
        int parts = publishChunks(run.id, EventType.FACTOR_DEMANDS, FactorDemand.class, tick, demands);
        publisher.publish(run.id, EventType.DEMANDS_CLOSED, tick, 0, new Payloads.Closed(parts, demands.size()));
        store.update(run.id, null, tick, null);
        LOG.debugf("run %s tick %d: %d demands in %d parts, %d adoption decisions", run.id, tick, demands.size(), parts,
                intents);
    }

    private <T extends Record> int publishChunks(String runId, EventType type, Class<T> cls, int tick, List<T> records) {
        int size = Math.max(1, config.chunkSize());
        int parts = 0;
        for (int from = 0; from < records.size(); from += size) {
            List<T> chunk = records.subList(from, Math.min(records.size(), from + size));
            publisher.publish(runId, type, tick, parts, RecordBatch.of(cls, parts, chunk));
            parts++;
        }
        return parts;
    }

    private void onMatches(FirmRun run, Envelope e) {
        if (e.tick() != run.tick || run.producedTick >= e.tick()) {
            duplicates.increment();
            return;
        }
        RecordBatch batch = EventCodec.payload(e, RecordBatch.class);
        run.matchParts.putIfAbsent(batch.part(), batch.records(FirmMatch.class));
        maybeProduce(run);
    }

    private void onClearingClosed(FirmRun run, Envelope e) {
        if (e.tick() != run.tick || run.producedTick >= e.tick()) {
            duplicates.increment();
            return;
        }
        run.clearingParts = EventCodec.payload(e, Payloads.Closed.class).parts();
        maybeProduce(run);
    }

    private void maybeProduce(FirmRun run) {
        if (run.clearingParts == null || run.matchParts.size() < run.clearingParts) {
            return;
        }
        List<FirmMatch> matches = new ArrayList<>();
        for (List<FirmMatch> part : run.matchParts.values()) {
            matches.addAll(part);
        }
        matches.sort(java.util.Comparator.comparingLong(FirmMatch::firmId));
        long t0 = System.nanoTime();
        ProduceResult result = run.phase.produce(run.population, run.env, run.tick, run.decisions, matches);
        produceTimer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        run.producedTick = run.tick;
        run.decisions = null;
        run.matchParts.clear();
        int parts = publishChunks(run.id, EventType.FIRM_REPORTS, FirmReport.class, run.tick, result.reports());
        publisher.publish(run.id, EventType.REPORTS_CLOSED, run.tick, 0,
                new Payloads.ReportsClosed(parts, result.reports().size(), result.sectors()));
        int every = config.snapshots().interval();
        if (every > 0 && (run.tick % every == 0 || run.tick == run.scenario.ticks())) {
            snapshots.enqueue(run.id, run.tick, result.reports());
        }
    }

    private void onTickClosed(FirmRun run, Envelope e) {
        if (e.tick() != run.tick || run.producedTick != run.tick) {
            duplicates.increment();
            return;
        }
        Environment next = EventCodec.payload(e, Payloads.TickClosed.class).next();
        if (run.tick >= run.scenario.ticks()) {
            publisher.publish(run.id, EventType.RUN_FINISHED, run.tick, 0, new Payloads.RunFinished(run.tick));
            store.update(run.id, RunEntity.Status.FINISHED, run.tick, null);
            runs.remove(run.id);
            closed.add(run.id);
            LOG.infof("run %s finished after %d ticks", run.id, run.tick);
            return;
        }
        if (run.paused) {
            run.pendingNext = next;
            run.pendingNextTick = run.tick + 1;
            return;
        }
        startTick(run, run.tick + 1, next);
    }

    private void onPaused(FirmRun run) {
        run.paused = true;
        store.update(run.id, RunEntity.Status.PAUSED, -1, null);
    }

    private void onResumed(FirmRun run) {
        run.paused = false;
        store.update(run.id, RunEntity.Status.RUNNING, -1, null);
        if (run.pendingNext != null) {
            Environment next = run.pendingNext;
            run.pendingNext = null;
            startTick(run, run.pendingNextTick, next);
        }
    }

    private void onCancelled(FirmRun run, String reason) {
        runs.remove(run.id);
        closed.add(run.id);
        store.update(run.id, RunEntity.Status.CANCELLED, -1, reason);
        LOG.infof("run %s cancelled at tick %d: %s", run.id, run.tick, reason);
    }
}
