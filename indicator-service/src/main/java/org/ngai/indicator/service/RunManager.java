package org.ngai.indicator.service;

import org.ngai.service.DeadLetters;
import org.ngai.service.EnvelopeHandler;
import org.ngai.service.runs.FaultPoints;
import org.ngai.service.runs.Origin;
import org.ngai.service.runs.RunPartitions;
import org.ngai.service.runs.RunSettings;
import org.ngai.service.runs.RunTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
import org.ngai.indicator.config.IndicatorConfig;
import org.ngai.service.EventPublisher;
import org.ngai.indicator.metrics.IndicatorGauges;
import org.ngai.indicator.persistence.IndicatorRunEntity;
import org.ngai.model.engine.Fork;
import org.ngai.model.indicator.Aggregator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.Environment;

/**
 * The runs this instance aggregates and their per-tick state (docs/pipeline.md step 5). Called only from
 * the single ordered consumer thread, so run state needs no locks; REST reads go to the database.
 *
 * <p>Exactly once per (run, tick): a duplicate is dropped by its event id (a window of recent ids), by the
 * per-tick state (a piece already held) and because ticks already aggregated take no more input. Inputs
 * of runs not known yet (RUN_STARTED on its way) are decoded, checked and buffered. After a restart, a run
 * that is still RUNNING in the database gets its aggregator rebuilt from the stored series when its next
 * event arrives.
 */
@ApplicationScoped
public class RunManager implements EnvelopeHandler {
    private static final Logger LOG = Logger.getLogger(RunManager.class);

    @Inject
    EventPublisher publisher;
    @Inject
    DeadLetters deadLetters;
    @Inject
    IndicatorStore store;
    @Inject
    IndicatorGauges gauges;
    @Inject
    LiveStreams streams;
    @Inject
    IndicatorConfig config;
    @Inject
    MeterRegistry registry;

    @Inject
    RunSettings settings;
    @Inject
    org.ngai.indicator.experiment.Experiments experiments;
    @Inject
    RunPartitions partitions;

    private RunTable<RunState> table;
    private Counter ticks;
    private Timer aggregateTimer;

    @PostConstruct
    void metrics() {
        table = new RunTable<>(publisher.producer(), settings, partitions, publisher, deadLetters, registry);
        ticks = Counter.builder("transform_ticks_aggregated_total").tag("service", publisher.producer())
                .description("ticks aggregated and published").register(registry);
        aggregateTimer = table.phaseTimer("aggregate");
        partitions.watch(this::checkStalls);
    }

