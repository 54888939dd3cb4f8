package org.ngai.events.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.Payloads;
import org.ngai.events.RecordBatch;
import org.ngai.events.Topics;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.AdoptionIntent;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.FirmReport;

/**
 * Re-reads one finished (or running) run from its Kafka log to answer "what did firm f see and decide at tick t"
 * without re-running anything (docs/pipeline.md "Audit"). Plain Kafka client: a consumer with manual assignment,
 * no group, no commits.
 *
 * <p><b>Where.</b> Every topic is keyed by run id, so the run's events are on one partition of each topic: the
 * default partitioner's murmur2 of the key, the same number on every topic.
 *
 * <p><b>Bounded.</b> Every read stops at the end offsets captured when it starts, so it never waits for records
 * that are not there. The control topic is read from the run's creation (minus {@link Options#runMargin}) to its
 * finish (plus the margin) when those are known, else over the whole partition. The data topics are read only in
 * the tick's window: from the record timestamp of the first TICK_STARTED(t) minus {@link Options#tickMargin} to the
 * first TICK_CLOSED(t) plus the margin ({@code offsetsForTimes}). Every original event of tick t lies in it: each
 * is produced after TICK_STARTED(t) and before TICK_CLOSED(t), which needs all of them (the margin covers clocks
 * of different hosts). The window is only an economy: when a closing marker (DEMANDS_CLOSED, CLEARING_CLOSED,
 * REPORTS_CLOSED) or one of the parts it names is missing, or the report says the firm attempted an upgrade but no
 * FIRM_ADOPTED was found, that topic is read again from the run's start to its end ({@link ReadStats#widened}).
 *
 * <p><b>Duplicates.</b> Events re-emitted after a restart carry the same event id; only the first copy of an id
 * counts, and chunks are taken once per part. Records of the run that are not events (garbage, dead letters) and
 * chunks that do not decode are skipped.
 *
 * <p>Not thread-safe; one instance per question is cheap (one consumer). Close it.
 */
public final class RunLog implements AutoCloseable {

    /** When the run was created and finished (from the run store); null where unknown. */
    public record Bounds(Instant createdAt, Instant finishedAt) {
        public static final Bounds UNKNOWN = new Bounds(null, null);
    }

