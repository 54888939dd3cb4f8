package org.ngai.factor.service;

import org.ngai.service.EnvelopeHandler;
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
import org.ngai.factor.persistence.FactorRunEntity;
import org.ngai.model.core.Region;
import org.ngai.model.engine.RunSetup;
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
 * OWNERS_REPORTED(t). Each step runs exactly once per (run, tick), whatever the arrival order:
 * events ahead of their run or their step wait, copies are dropped by event id and by the state
 * machine. Called only from the single ordered consumer thread, so run state needs no locks; REST
 * reads go to the database.
 */
@ApplicationScoped
@Startup
public class RunManager implements EnvelopeHandler {
    private static final Logger LOG = Logger.getLogger(RunManager.class);
    private static final int ENDED_WINDOW = 10_000;

    @Inject
    EventPublisher publisher;
    @Inject
    OwnerStateWriter writer;
    @Inject
    FactorConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    DeadLetters deadLetters;

    /** A decoded, validated event waiting for its run's RUN_STARTED. */
    private record Pending(Envelope envelope, EventType type, Object payload) {
    }

    private final Map<String, FactorRun> runs = new ConcurrentHashMap<>();
    private final Map<String, List<Pending>> early = new HashMap<>();
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private final LinkedHashSet<String> ended = new LinkedHashSet<>();
    private Counter duplicates;
    private Timer supplyTimer;
    private Timer applyTimer;

    @PostConstruct
    void metrics() {
        duplicates = Counter.builder("transform_duplicate_events_total").tag("service", publisher.producer())
                .description("events dropped as duplicates").register(registry);
        supplyTimer = Timer.builder("transform_phase_seconds").tag("service", publisher.producer())
                .tag("phase", "supply").register(registry);
        applyTimer = Timer.builder("transform_phase_seconds").tag("service", publisher.producer())
                .tag("phase", "apply").register(registry);
        Gauge.builder("transform_active_runs", runs, Map::size).tag("service", publisher.producer())
                .description("runs held in memory").register(registry);
    }

    /** Runs currently held in memory. */
    public int activeRuns() {
        return runs.size();
    }

    /** Events dropped as duplicates so far. */
    public double duplicatesDropped() {
        return duplicates.count();
    }

