package org.ngai.indicator.experiment;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.events.Topics;
import org.ngai.indicator.persistence.IndicatorRunEntity;
import org.ngai.indicator.service.IndicatorStore;
import org.ngai.model.experiment.Experiment;
import org.ngai.model.experiment.ExperimentLoader;
import org.ngai.model.experiment.ExperimentResult;
import org.ngai.model.experiment.ExperimentRunner;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.ScenarioException;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.service.EventPublisher;
import org.ngai.service.rest.ErrorMappers.Conflict;
import org.ngai.service.rest.ErrorMappers.NotFound;
import org.ngai.service.runs.Origin;
import org.ngai.service.runs.RunPartitions;

/**
 * Experiments through the pipeline (docs/experiments.md "Through the pipeline"). An experiment's runs are ordinary
 * runs: this class starts them (RUN_STARTED, like firm-service's API does), at most {@code concurrency} at a time,
 * and keeps of each finished run only what the experiment keeps (the selected indicators' national values), in
 * the database shared by the service's instances. Statistics are computed from those values by the model's
 * {@link ExperimentResult}, the same code as the in-process runner, so the numbers are the same.
 * <p>
 * Who does what: any instance takes the request (stores the experiment and its queued runs, publishes
 * EXPERIMENT_STARTED keyed by the experiment id). The instance that owns the experiment's partition of
 * sim.control.v1 runs the queue: on EXPERIMENT_STARTED and on every EXPERIMENT_RUN_ENDED it starts runs up to the
 * bound. The instance that aggregates a run stores its kept values when it ends and publishes
 * EXPERIMENT_RUN_ENDED. A sweep every second on the owner repairs what a crash can leave: values of ended runs not
 * stored, a RUN_STARTED that never left, a queue not moved.
 */
@ApplicationScoped
public class Experiments {
    private static final Logger LOG = Logger.getLogger(Experiments.class);

    @Inject
    EventPublisher publisher;
    @Inject
    IndicatorStore store;
    @Inject
    RunPartitions partitions;

    @ConfigProperty(name = "ngai.experiments.concurrency", defaultValue = "4")
    int defaultConcurrency;
    @ConfigProperty(name = "ngai.experiments.restart-after", defaultValue = "30s")
    Duration restartAfter;