    /**
     * After a restart the last stored tick's INDICATORS_PUBLISHED and TICK_CLOSED may not have left; they are
     * re-emitted with their deterministic event ids, so consumers that have them drop the copies.
     */
    void onStart(@Observes StartupEvent ev) {
        try {
            for (IndicatorRunEntity run : store.runningRuns()) {
                if (run.lastTick < 1) {
                    continue;
                }
                reemit(run.id, run.lastTick);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not re-emit the last ticks of running runs: %s", e.getMessage());
        }
    }

    /** Runs currently held in memory. */
    public int activeRuns() {
        return table.size();
    }

    /** Entry point for every consumed envelope. Throws IllegalArgumentException for invalid events. */
    @Override
    public synchronized void handle(Envelope e, Origin origin) {
        EventType type = EventCodec.type(e);
        if (type == EventType.EXPERIMENT_STARTED || type == EventType.EXPERIMENT_RUN_ENDED
                || type == EventType.EXPERIMENT_CANCELLED) {
            // keyed by an experiment id: the experiment's queue runs on the instance that owns its partition
            experiments.handle(e, origin);
            partitions.consumed(origin);
            return;
        }
        switch (type) {
            case RUN_STARTED, TICK_STARTED, MARKET_CLEARED, FIRM_REPORTS, REPORTS_CLOSED, OWNERS_REPORTED, RUN_FINISHED,
                    RUN_CANCELLED, TICK_CLOSED, RUN_PAUSED, RUN_RESUMED -> {
            }
            default -> {
                return;   // FACTOR_MATCHED, CLEARING_CLOSED: not inputs of the aggregation
            }
        }
        if (type == EventType.TICK_CLOSED && !publisher.producer().equals(e.producer())) {
            return;
        }
        Object payload = decode(type, e);
        RunTable.Run<RunState> entry = table.admit(e, origin, this::recover);
        if (entry == null) {
            return;
        }
        try {
            dispatch(entry, e, origin, type, payload);
        } catch (RuntimeException ex) {
            // a corrected re-emission of a rejected event carries the same id: let it through
            table.forget(entry, e);
            throw ex;
        }
    }

    private static Object decode(EventType type, Envelope e) {
        return switch (type) {
            case RUN_STARTED -> {
                Payloads.RunStarted p = EventCodec.payload(e, Payloads.RunStarted.class);
                if (p.scenario() == null || p.scenario().isNull()) {
                    throw new IllegalArgumentException("payload of RUN_STARTED: field scenario is missing");
                }
                Scenario s;
                try {
                    s = ScenarioLoader.fromTree(p.scenario());
                } catch (org.ngai.model.scenario.ScenarioException ex) {
                    throw new IllegalArgumentException("payload of RUN_STARTED: scenario." + ex.getMessage());
                }
                yield new Start(s, p.checkedFork(s.ticks()));
            }
            case TICK_CLOSED -> EventCodec.payload(e, Payloads.TickClosed.class);
            case RUN_PAUSED -> EventCodec.payload(e, Payloads.RunPaused.class);
            case RUN_RESUMED -> EventCodec.payload(e, Payloads.RunResumed.class);
            default -> Input.decode(type, e);
        };
    }

    private void dispatch(RunTable.Run<RunState> entry, Envelope e, Origin origin, EventType type, Object payload) {
        if (type == EventType.RUN_STARTED) {
            onRunStarted(entry, (Start) payload);
            return;
        }
        if (!entry.started()) {
            table.hold(entry, e, origin, type, payload);
            return;
        }
        RunState run = entry.state();
        switch (type) {
            case RUN_PAUSED -> table.paused(entry, true);
            case RUN_RESUMED -> table.paused(entry, false);
            case TICK_CLOSED -> {
                // our own TICK_CLOSED(t) read back: every output of tick t is on the log, the stored series is
                // the state up to t, and the log before this point is no longer needed for the run
                if (e.tick() <= run.lastTick) {
                    table.checkpointed(entry, e.tick());
                }
            }
            case RUN_FINISHED -> end(entry, IndicatorRunEntity.Status.FINISHED, null);
            case RUN_CANCELLED -> end(entry, IndicatorRunEntity.Status.CANCELLED,
                    ((Payloads.RunCancelled) ((Input) payload).value()).reason());
            default -> onInput(entry, (Input) payload);
        }
    }

    // ------------------------------------------------------------------------------------ runs

    /** RUN_STARTED decoded: the scenario and, for a fork, its parent and first tick. */
    private record Start(Scenario scenario, Payloads.ForkOf fork) {
    }

    private void onRunStarted(RunTable.Run<RunState> entry, Start start) {
        if (entry.started()) {
            table.duplicate();
            return;
        }
        String id = entry.id;
        Scenario scenario = start.scenario();
        Payloads.ForkOf fork = start.fork();
        store.ensureRun(id, scenario, fork == null ? null : fork.parentRunId(), fork == null ? null : fork.tick());
        RunState run;
        if (fork == null) {
            run = new RunState(id, scenario, new Aggregator(scenario));
            gauges.register(id, scenario.name(), null);
        } else {
            run = startFork(id, scenario, fork);
        }
        table.start(entry, run);
        LOG.infof("run %s started: %s, %d firms, %d ticks%s", id, scenario.name(), scenario.firms(), scenario.ticks(),
                fork == null ? "" : ", fork of " + fork.parentRunId() + " from tick " + fork.tick());
        table.replayEarly(entry, h -> dispatch(entry, h.envelope(), h.origin(), h.type(), h.payload()));
    }

    /**
     * A fork's series before its first tick is the parent's path (docs/pipeline.md "Forks"): derived from the
     * scenario, whose ticks before the fork are the parent's, stored and published like aggregated ticks (same
     * deterministic event ids when done again), so the fork's series is whole and followers see every quarter.
     * The aggregation then goes on from the fork tick with that history.
     */
    private RunState startFork(String id, Scenario scenario, Payloads.ForkOf fork) {
        long t0 = System.nanoTime();
        List<TickIndicators> prefix = new ArrayList<>();
        Fork.stateAt(scenario, fork.tick(), (ind, next) -> {
            store.saveTick(id, ind, next);
            prefix.add(ind);
        });
        Aggregator aggregator = new Aggregator(scenario);
        aggregator.restore(prefix);
        RunState run = new RunState(id, scenario, aggregator);
        run.lastTick = prefix.size();
        TickIndicators last = prefix.isEmpty() ? null : prefix.get(prefix.size() - 1);
        gauges.register(id, scenario.name(), last);
        for (TickIndicators ind : prefix) {
            publisher.publish(id, EventType.INDICATORS_PUBLISHED, ind.tick(), 0, ind);
            streams.tick(id, ind);
        }
        LOG.infof("run %s: the %d ticks before the fork stored (%.0f ms)", id, prefix.size(), (System.nanoTime() - t0) / 1e6);
        return run;
    }

    /** A run not in memory: ended, restored from its stored series (it is RUNNING in the database), or unknown. */
    private RunTable.Recovered<RunState> recover(String runId) {
        Optional<IndicatorRunEntity> row = store.findRun(runId);
        if (row.isEmpty()) {
            return RunTable.Recovered.unknown();
        }
        if (row.get().terminal()) {
            return RunTable.Recovered.ended(row.get().status);
        }
        if (row.get().forkTick != null && row.get().lastTick < row.get().forkTick - 1
                && store.series(runId).size() < row.get().forkTick - 1) {
            // a fork whose prefix was not stored in full: its RUN_STARTED (still ahead in the log) derives it again
            return RunTable.Recovered.unknown();
        }
        RunState run = restore(row.get());
        return RunTable.Recovered.restored(run, run.lastTick);
    }

    /** Rebuilds a run that is RUNNING in the database (this instance restarted, or took the partition over). */
    private RunState restore(IndicatorRunEntity row) {
        Scenario scenario = ScenarioLoader.parse(row.scenarioJson);
        List<TickIndicators> series = new ArrayList<>(store.series(row.id));
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).tick() != i + 1) {
                LOG.warnf("run %s: stored series has a gap before tick %d; restoring ticks 1..%d", row.id,
                        series.get(i).tick(), i);
                series = series.subList(0, i);
                break;
            }
        }
        Aggregator aggregator = new Aggregator(scenario);
        aggregator.restore(series);
        RunState run = new RunState(row.id, scenario, aggregator);
        run.lastTick = series.size();
        run.restored = true;
        TickIndicators last = series.isEmpty() ? null : series.get(series.size() - 1);
        gauges.register(run.id, scenario.name(), last);
        LOG.infof("run %s restored from the database at tick %d", run.id, run.lastTick);
        return run;
    }

    /** Watch thread: marks runs without progress as STALLED, naming what the aggregation waits for. */
    synchronized void checkStalls() {
        for (RunTable.Run<RunState> entry : table.markStalled(this::waitingFor)) {
            LOG.warnf("run %s STALLED: %s", entry.id, entry.stalledReason());
            store.setStatus(entry.id, IndicatorRunEntity.Status.STALLED, entry.stalledReason());
        }
    }

    private String waitingFor(RunTable.Run<RunState> entry) {
        String since = " (no progress for " + settings.stallAfter().toSeconds() + " s)";
        if (!entry.started()) {
            return "indicator-service waits for RUN_STARTED of the run (" + entry.buffered() + " events buffered)"
                    + since;
        }
        RunState run = entry.state();
        int t = run.lastTick + 1;
        TickInputs in = run.pending.get(t);
        List<String> missing = new ArrayList<>();
        if (in == null || in.env == null) {
            missing.add("TICK_STARTED from firm-service");
        }
        if (in == null || in.clearing == null) {
            missing.add("MARKET_CLEARED from market-service");
        }
        if (in == null || in.closed == null) {
            missing.add("REPORTS_CLOSED from firm-service");
        } else if (in.parts.size() < in.closed.parts()) {
            missing.add((in.closed.parts() - in.parts.size()) + " FIRM_REPORTS parts from firm-service");
        }
        if (in == null || in.owners == null) {
            missing.add("OWNERS_REPORTED from factor-service");
        }
        return "indicator-service waits for " + String.join(", ", missing) + " of tick " + t + since;
    }

    // ------------------------------------------------------------------------------------ ticks

    private void onInput(RunTable.Run<RunState> entry, Input in) {
        RunState run = entry.state();
        if (in.tick() > run.scenario.ticks()) {
            throw new IllegalArgumentException("tick " + in.tick() + " of " + in.type() + " is beyond the run's "
                    + run.scenario.ticks() + " ticks");
        }
        if (in.tick() <= run.lastTick) {
            if (run.restored && in.tick() == run.lastTick) {
                // inputs of the last stored tick again: the consumer restarted before its outputs were confirmed
                run.restored = false;
                reemit(run.id, run.lastTick);
            }
            table.duplicate();
            return;
        }
        TickInputs tick = run.pending.computeIfAbsent(in.tick(), TickInputs::new);
        if (!tick.add(in)) {
            table.duplicate();
        }
        maybeAggregate(entry);
    }

    private void maybeAggregate(RunTable.Run<RunState> entry) {
        RunState run = entry.state();
        while (true) {
            TickInputs next = run.pending.get(run.lastTick + 1);
            if (next == null || !next.complete()) {
                return;
            }
            aggregate(run, next);
            if (table.progressed(entry, next.tick)) {
                store.setStatus(run.id, IndicatorRunEntity.Status.RUNNING, "");
            }
        }
    }

    private void aggregate(RunState run, TickInputs in) {
        int t = in.tick;
        var produce = in.produce();
        var clearing = in.clearing();
        long t0 = System.nanoTime();
        Aggregator.Result result;
        try {
            result = run.aggregator.aggregate(t, in.env, produce, clearing, in.owners);
        } catch (IllegalArgumentException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("aggregation of tick " + t + " failed on its inputs: " + ex, ex);
        }
        RunTable.record(aggregateTimer, t0);
        TickIndicators ind = result.indicators();
        try {
            store.saveTick(run.id, ind, result.next());
        } catch (RuntimeException ex) {
            // keep memory and database in step: forget the tick so a redelivered input can complete it again
            List<TickIndicators> history = run.aggregator.history();
            if (!history.isEmpty() && history.get(history.size() - 1).tick() == t) {
                history.remove(history.size() - 1);
            }
            throw new IllegalStateException("could not store tick " + t + " of run " + run.id + ": " + ex.getMessage(), ex);
        }
        run.lastTick = t;
        run.restored = false;
        run.pending.remove(t);
        FaultPoints.reached("indicator.after-store", t);
        gauges.update(run.id, ind);
        publisher.publish(run.id, EventType.INDICATORS_PUBLISHED, t, 0, ind);
        publisher.publish(run.id, EventType.TICK_CLOSED, t, 0, new Payloads.TickClosed(result.next()));
        streams.tick(run.id, ind);
        ticks.increment();
        LOG.debugf("run %s tick %d aggregated (%d reports) in %.1f ms", run.id, t, produce.reports().size(),
                (System.nanoTime() - t0) / 1e6);
    }

    private void reemit(String runId, int tick) {
        Optional<TickIndicators> ind = store.series(runId, tick, tick).stream().findFirst();
        Environment next = store.nextEnvironment(runId, tick);
        if (ind.isEmpty() || next == null) {
            return;
        }
        LOG.infof("run %s: re-emitting the outputs of tick %d", runId, tick);
        publisher.publish(runId, EventType.INDICATORS_PUBLISHED, tick, 0, ind.get());
        publisher.publish(runId, EventType.TICK_CLOSED, tick, 0, new Payloads.TickClosed(next));
    }

    private void end(RunTable.Run<RunState> entry, IndicatorRunEntity.Status status, String reason) {
        RunState run = entry.state();
        // a run of an experiment: what the experiment keeps of it is stored before the run's own end is
        experiments.runEnded(run.id, status.name(), reason, run.aggregator.history());
        store.setStatus(run.id, status, reason);
        table.end(run.id, status.name());
        List<TickIndicators> history = run.aggregator.history();
        TickIndicators last = history.isEmpty() ? null : history.get(history.size() - 1);
        gauges.finished(run.id);
        streams.finish(run.id, status.name(), last);
        LOG.infof("run %s %s after tick %d%s", run.id, status.name().toLowerCase(), run.lastTick,
                reason == null ? "" : ": " + reason);
    }
}