    /** Entry point for every consumed envelope. Throws IllegalArgumentException for invalid events. */
    public void handle(Envelope e) {
        EventType type = EventCodec.type(e);
        switch (type) {
            case RUN_STARTED, TICK_STARTED, MARKET_CLEARED, RUN_FINISHED, RUN_CANCELLED -> {
            }
            default -> {
                // other events on the consumed topics (FACTOR_MATCHED, CLEARING_CLOSED, TICK_CLOSED, ...)
                return;
            }
        }
        if (e.eventId() == null || e.eventId().isBlank()) {
            throw new IllegalArgumentException("eventId is missing");
        }
        Object payload = decode(e, type);
        if (!seen.add(e.eventId())) {
            duplicates.increment();
            return;
        }
        if (seen.size() > Math.max(1, config.dedupWindow())) {
            seen.remove(seen.iterator().next());
        }
        switch (type) {
            case RUN_STARTED -> onRunStarted(e, (Scenario) payload);
            case RUN_FINISHED -> onEnded(e.runId(), FactorRunEntity.Status.FINISHED, "finished");
            case RUN_CANCELLED -> onEnded(e.runId(), FactorRunEntity.Status.CANCELLED,
                    "cancelled: " + ((Payloads.RunCancelled) payload).reason());
            default -> {
                if (ended.contains(e.runId())) {
                    duplicates.increment();
                    LOG.debugf("dropped %s@%d of ended run %s", type, e.tick(), e.runId());
                    return;
                }
                FactorRun run = runs.get(e.runId());
                if (run == null) {
                    keepEarly(new Pending(e, type, payload));
                } else {
                    onTickEvent(run, e, type, payload);
                }
            }
        }
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
            default -> throw new IllegalStateException(type.name());
        };
    }

    private static Scenario scenario(Payloads.RunStarted p) {
        if (p.scenario() == null || p.scenario().isNull()) {
            throw new IllegalArgumentException("payload.scenario of RUN_STARTED is missing");
        }
        try {
            return ScenarioLoader.fromTree(p.scenario());
        } catch (ScenarioException ex) {
            throw new IllegalArgumentException("payload.scenario." + ex.getMessage(), ex);
        }
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

    private void keepEarly(Pending p) {
        String runId = p.envelope().runId();
        List<Pending> list = early.computeIfAbsent(runId, k -> new ArrayList<>());
        if (list.size() >= Math.max(1, config.earlyLimit())) {
            early.remove(runId);
            throw new IllegalArgumentException("runId " + runId + " is unknown to factor-service (" + list.size()
                    + " events waited for its RUN_STARTED)");
        }
        list.add(p);
    }

    private void onRunStarted(Envelope e, Scenario scenario) {
        if (runs.containsKey(e.runId()) || ended.contains(e.runId())) {
            duplicates.increment();
            return;
        }
        // replayed history (partitions are re-read from the start): a run that already ended stays ended
        String status = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            FactorRunEntity r = FactorRunEntity.findById(e.runId());
            return r == null ? null : r.status;
        });
        if (FactorRunEntity.Status.FINISHED.name().equals(status) || FactorRunEntity.Status.CANCELLED.name().equals(status)) {
            ended.add(e.runId());
            early.remove(e.runId());
            return;
        }
        long start = System.nanoTime();
        FactorRun run = new FactorRun(e.runId(), scenario, RunSetup.create(scenario).owners());
        runs.put(run.id, run);
        writer.runStarted(run.id, scenario);
        LOG.infof("run %s started: %s, %d firms, %d ticks (setup %.0f ms)", run.id, scenario.name(), scenario.firms(),
                scenario.ticks(), (System.nanoTime() - start) / 1e6);
        List<Pending> pending = early.remove(run.id);
        if (pending != null) {
            for (Pending p : pending) {
                try {
                    onTickEvent(run, p.envelope(), p.type(), p.payload());
                } catch (RuntimeException ex) {
                    // its own record was consumed long ago: dead-letter it here, the run carries on
                    deadLetters.count(p.type().topic);
                    publisher.deadLetter(p.envelope(), ex.getMessage());
                    LOG.warnf("rejected buffered %s@%d of run %s: %s", p.type(), p.envelope().tick(), run.id,
                            ex.getMessage());
                }
            }
        }
    }

    private void onEnded(String runId, FactorRunEntity.Status status, String what) {
        early.remove(runId);
        FactorRun run = runs.remove(runId);
        if (ended.add(runId) && ended.size() > ENDED_WINDOW) {
            ended.remove(ended.iterator().next());
        }
        writer.runEnded(runId, status);
        if (run != null) {
            LOG.infof("run %s %s (owners applied through tick %d)", runId, what, run.appliedTick);
        }
    }

    // ============================================================================= ticks

    private void onTickEvent(FactorRun run, Envelope e, EventType type, Object payload) {
        int t = e.tick();
        if (t > run.scenario.ticks()) {
            throw new IllegalArgumentException("tick " + t + " of " + type + " is beyond the run's " + run.scenario.ticks()
                    + " ticks");
        }
        if (type == EventType.TICK_STARTED) {
            if (t <= run.suppliedTick || run.envs.containsKey(t)) {
                duplicates.increment();
                return;
            }
            run.envs.put(t, (Environment) payload);
        } else {
            if (t <= run.appliedTick || run.clearings.containsKey(t)) {
                duplicates.increment();
                return;
            }
            run.clearings.put(t, (Payloads.MarketClearing) payload);
        }
        advance(run);
    }

    /** Takes every step whose inputs are complete, in tick order. */
    private void advance(FactorRun run) {
        while (true) {
            int t = run.appliedTick + 1;
            if (run.suppliedTick < t) {
                Environment env = run.envs.get(t);
                if (env == null) {
                    return;
                }
                supply(run, t, env);
            } else {
                Payloads.MarketClearing mc = run.clearings.get(t);
                if (mc == null) {
                    return;
                }
                apply(run, t, run.envs.get(t), mc);
            }
        }
    }

    private void supply(FactorRun run, int t, Environment env) {
        long t0 = System.nanoTime();
        Supplies supplies = run.phase.supply(run.owners, env, t);
        supplyTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        run.suppliedTick = t;
        writer.supplied(run.id, t);
        publisher.publish(run.id, EventType.FACTOR_SUPPLIED, t, 0, supplies);
    }

    private void apply(FactorRun run, int t, Environment env, Payloads.MarketClearing mc) {
        Clearing clearing = new Clearing(List.of(), mc.cohortFlows(), mc.lenderFlows(), mc.techSales(), mc.ai(),
                mc.summaries());
        long t0 = System.nanoTime();
        OwnerReports reports = run.phase.apply(run.owners, env, t, clearing);
        applyTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
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