    private final Map<String, Experiment> parsed = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        partitions.watch(this::sweep);
    }

    // ============================================================================ requests (any instance)

    /** Checks the document like {@code ./simulate experiment} does, stores the experiment with its runs queued, starts it. */
    public ExperimentEntity submit(String document, Integer concurrency) {
        if (document == null || document.isBlank()) {
            throw new ScenarioException("(body)", "is empty: send the experiment file's content (docs/experiments.md)");
        }
        if (concurrency != null && (concurrency < 1 || concurrency > 64)) {
            throw new ScenarioException("concurrency", "= " + concurrency + " is outside the allowed range [1, 64]");
        }
        Experiment e = parse(document);
        String id = UUID.randomUUID().toString();
        int bound = concurrency == null ? defaultConcurrency : concurrency;
        ExperimentEntity row = QuarkusTransaction.requiringNew().call(() -> persist(id, e, document, bound));
        parsed.put(id, e);
        publisher.publish(id, EventType.EXPERIMENT_STARTED, 0, 0, new Payloads.ExperimentStarted(document, bound));
        LOG.infof("experiment %s (%s): %d cells × %d replicates, %d runs at most at once", id, e.name(), e.cells().size(),
                e.replicates(), bound);
        return row;
    }

    /**
     * The experiment file's content, checked: the same loader and errors as the CLI. A cell's scenario must be a
     * bundled name here: the service does not read files named by a request.
     */
    public static Experiment parse(String document) {
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readTree(document);
        } catch (java.io.IOException ex) {
            throw new ScenarioException("(body)", "is not YAML or JSON: " + (ex instanceof com.fasterxml.jackson.core.JsonProcessingException jp ? jp.getOriginalMessage() : ex.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            throw new ScenarioException("(body)", "must be an experiment document (a mapping), see docs/experiments.md");
        }
        List<String> bundled = ScenarioLoader.bundledNames();
        checkBundled(tree.path("cells"), "cells", bundled);
        if (tree.path("grid").isObject()) {
            checkScenario(tree.path("grid").path("scenario"), "grid.scenario", bundled);
        }
        return ExperimentLoader.fromTree(tree, null);
    }

    private static void checkBundled(com.fasterxml.jackson.databind.JsonNode cells, String field, List<String> bundled) {
        for (int i = 0; cells.isArray() && i < cells.size(); i++) {
            checkScenario(cells.get(i).path("scenario"), field + "[" + i + "].scenario", bundled);
        }
    }

    private static void checkScenario(com.fasterxml.jackson.databind.JsonNode name, String field, List<String> bundled) {
        if (name.isTextual() && !bundled.contains(name.asText())) {
            throw new ScenarioException(field, "= '" + name.asText() + "' is not a bundled scenario; an experiment sent to "
                    + "the service names bundled scenarios (known: " + bundled + ") and changes them with parameters");
        }
    }

    private ExperimentEntity persist(String id, Experiment e, String document, int bound) {
        ExperimentEntity x = ExperimentEntity.findById(id);
        if (x != null) {
            return x;
        }
        x = new ExperimentEntity();
        x.id = id;
        x.name = e.name();
        x.document = document;
        x.concurrency = bound;
        x.runs = e.runs();
        x.status = ExperimentEntity.Status.RUNNING.name();
        x.createdAt = Instant.now();
        x.updatedAt = x.createdAt;
        x.persist();
        for (int r = 0; r < e.replicates(); r++) {
            for (int c = 0; c < e.cells().size(); c++) {
                ExperimentRunEntity run = new ExperimentRunEntity();
                run.id = runId(id, c, r);
                run.experimentId = id;
                run.cell = c;
                run.replicate = r;
                run.status = ExperimentRunEntity.Status.QUEUED.name();
                run.persist();
            }
        }
        return x;
    }

    /** The run id of (experiment, cell, replicate): the same on every instance and after every restart. */
    public static String runId(String experimentId, int cell, int replicate) {
        return UUID.nameUUIDFromBytes((experimentId + "/" + cell + "/" + replicate).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public void cancel(String id) {
        ExperimentEntity x = find(id);
        if (x.terminal()) {
            throw new Conflict("experiment " + id + " is " + x.status);
        }
        publisher.publish(id, EventType.EXPERIMENT_CANCELLED, 0, 0, new Payloads.ExperimentCancelled("cancelled by request"));
    }

    public ExperimentEntity find(String id) {
        ExperimentEntity x = QuarkusTransaction.requiringNew().call(() -> ExperimentEntity.<ExperimentEntity>findById(id));
        if (x == null) {
            throw new NotFound("experiment " + id + " does not exist");
        }
        return x;
    }

    public List<ExperimentEntity> list() {
        return QuarkusTransaction.requiringNew().call(ExperimentEntity::newestFirst);
    }

    public List<ExperimentRunEntity> runs(String id) {
        find(id);
        return QuarkusTransaction.requiringNew().call(() -> ExperimentRunEntity.of(id));
    }

    /** Progress and the statistics over the replicates in so far (every statistic says its n). */
    public View view(String id) {
        ExperimentEntity x = find(id);
        Experiment e = experiment(x);
        List<ExperimentRunEntity> rows = QuarkusTransaction.requiringNew().call(() -> ExperimentRunEntity.of(id));
        double[][][][] data = new double[e.cells().size()][e.replicates()][][];
        Map<ExperimentRunEntity.Status, Integer> counts = new EnumMap<>(ExperimentRunEntity.Status.class);
        for (ExperimentRunEntity r : rows) {
            counts.merge(r.state(), 1, Integer::sum);
            if (r.state() == ExperimentRunEntity.Status.FINISHED && r.values != null) {
                data[r.cell][r.replicate] = decode(r.values, e.indicators().size(), e.ticks());
            }
        }
        long elapsed = (x.finishedAt == null ? Instant.now() : x.finishedAt).toEpochMilli() - x.createdAt.toEpochMilli();
        return new View(x, e, counts, ExperimentResult.of(e, data, elapsed * 1_000_000L));
    }

    /** An experiment with its run counts by status and its result so far. */
    public record View(ExperimentEntity entity, Experiment experiment, Map<ExperimentRunEntity.Status, Integer> counts,
                       ExperimentResult result) {
        public int count(ExperimentRunEntity.Status s) {
            return counts.getOrDefault(s, 0);
        }
    }

    Experiment experiment(ExperimentEntity x) {
        return parsed.computeIfAbsent(x.id, k -> parse(x.document));
    }

    // ============================================================================ the run's side (its aggregating instance)

    /**
     * Called by the run manager when a run ends: if it belongs to an experiment, stores what the experiment keeps
     * of it (from the series in memory) and tells the experiment's owner. Before the run's own status is stored, so
     * a crash in between makes the ending happen again (same event id).
     */
    public void runEnded(String runId, String status, String reason, List<TickIndicators> series) {
        Optional<ExperimentRunEntity> member = QuarkusTransaction.requiringNew().call(
                () -> Optional.ofNullable(ExperimentRunEntity.<ExperimentRunEntity>findById(runId)));
        if (member.isEmpty()) {
            return;
        }
        ExperimentRunEntity m = member.get();
        ExperimentEntity x = QuarkusTransaction.requiringNew().call(() -> ExperimentEntity.<ExperimentEntity>findById(m.experimentId));
        if (x == null) {
            return;
        }
        store(m.id, x, status, reason, series);
        publisher.publish(m.experimentId, EventType.EXPERIMENT_RUN_ENDED, 0, index(x, m.cell, m.replicate),
                new Payloads.ExperimentRunEnded(runId, m.cell, m.replicate, status));
    }

    private int index(ExperimentEntity x, int cell, int replicate) {
        return cell * experiment(x).replicates() + replicate;
    }

    private void store(String runId, ExperimentEntity x, String status, String reason, List<TickIndicators> series) {
        Experiment e = experiment(x);
        ExperimentRunEntity.Status s = switch (status) {
            case "FINISHED" -> ExperimentRunEntity.Status.FINISHED;
            case "CANCELLED" -> ExperimentRunEntity.Status.CANCELLED;
            default -> ExperimentRunEntity.Status.FAILED;
        };
        byte[] values = s == ExperimentRunEntity.Status.FINISHED
                ? encode(ExperimentRunner.extract(series, e.indicators(), e.ticks())) : null;
        QuarkusTransaction.requiringNew().run(() -> {
            ExperimentRunEntity m = ExperimentRunEntity.findById(runId);
            if (m == null || m.state().ended()) {
                return;
            }
            m.status = s.name();
            m.values = values;
            m.endedAt = Instant.now();
            m.message = reason == null ? null : reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        });
    }

    // ============================================================================ the owner (consumer thread, sweep)

    /** EXPERIMENT_* events (key: the experiment id); this instance owns the experiment's partition. */
    public synchronized void handle(Envelope e, Origin origin) {
        EventType type = EventCodec.type(e);
        String id = e.runId();
        switch (type) {
            case EXPERIMENT_STARTED -> {
                Payloads.ExperimentStarted p = EventCodec.payload(e, Payloads.ExperimentStarted.class);
                if (p.document() == null || p.document().isBlank()) {
                    throw new IllegalArgumentException("payload.document of EXPERIMENT_STARTED is missing");
                }
                if (p.concurrency() < 1) {
                    throw new IllegalArgumentException("payload.concurrency of EXPERIMENT_STARTED must be >= 1, got "
                            + p.concurrency());
                }
                Experiment x;
                try {
                    x = parse(p.document());
                } catch (ScenarioException ex) {
                    throw new IllegalArgumentException("payload.document of EXPERIMENT_STARTED: " + ex.getMessage(), ex);
                }
                // stored already when the request came through an instance's API; stored here otherwise
                QuarkusTransaction.requiringNew().run(() -> persist(id, x, p.document(), p.concurrency()));
                pump(id);
            }
            case EXPERIMENT_RUN_ENDED -> {
                Payloads.ExperimentRunEnded p = EventCodec.payload(e, Payloads.ExperimentRunEnded.class);
                if (p.runId() == null || p.runId().isBlank()) {
                    throw new IllegalArgumentException("payload.runId of EXPERIMENT_RUN_ENDED is missing");
                }
                pump(id);
            }
            case EXPERIMENT_CANCELLED -> cancelNow(id, EventCodec.payload(e, Payloads.ExperimentCancelled.class).reason());
            default -> throw new IllegalStateException(type.name());
        }
    }

    /** Starts queued runs up to the bound, in replicate-major order; finishes the experiment when every run has ended. */
    private void pump(String id) {
        ExperimentEntity x = QuarkusTransaction.requiringNew().call(() -> ExperimentEntity.<ExperimentEntity>findById(id));
        if (x == null || x.terminal()) {
            return;
        }
        Experiment e = experiment(x);
        List<ExperimentRunEntity> rows = QuarkusTransaction.requiringNew().call(() -> ExperimentRunEntity.of(id));
        int running = 0;
        int ended = 0;
        int failed = 0;
        List<ExperimentRunEntity> queued = new ArrayList<>();
        for (ExperimentRunEntity r : rows) {
            switch (r.state()) {
                case RUNNING -> running++;
                case QUEUED -> queued.add(r);
                case FINISHED -> ended++;
                default -> {
                    ended++;
                    failed++;
                }
            }
        }
        int start = Math.min(queued.size(), Math.max(0, x.concurrency - running));
        for (int k = 0; k < start; k++) {
            ExperimentRunEntity r = queued.get(k);
            startRun(id, e, r.cell, r.replicate);
            QuarkusTransaction.requiringNew().run(() -> {
                ExperimentRunEntity m = ExperimentRunEntity.findById(r.id);
                if (m != null && m.state() == ExperimentRunEntity.Status.QUEUED) {
                    m.status = ExperimentRunEntity.Status.RUNNING.name();
                    m.startedAt = Instant.now();
                }
            });
        }
        if (ended == rows.size()) {
            String msg = failed == 0 ? null : failed + " of " + rows.size() + " runs did not finish (cancelled or failed); "
                    + "the statistics are over the runs that did";
            setStatus(id, ExperimentEntity.Status.FINISHED, msg);
            LOG.infof("experiment %s finished: %d runs%s", id, rows.size(), msg == null ? "" : "; " + msg);
        }
    }

    private void startRun(String id, Experiment e, int cell, int replicate) {
        String runId = runId(id, cell, replicate);
        publisher.publish(runId, EventType.RUN_STARTED, 0, 0, new Payloads.RunStarted(
                ScenarioLoader.toTree(e.scenario(cell, replicate)), forkOf(id, e, cell, replicate),
                new Payloads.ExperimentOf(id, cell, replicate)));
    }

    /**
     * A cell with {@code from} whose path before that tick is the control's (same parameters at every earlier tick,
     * same seed, game and AI type) runs each replicate as a fork of the control's run of that replicate: the services
     * derive the state at the tick and the run starts there (docs/pipeline.md "Forks"). Otherwise null: from tick 1.
     */
    static Payloads.ForkOf forkOf(String id, Experiment e, int cell, int replicate) {
        Experiment.Cell c = e.cells().get(cell);
        if (c.from() == null || c.from().tick() <= 1 || cell == e.control()) {
            return null;
        }
        var mine = e.scenario(cell, replicate);
        var control = e.scenario(e.control(), replicate);
        if (mine.seed() != control.seed() || mine.firms() != control.firms() || mine.ticks() != control.ticks()
                || mine.gameMode() != control.gameMode() || mine.aiType() != control.aiType()) {
            return null;
        }
        for (int t = 0; t < c.from().tick(); t++) {
            if (!mine.paramsAt(t).equals(control.paramsAt(t))) {
                return null;
            }
        }
        return new Payloads.ForkOf(runId(id, e.control(), replicate), c.from().tick());
    }

    private void cancelNow(String id, String reason) {
        ExperimentEntity x = QuarkusTransaction.requiringNew().call(() -> ExperimentEntity.<ExperimentEntity>findById(id));
        if (x == null || x.terminal()) {
            return;
        }
        List<ExperimentRunEntity> rows = QuarkusTransaction.requiringNew().call(() -> ExperimentRunEntity.of(id));
        for (ExperimentRunEntity r : rows) {
            if (r.state() == ExperimentRunEntity.Status.RUNNING) {
                publisher.publish(r.id, EventType.RUN_CANCELLED, 0, 0, new Payloads.RunCancelled(
                        "experiment " + id + " cancelled: " + reason));
            }
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (ExperimentRunEntity m : ExperimentRunEntity.of(id)) {
                if (m.state() == ExperimentRunEntity.Status.QUEUED) {
                    m.status = ExperimentRunEntity.Status.CANCELLED.name();
                    m.endedAt = Instant.now();
                    m.message = "experiment cancelled before the run started";
                }
            }
        });
        setStatus(id, ExperimentEntity.Status.CANCELLED, reason);
        LOG.infof("experiment %s cancelled: %s", id, reason);
    }

    private void setStatus(String id, ExperimentEntity.Status status, String message) {
        QuarkusTransaction.requiringNew().run(() -> {
            ExperimentEntity x = ExperimentEntity.findById(id);
            if (x == null) {
                return;
            }
            x.status = status.name();
            x.updatedAt = Instant.now();
            if (status != ExperimentEntity.Status.RUNNING) {
                x.finishedAt = x.updatedAt;
            }
            x.message = message;
        });
    }

    /**
     * Watch thread, every second, for the experiments whose partition this instance owns: stores the values of
     * member runs that ended without them (their instance died in between), re-sends a RUN_STARTED that has not
     * reached indicator-service after {@code ngai.experiments.restart-after}, and moves the queue.
     */
    synchronized void sweep() {
        List<ExperimentEntity> running;
        try {
            running = QuarkusTransaction.requiringNew().call(ExperimentEntity::running);
        } catch (RuntimeException ex) {
            LOG.debugf("experiment sweep: %s", ex.getMessage());
            return;
        }
        for (ExperimentEntity x : running) {
            if (!owned(x.id)) {
                continue;
            }
            try {
                repair(x);
                pump(x.id);
            } catch (RuntimeException ex) {
                LOG.warnf("experiment %s: sweep failed: %s", x.id, ex.getMessage());
            }
        }
    }

    private void repair(ExperimentEntity x) {
        Experiment e = experiment(x);
        for (ExperimentRunEntity r : QuarkusTransaction.requiringNew().call(() -> ExperimentRunEntity.of(x.id))) {
            if (r.state() != ExperimentRunEntity.Status.RUNNING) {
                continue;
            }
            Optional<IndicatorRunEntity> run = store.findRun(r.id);
            if (run.isPresent() && run.get().terminal()) {
                store(r.id, x, run.get().status, run.get().message,
                        "FINISHED".equals(run.get().status) ? store.series(r.id) : List.of());
            } else if (run.isEmpty() && r.startedAt != null
                    && r.startedAt.plus(restartAfter).isBefore(Instant.now())) {
                LOG.infof("experiment %s: run %s (cell %d, replicate %d) has not started after %s; sending RUN_STARTED again",
                        x.id, r.id, r.cell, r.replicate, restartAfter);
                startRun(x.id, e, r.cell, r.replicate);
            }
        }
    }

    private boolean owned(String experimentId) {
        int p = Utils.toPositive(Utils.murmur2(experimentId.getBytes(StandardCharsets.UTF_8))) % Topics.PARTITIONS;
        return partitions.owns(new Origin(Topics.CONTROL, p, 0));
    }

    // ============================================================================ values as bytes

    static byte[] encode(double[][] values) {
        int n = 0;
        for (double[] row : values) {
            n += row.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n * Double.BYTES);
        for (double[] row : values) {
            for (double v : row) {
                b.putLong(Double.doubleToRawLongBits(v));
            }
        }
        return b.array();
    }

    static double[][] decode(byte[] bytes, int indicators, int ticks) {
        if (bytes.length != indicators * ticks * Double.BYTES) {
            throw new IllegalStateException("stored values have " + bytes.length + " bytes, expected " + indicators + " × "
                    + ticks + " doubles");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        double[][] out = new double[indicators][ticks];
        for (double[] row : out) {
            for (int t = 0; t < ticks; t++) {
                row[t] = Double.longBitsToDouble(b.getLong());
            }
        }
        return out;
    }
}
