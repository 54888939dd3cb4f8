package org.ngai.indicator.service;

import org.ngai.service.DeadLetters;
import org.ngai.service.EnvelopeHandler;
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
    private static final int CLOSED_MEMORY = 10_000;

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

    private final Map<String, RunState> runs = new HashMap<>();
    private final Map<String, List<Input>> early = new HashMap<>();
    /** Runs known to be finished or cancelled: their late events are dropped, not buffered. */
    private final LinkedHashSet<String> closed = new LinkedHashSet<>();
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private Counter duplicates;
    private Counter ticks;
    private Timer aggregateTimer;

    @PostConstruct
    void metrics() {
        duplicates = Counter.builder("transform_duplicate_events_total").tag("service", publisher.producer())
                .description("events dropped as duplicates").register(registry);
        ticks = Counter.builder("transform_ticks_aggregated_total").tag("service", publisher.producer())
                .description("ticks aggregated and published").register(registry);
        aggregateTimer = Timer.builder("transform_phase_seconds").tag("service", publisher.producer())
                .tag("phase", "aggregate").description("time of Aggregator.aggregate per tick").register(registry);
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
        return runs.size();
    }

    /** Entry point for every consumed envelope. Throws IllegalArgumentException for invalid events. */
    public void handle(Envelope e) {
        EventType type = EventCodec.type(e);
        if (e.eventId() == null || e.eventId().isBlank()) {
            throw new IllegalArgumentException("eventId is missing");
        }
        if (e.runId() == null || e.runId().isBlank()) {
            throw new IllegalArgumentException("runId is missing");
        }
        if (!seen.add(e.eventId())) {
            duplicates.increment();
            return;
        }
        if (seen.size() > config.dedupWindow()) {
            Iterator<String> it = seen.iterator();
            it.next();
            it.remove();
        }
        try {
            switch (type) {
                case RUN_STARTED -> onRunStarted(e);
                case TICK_STARTED, MARKET_CLEARED, FIRM_REPORTS, REPORTS_CLOSED, OWNERS_REPORTED, RUN_FINISHED,
                        RUN_CANCELLED -> route(Input.decode(type, e));
                default -> {
                    // other events on the consumed topics: our own TICK_CLOSED, FACTOR_MATCHED, CLEARING_CLOSED,
                    // RUN_PAUSED, RUN_RESUMED (a paused run simply sends no inputs)
                }
            }
        } catch (RuntimeException ex) {
            // a corrected re-emission of a rejected event carries the same id: let it through
            seen.remove(e.eventId());
            throw ex;
        }
    }

    // ------------------------------------------------------------------------------------ runs

    private void onRunStarted(Envelope e) {
        Payloads.RunStarted p = EventCodec.payload(e, Payloads.RunStarted.class);
        if (p.scenario() == null || p.scenario().isNull()) {
            throw new IllegalArgumentException("payload of RUN_STARTED: field scenario is missing");
        }
        Scenario scenario;
        try {
            scenario = ScenarioLoader.fromTree(p.scenario());
        } catch (org.ngai.model.scenario.ScenarioException ex) {
            throw new IllegalArgumentException("payload of RUN_STARTED: scenario." + ex.getMessage());
        }
        String id = e.runId();
        if (runs.containsKey(id) || closed.contains(id)) {
            duplicates.increment();
            return;
        }
        Optional<IndicatorRunEntity> row = store.findRun(id);
        RunState run;
        if (row.isPresent() && row.get().terminal()) {
            markClosed(id);
            early.remove(id);
            duplicates.increment();
            return;
        } else if (row.isPresent()) {
            run = restore(row.get());
        } else {
            store.ensureRun(id, scenario);
            run = new RunState(id, scenario, new Aggregator(scenario));
            gauges.register(id, scenario.name(), null);
            runs.put(id, run);
            LOG.infof("run %s started: %s, %d firms, %d ticks", id, scenario.name(), scenario.firms(), scenario.ticks());
        }
        replayEarly(run);
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
        runs.put(run.id, run);
        TickIndicators last = series.isEmpty() ? null : series.get(series.size() - 1);
        gauges.register(run.id, scenario.name(), last);
        LOG.infof("run %s restored from the database at tick %d", run.id, run.lastTick);
        return run;
    }

    private void replayEarly(RunState run) {
        List<Input> pending = early.remove(run.id);
        if (pending == null) {
            return;
        }
        for (Input in : pending) {
            try {
                route(in);
            } catch (RuntimeException ex) {
                // the record was already acknowledged while buffered; count and log it like a dead letter
                deadLetters.count(in.type().topic);
                LOG.warnf("rejected buffered %s of run %s tick %d: %s", in.type(), in.runId(), in.tick(), ex.getMessage());
            }
        }
    }

    private void route(Input in) {
        RunState run = runs.get(in.runId());
        if (run == null) {
            if (closed.contains(in.runId())) {
                duplicates.increment();
                return;
            }
            List<Input> buffered = early.get(in.runId());
            if (buffered == null) {
                Optional<IndicatorRunEntity> row = store.findRun(in.runId());
                if (row.isPresent() && row.get().terminal()) {
                    markClosed(in.runId());
                    duplicates.increment();
                    return;
                }
                if (row.isPresent()) {
                    run = restore(row.get());
                } else {
                    buffered = new ArrayList<>();
                    early.put(in.runId(), buffered);
                }
            }
            if (run == null) {
                if (buffered.size() >= config.earlyLimit()) {
                    early.remove(in.runId());
                    throw new IllegalArgumentException("run " + in.runId() + " is unknown to indicator-service (no "
                            + "RUN_STARTED after " + buffered.size() + " events)");
                }
                buffered.add(in);
                return;
            }
        }
        switch (in.type()) {
            case RUN_FINISHED -> end(run, IndicatorRunEntity.Status.FINISHED, null);
            case RUN_CANCELLED -> end(run, IndicatorRunEntity.Status.CANCELLED, ((Payloads.RunCancelled) in.value()).reason());
            default -> onInput(run, in);
        }
    }

    // ------------------------------------------------------------------------------------ ticks

    private void onInput(RunState run, Input in) {
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
            duplicates.increment();
            return;
        }
        TickInputs tick = run.pending.computeIfAbsent(in.tick(), TickInputs::new);
        if (!tick.add(in)) {
            duplicates.increment();
        }
        maybeAggregate(run);
    }

    private void maybeAggregate(RunState run) {
        while (true) {
            TickInputs next = run.pending.get(run.lastTick + 1);
            if (next == null || !next.complete()) {
                return;
            }
            aggregate(run, next);
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
        aggregateTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
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

    private void end(RunState run, IndicatorRunEntity.Status status, String reason) {
        store.setStatus(run.id, status, reason);
        runs.remove(run.id);
        markClosed(run.id);
        List<TickIndicators> history = run.aggregator.history();
        TickIndicators last = history.isEmpty() ? null : history.get(history.size() - 1);
        gauges.finished(run.id);
        streams.finish(run.id, status.name(), last);
        LOG.infof("run %s %s after tick %d%s", run.id, status.name().toLowerCase(), run.lastTick,
                reason == null ? "" : ": " + reason);
    }

    private void markClosed(String id) {
        closed.add(id);
        if (closed.size() > CLOSED_MEMORY) {
            Iterator<String> it = closed.iterator();
            it.next();
            it.remove();
        }
    }
}