    /**
     * @param runMargin  slack around the run's creation and finish times for the control topic
     * @param tickMargin slack around a tick's TICK_STARTED and TICK_CLOSED timestamps for the data topics (clocks of
     *                   different hosts); small, because whatever a too narrow window misses is detected and read again
     * @param timeout    a read that has not reached its end offsets by then fails (broker gone)
     */
    public record Options(Duration runMargin, Duration tickMargin, Duration timeout) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(120));
        }
    }

    private static final List<String> TICK_TOPICS = List.of(Topics.ADOPTIONS, Topics.DEMANDS, Topics.CLEARING,
            Topics.FIRM_REPORTS);

    private final String bootstrap;
    private final String runId;
    private final Bounds bounds;
    private final Function<String, Bounds> boundsOf;
    private final Options options;
    private final KafkaConsumer<String, byte[]> consumer;
    private Control control;
    private Counter counter;

    /**
     * @param bootstrap bootstrap servers
     * @param runId     the run
     * @param bounds    its creation and finish times, or {@link Bounds#UNKNOWN}
     * @param boundsOf  the same for other runs (a fork's parent), or null
     * @param options   margins and timeout
     */
    public RunLog(String bootstrap, String runId, Bounds bounds, Function<String, Bounds> boundsOf, Options options) {
        this.bootstrap = bootstrap;
        this.runId = runId;
        this.bounds = bounds == null ? Bounds.UNKNOWN : bounds;
        this.boundsOf = boundsOf == null ? id -> Bounds.UNKNOWN : boundsOf;
        this.options = options == null ? Options.defaults() : options;
        this.consumer = consumer(bootstrap);
    }

    /** A reader of {@code runId} with unknown bounds (whole partitions) and default margins. */
    public static RunLog open(String bootstrap, String runId) {
        return new RunLog(bootstrap, runId, Bounds.UNKNOWN, null, Options.defaults());
    }

    static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "ngai-audit");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The partition the default partitioner gives a record keyed {@code key} among {@code partitions}. */
    public static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    public String runId() {
        return runId;
    }

    /** The run as its control topic tells it. */
    public RunInfo info() {
        return control().info();
    }

    // ------------------------------------------------------------------ audit of one firm and tick

    /**
     * What firm {@code firmId} saw and decided at tick {@code tick}: the tick's environment, its FIRM_ADOPTED intent
     * (or none), its demand, its match and its report.
     *
     * @throws AuditException NOT_FOUND when the run is not on the log or the firm has no record at that tick;
     *                        BAD_INPUT naming {@code tick} when it is outside 1..ticks or not started yet, naming
     *                        {@code firmId} when it is negative
     */
    public FirmAudit audit(long firmId, int tick) {
        if (firmId < 0) {
            throw new AuditException(AuditException.Kind.BAD_INPUT, "firmId", "firmId must be >= 0, got " + firmId);
        }
        Control c = control();
        if (tick < 1 || tick > c.scenario.ticks()) {
            throw new AuditException(AuditException.Kind.BAD_INPUT, "tick", "tick must be in 1.." + c.scenario.ticks()
                    + " (the run's ticks), got " + tick);
        }
        if (c.fork != null && tick < c.fork.tick()) {
            // a fork's ticks before its fork tick are its parent's (docs/pipeline.md "Forks")
            try (RunLog parent = new RunLog(bootstrap, c.fork.parentRunId(), boundsOf.apply(c.fork.parentRunId()),
                    boundsOf, options)) {
                FirmAudit a = parent.audit(firmId, tick);
                return new FirmAudit(runId, a.answeredFrom(), a.firmId(), a.tick(), a.quarter(), a.tickClosed(),
                        a.status(), a.environment(), a.decision(), a.decisionText(), a.outcome(), a.demand(), a.match(),
                        a.report(), c.read.plus(a.read()));
            }
        }
        Long startedTs = c.startedTs.get(tick);
        if (startedTs == null) {
            throw new AuditException(AuditException.Kind.BAD_INPUT, "tick", "run " + runId + " has not reached tick "
                    + tick + ": its last started tick is " + c.lastStarted() + (c.end == null ? "" : " (" + c.end + ")"));
        }
        Long closedTs = c.closedTs.get(tick);
        counter = new Counter();
        TickCollector col = new TickCollector(firmId, tick);
        Map<TopicPartition, long[]> window = ranges(TICK_TOPICS, startedTs - options.tickMargin.toMillis(),
                closedTs == null ? -1 : closedTs + options.tickMargin.toMillis());
        scan(window, col::accept);
        if (closedTs != null) {
            List<String> missing = col.incomplete();
            if (!missing.isEmpty()) {
                counter.widened.addAll(missing);
                scan(ranges(missing, c.runStartTs() - options.runMargin.toMillis(), -1), col::accept);
            }
        }
        if (col.demand == null && col.report == null && col.decision == null) {
            throw new AuditException(AuditException.Kind.NOT_FOUND, "firmId", "firm " + firmId + " has no record at tick "
                    + tick + " of run " + runId + ": it is not in the run then (the run starts with firms 0.."
                    + (c.scenario.firms() - 1) + ", entrants get higher ids, an exited firm has no records after its exit)");
        }
        Environment env = c.environment(tick);
        int region;
        int sector;
        if (col.report != null) {
            region = col.report.region();
            sector = col.report.sector();
        } else if (col.demand != null) {
            region = col.demand.region();
            sector = col.demand.sector();
        } else {
            region = col.decision.region();
            sector = col.decision.sector();
        }
        ReadStats read = c.read.plus(counter.done());
        return new FirmAudit(runId, runId, firmId, tick, TickIndicators.quarter(tick), closedTs != null,
                FirmAudit.status(col.report, col.demand), FirmEnvironment.of(env, region, sector), col.decision,
                FirmAudit.describe(col.decision, col.demand), FirmAudit.outcome(col.report), col.demand, col.match,
                col.report, read);
    }

    // ------------------------------------------------------------------ history of one firm

    /**
     * Every upgrade decision of firm {@code firmId} over the run (the run's FIRM_ADOPTED events of the firm) and,
     * with {@code withReports}, its report of every tick. Decisions only read the adoption topic, which is small;
     * reports read the run's whole report topic.
     *
     * @throws AuditException NOT_FOUND when the run is not on the log, or with reports when the firm has no report
     *                        in the run; BAD_INPUT naming {@code firmId} when it is negative
     */
    public FirmHistory history(long firmId, boolean withReports) {
        if (firmId < 0) {
            throw new AuditException(AuditException.Kind.BAD_INPUT, "firmId", "firmId must be >= 0, got " + firmId);
        }
        Control c = control();
        TreeMap<Integer, FirmHistory.Tick> rows = new TreeMap<>();
        ReadStats read = c.read;
        if (c.fork != null && c.fork.tick() > 1) {
            try (RunLog parent = new RunLog(bootstrap, c.fork.parentRunId(), boundsOf.apply(c.fork.parentRunId()),
                    boundsOf, options)) {
                FirmHistory h = parent.history(firmId, withReports);
                for (FirmHistory.Tick t : h.ticks()) {
                    if (t.tick() < c.fork.tick()) {
                        rows.put(t.tick(), t);
                    }
                }
                read = read.plus(h.read());
            } catch (AuditException e) {
                if (e.kind() != AuditException.Kind.NOT_FOUND || !"firmId".equals(e.field())) {
                    throw e;
                }
            }
        }
        counter = new Counter();
        HistoryCollector col = new HistoryCollector(firmId, withReports);
        if (!c.startedTs.isEmpty()) {
            long from = c.startedTs.values().stream().mapToLong(Long::longValue).min().orElseThrow()
                    - options.tickMargin.toMillis();
            long to = c.runEndTs() < 0 ? -1 : c.runEndTs() + options.tickMargin.toMillis();
            List<String> topics = withReports ? List.of(Topics.ADOPTIONS, Topics.FIRM_REPORTS) : List.of(Topics.ADOPTIONS);
            scan(ranges(topics, from, to), col::accept);
            List<String> missing = col.incomplete(c.closedTs.keySet());
            if (!missing.isEmpty()) {
                counter.widened.addAll(missing);
                scan(ranges(missing, c.runStartTs() - options.runMargin.toMillis(), -1), col::accept);
            }
        }
        Set<Integer> ticks = new TreeSet<>(col.decisions.keySet());
        ticks.addAll(col.reports.keySet());
        for (int t : ticks) {
            rows.put(t, new FirmHistory.Tick(t, TickIndicators.quarter(t), runId, col.decisions.get(t), col.reports.get(t)));
        }
        if (withReports && rows.values().stream().noneMatch(r -> r.report() != null)) {
            throw new AuditException(AuditException.Kind.NOT_FOUND, "firmId", "firm " + firmId + " has no report in run "
                    + runId + " (the run starts with firms 0.." + (c.scenario.firms() - 1) + ", entrants get higher ids)");
        }
        int decisions = (int) rows.values().stream().filter(r -> r.decision() != null).count();
        return new FirmHistory(runId, firmId, new ArrayList<>(rows.values()), decisions, read.plus(counter.done()));
    }

    // ------------------------------------------------------------------ runs on a log

    /**
     * Every run whose RUN_STARTED is on the control topic of the broker at {@code bootstrap}, oldest first (reads the
     * whole control topic; for finding a run id, e.g. on the log of an earlier local run).
     */
    public static List<RunInfo> runs(String bootstrap, Duration timeout) {
        Map<String, Control> runs = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo pi : consumer.partitionsFor(Topics.CONTROL, timeout)) {
                tps.add(new TopicPartition(Topics.CONTROL, pi.partition()));
            }
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
            Map<TopicPartition, long[]> ranges = new HashMap<>();
            for (TopicPartition tp : tps) {
                ranges.put(tp, new long[] {begin.get(tp), end.get(tp)});
            }
            Map<String, Set<String>> seen = new HashMap<>();
            scan(consumer, ranges, timeout, new Counter(), r -> true, (e, ts) -> {
                if (seen.computeIfAbsent(e.runId(), k -> new HashSet<>()).add(e.eventId())) {
                    runs.computeIfAbsent(e.runId(), Control::new).accept(e, ts);
                }
            });
        }
        List<RunInfo> out = new ArrayList<>();
        for (Control c : runs.values()) {
            if (c.scenario != null) {
                out.add(c.info());
            }
        }
        out.sort(java.util.Comparator.comparingLong(RunInfo::startedAt));
        return out;
    }

    // ------------------------------------------------------------------ reading

    private Control control() {
        if (control != null) {
            return control;
        }
        counter = new Counter();
        Control c = new Control(runId);
        long from = bounds.createdAt() == null ? -1 : bounds.createdAt().toEpochMilli() - options.runMargin.toMillis();
        long to = bounds.finishedAt() == null ? -1 : bounds.finishedAt().toEpochMilli() + options.runMargin.toMillis();
        scan(ranges(List.of(Topics.CONTROL), from, to), c::accept);
        if (c.scenario == null && (from >= 0 || to >= 0)) {
            // the stored times did not cover it (a clock far off): the whole partition
            counter.widened.add(Topics.CONTROL);
            scan(ranges(List.of(Topics.CONTROL), -1, -1), c::accept);
        }
        if (c.scenario == null) {
            throw new AuditException(AuditException.Kind.NOT_FOUND, "runId", "run " + runId + " is not on the log at "
                    + bootstrap + " (no RUN_STARTED keyed by it on " + Topics.CONTROL + ")");
        }
        c.read = counter.done();
        control = c;
        return c;
    }

    /**
     * Offset ranges [from, to) of this run's partition of each topic: from the first record at or after
     * {@code fromTs} (-1: the partition's beginning) to the first at or after {@code toTs} (-1: the end), both
     * capped by the end offsets captured now.
     */
    private Map<TopicPartition, long[]> ranges(Collection<String> topics, long fromTs, long toTs) {
        Duration t = options.timeout;
        List<TopicPartition> tps = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> parts = consumer.partitionsFor(topic, t);
            if (parts == null || parts.isEmpty()) {
                continue;   // the topic does not exist: nothing of the run there
            }
            tps.add(new TopicPartition(topic, partition(runId, parts.size())));
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(tps, t);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps, t);
        Map<TopicPartition, Long> from = fromTs < 0 ? begin : offsetsAt(tps, Math.max(0, fromTs), end);
        Map<TopicPartition, Long> to = toTs < 0 ? end : offsetsAt(tps, toTs, end);
        Map<TopicPartition, long[]> out = new LinkedHashMap<>();
        for (TopicPartition tp : tps) {
            long f = Math.max(begin.get(tp), from.get(tp));
            out.put(tp, new long[] {f, Math.min(end.get(tp), to.get(tp))});
        }
        return out;
    }

    /** The first offset whose record timestamp is at or after {@code ts}, or the end offset when there is none. */
    private Map<TopicPartition, Long> offsetsAt(List<TopicPartition> tps, long ts, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> q = new HashMap<>();
        for (TopicPartition tp : tps) {
            q.put(tp, ts);
        }
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(q, options.timeout);
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : tps) {
            OffsetAndTimestamp o = found.get(tp);
            out.put(tp, o == null ? end.get(tp) : o.offset());
        }
        return out;
    }

    /** An event of the run with its record timestamp. */
    private interface Sink {
        void accept(Envelope e, long timestamp);
    }

    private void scan(Map<TopicPartition, long[]> ranges, Sink sink) {
        Set<String> seen = new HashSet<>();
        scan(consumer, ranges, options.timeout, counter, k -> runId.equals(k), (e, ts) -> {
            if (seen.add(e.eventId())) {
                sink.accept(e, ts);
            } else {
                counter.duplicates++;
            }
        });
    }

    /**
     * Reads every range [from, to) (captured end offsets: never waits for new records), decodes the records whose key
     * passes {@code keys} and hands the envelopes to {@code sink}; records that are not events are skipped.
     */
    private static void scan(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, long[]> ranges, Duration timeout,
                             Counter counter, java.util.function.Predicate<String> keys, Sink sink) {
        long t0 = System.nanoTime();
        Map<TopicPartition, Long> stop = new HashMap<>();
        for (Map.Entry<TopicPartition, long[]> r : ranges.entrySet()) {
            if (r.getValue()[0] < r.getValue()[1]) {
                stop.put(r.getKey(), r.getValue()[1]);
            }
        }
        if (stop.isEmpty()) {
            counter.nanos += System.nanoTime() - t0;
            return;
        }
        consumer.assign(stop.keySet());
        for (TopicPartition tp : stop.keySet()) {
            consumer.seek(tp, ranges.get(tp)[0]);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!stop.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + stop.keySet() + " did not reach offsets " + stop
                            + " within " + timeout.toSeconds() + " s (is the broker there?)");
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (TopicPartition tp : records.partitions()) {
                    Long end = stop.get(tp);
                    if (end == null) {
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
                        if (r.offset() >= end) {
                            break;
                        }
                        counter.records++;
                        counter.bytes += r.value() == null ? 0 : r.value().length;
                        if (r.key() == null || !keys.test(r.key())) {
                            continue;
                        }
                        counter.runRecords++;
                        Envelope e;
                        try {
                            e = EventCodec.fromBytes(r.value());
                        } catch (IllegalArgumentException ex) {
                            continue;   // not an event (garbage on the topic); the services dead-letter it
                        }
                        if (e.eventId() == null || e.type() == null) {
                            continue;
                        }
                        sink.accept(e, r.timestamp());
                    }
                }
                List<TopicPartition> done = new ArrayList<>();
                for (Map.Entry<TopicPartition, Long> s : stop.entrySet()) {
                    if (consumer.position(s.getKey(), timeout) >= s.getValue()) {
                        done.add(s.getKey());
                    }
                }
                if (!done.isEmpty()) {
                    consumer.pause(done);
                    done.forEach(stop::remove);
                }
            }
        } finally {
            consumer.assign(List.of());
            counter.nanos += System.nanoTime() - t0;
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    // ------------------------------------------------------------------ what is collected

    private static final class Counter {
        long records;
        long bytes;
        long runRecords;
        long duplicates;
        long nanos;
        final List<String> widened = new ArrayList<>();

        ReadStats done() {
            return new ReadStats(records, bytes, runRecords, duplicates, widened, nanos / 1_000_000);
        }
    }

    /** The run's control events: scenario, fork, the tick's environments and timestamps, the end. */
    private static final class Control {
        final String runId;
        Scenario scenario;
        Payloads.ForkOf fork;
        long startedAt = -1;
        final TreeMap<Integer, Envelope> started = new TreeMap<>();
        final Map<Integer, Long> startedTs = new HashMap<>();
        final TreeMap<Integer, Long> closedTs = new TreeMap<>();
        String end;
        long endTs = -1;
        ReadStats read;

        Control(String runId) {
            this.runId = runId;
        }

        void accept(Envelope e, long ts) {
            try {
                switch (e.type()) {
                    case "RUN_STARTED" -> {
                        if (scenario == null) {
                            Payloads.RunStarted rs = EventCodec.payload(e, Payloads.RunStarted.class);
                            Scenario s = ScenarioLoader.fromTree(rs.scenario());
                            fork = rs.checkedFork(s.ticks());
                            scenario = s;
                            startedAt = ts;
                        }
                    }
                    case "TICK_STARTED" -> {
                        if (started.putIfAbsent(e.tick(), e) == null) {
                            startedTs.put(e.tick(), ts);
                        }
                    }
                    case "TICK_CLOSED" -> closedTs.putIfAbsent(e.tick(), ts);
                    case "RUN_FINISHED" -> {
                        if (end == null || !end.equals("FINISHED")) {
                            end = "FINISHED";
                            endTs = ts;
                        }
                    }
                    case "RUN_CANCELLED" -> {
                        if (end == null) {
                            end = "CANCELLED";
                            endTs = ts;
                        }
                    }
                    default -> {
                    }
                }
            } catch (RuntimeException ex) {
                // an invalid control event (the services dead-letter it): not part of the run's history
            }
        }

        int lastStarted() {
            return started.isEmpty() ? 0 : started.lastKey();
        }

        long runStartTs() {
            return startedAt;
        }

        /** When the run ended on the log, or its last close; -1 if neither. */
        long runEndTs() {
            if (endTs >= 0) {
                return endTs;
            }
            return closedTs.isEmpty() ? -1 : closedTs.lastEntry().getValue();
        }

        Environment environment(int tick) {
            return EventCodec.payload(started.get(tick), Payloads.TickStarted.class).environment();
        }

        RunInfo info() {
            return new RunInfo(runId, scenario.name(), scenario.seed(), scenario.firms(), scenario.ticks(), lastStarted(),
                    closedTs.isEmpty() ? 0 : closedTs.lastKey(), end, fork == null ? null : fork.parentRunId(),
                    fork == null ? 0 : fork.tick(), startedAt);
        }
    }

    /** Decodes a chunk's records, or null when it does not decode (a chunk the services would dead-letter). */
    private static <T extends Record> List<T> records(Envelope e, Class<T> type) {
        try {
            return EventCodec.payload(e, RecordBatch.class).records(type);
        } catch (RuntimeException ex) {
            return null;
        }
    }

    /** Parts seen of one chunked stream of a tick and its closing marker. */
    private static final class Parts {
        final Set<Integer> seen = new HashSet<>();
        int closed = -1;

        /** Whether the closing marker and every part it names have been read. */
        boolean complete() {
            if (closed < 0) {
                return false;
            }
            for (int p = 0; p < closed; p++) {
                if (!seen.contains(p)) {
                    return false;
                }
            }
            return true;
        }

        void close(Envelope e, Function<Envelope, Integer> parts) {
            try {
                if (closed < 0) {
                    closed = parts.apply(e);
                }
            } catch (RuntimeException ex) {
                // invalid marker: ignored
            }
        }
    }

    /** One firm at one tick: its decision, demand, match and report, and whether each stream was read whole. */
    private static final class TickCollector {
        final long firmId;
        final int tick;
        AdoptionIntent decision;
        FactorDemand demand;
        FirmMatch match;
        FirmReport report;
        final Parts demands = new Parts();
        final Parts matches = new Parts();
        final Parts reports = new Parts();

        TickCollector(long firmId, int tick) {
            this.firmId = firmId;
            this.tick = tick;
        }

        void accept(Envelope e, long ts) {
            if (e.tick() != tick) {
                return;
            }
            switch (e.type()) {
                case "FIRM_ADOPTED" -> {
                    if (decision == null && e.part() == (int) firmId) {
                        try {
                            AdoptionIntent in = EventCodec.payload(e, AdoptionIntent.class);
                            if (in.firmId() == firmId) {
                                decision = in;
                            }
                        } catch (RuntimeException ex) {
                            // invalid: skipped
                        }
                    }
                }
                case "FACTOR_DEMANDS" -> chunk(e, demands, FactorDemand.class, FactorDemand::firmId, d -> demand = d);
                case "FACTOR_MATCHED" -> chunk(e, matches, FirmMatch.class, FirmMatch::firmId, m -> match = m);
                case "FIRM_REPORTS" -> chunk(e, reports, FirmReport.class, FirmReport::firmId, r -> report = r);
                case "DEMANDS_CLOSED" -> demands.close(e, x -> EventCodec.payload(x, Payloads.Closed.class).parts());
                case "CLEARING_CLOSED" -> matches.close(e, x -> EventCodec.payload(x, Payloads.Closed.class).parts());
                case "REPORTS_CLOSED" -> reports.close(e, x -> EventCodec.payload(x, Payloads.ReportsClosed.class).parts());
                default -> {
                }
            }
        }

        private <T extends Record> void chunk(Envelope e, Parts parts, Class<T> type, java.util.function.ToLongFunction<T> id,
                                              Consumer<T> found) {
            if (parts.seen.contains(e.part())) {
                return;   // this part once only, whatever its event id
            }
            List<T> rs = records(e, type);
            if (rs == null) {
                return;
            }
            parts.seen.add(e.part());
            for (T r : rs) {
                if (id.applyAsLong(r) == firmId) {
                    found.accept(r);
                    return;
                }
            }
        }

        /** The topics whose part of the tick was not read whole. */
        List<String> incomplete() {
            List<String> out = new ArrayList<>();
            if (report != null && report.adoption() != FirmReport.ADOPT_NONE && decision == null) {
                out.add(Topics.ADOPTIONS);
            }
            if (!demands.complete()) {
                out.add(Topics.DEMANDS);
            }
            if (!matches.complete()) {
                out.add(Topics.CLEARING);
            }
            if (!reports.complete()) {
                out.add(Topics.FIRM_REPORTS);
            }
            return out;
        }
    }

    /** One firm over the run: decisions by tick, reports by tick. */
    private static final class HistoryCollector {
        final long firmId;
        final boolean withReports;
        final TreeMap<Integer, AdoptionIntent> decisions = new TreeMap<>();
        final TreeMap<Integer, FirmReport> reports = new TreeMap<>();
        final Map<Integer, Parts> reportParts = new HashMap<>();

        HistoryCollector(long firmId, boolean withReports) {
            this.firmId = firmId;
            this.withReports = withReports;
        }

        void accept(Envelope e, long ts) {
            switch (e.type()) {
                case "FIRM_ADOPTED" -> {
                    if (e.part() == (int) firmId && !decisions.containsKey(e.tick())) {
                        try {
                            AdoptionIntent in = EventCodec.payload(e, AdoptionIntent.class);
                            if (in.firmId() == firmId) {
                                decisions.put(e.tick(), in);
                            }
                        } catch (RuntimeException ex) {
                            // invalid: skipped
                        }
                    }
                }
                case "FIRM_REPORTS" -> {
                    if (!withReports) {
                        return;
                    }
                    Parts parts = reportParts.computeIfAbsent(e.tick(), t -> new Parts());
                    if (parts.seen.contains(e.part())) {
                        return;
                    }
                    List<FirmReport> rs = records(e, FirmReport.class);
                    if (rs == null) {
                        return;
                    }
                    parts.seen.add(e.part());
                    for (FirmReport r : rs) {
                        if (r.firmId() == firmId) {
                            reports.put(e.tick(), r);
                            break;
                        }
                    }
                }
                case "REPORTS_CLOSED" -> {
                    if (withReports) {
                        reportParts.computeIfAbsent(e.tick(), t -> new Parts())
                                .close(e, x -> EventCodec.payload(x, Payloads.ReportsClosed.class).parts());
                    }
                }
                default -> {
                }
            }
        }

        /** The topics not read whole for the closed ticks. */
        List<String> incomplete(Collection<Integer> closedTicks) {
            List<String> out = new ArrayList<>();
            if (!withReports) {
                return out;
            }
            boolean adoptions = false;
            boolean reps = false;
            for (int t : closedTicks) {
                Parts p = reportParts.get(t);
                reps |= p == null || !p.complete();
                FirmReport r = reports.get(t);
                adoptions |= r != null && r.adoption() != FirmReport.ADOPT_NONE && !decisions.containsKey(t);
            }
            if (adoptions) {
                out.add(Topics.ADOPTIONS);
            }
            if (reps) {
                out.add(Topics.FIRM_REPORTS);
            }
            return out;
        }
    }
}
