package org.ngai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.events.RecordBatch;
import org.ngai.events.Topics;
import org.ngai.events.audit.AuditException;
import org.ngai.events.audit.FirmAudit;
import org.ngai.events.audit.FirmEnvironment;
import org.ngai.events.audit.FirmHistory;
import org.ngai.events.audit.RunInfo;
import org.ngai.events.audit.RunLog;
import org.ngai.kafka.local.LocalKafkaBroker;
import org.ngai.model.firm.FirmDecision;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.FirmReport;
import org.ngai.testsupport.ReferenceTrace;

/**
 * The audit's log reader ({@link RunLog}) on a real broker, without the services: the test writes runs' events as
 * the services do (same envelopes, event ids, chunks, keys), from the reference engine's phases, with record
 * timestamps ten seconds apart per tick so that a tick's window is visible. Two runs share a partition; one run
 * gets duplicates, garbage and an invalid chunk; one has a demand chunk that arrives late.
 */
class RunLogIT {
    static LocalKafkaBroker broker;
    static KafkaProducer<String, byte[]> producer;
    static final Scenario A = ScenarioLoader.bundled("baseline").toBuilder().firms(200).ticks(5).seed(2024).build();
    static final Scenario B = ScenarioLoader.bundled("financing-support").toBuilder().firms(120).ticks(3).seed(12).build();
    static ReferenceTrace traceA;
    static ReferenceTrace traceB;
    static String runA;
    static String runB;
    static String runLate;
    static String runHalf;
    static long base;
    /** Records written for run A (events, copies, garbage). */
    static long recordsA;

    /** The in-process broker logs every config value at INFO; keep its warnings (strong refs: JUL loggers are weak). */
    private static final List<java.util.logging.Logger> QUIET = new ArrayList<>();

    @BeforeAll
    static void start() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            java.util.logging.Logger l = org.jboss.logmanager.LogContext.getLogContext().getLogger(name);
            l.setLevel(java.util.logging.Level.WARNING);
            QUIET.add(l);
        }
        broker = LocalKafkaBroker.start(LocalKafkaBroker.Config.defaults());
        broker.createTopics(Topics.all());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        traceA = ReferenceTrace.of(A);
        traceB = ReferenceTrace.of(B);
        runA = UUID.randomUUID().toString();
        // B on the same partition as A: the reader must keep them apart by key
        do {
            runB = UUID.randomUUID().toString();
        } while (RunLog.partition(runB, Topics.PARTITIONS) != RunLog.partition(runA, Topics.PARTITIONS));
        base = System.currentTimeMillis() - Duration.ofMinutes(30).toMillis();

        List<Timed> a = events(runA, traceA, base);
        List<Timed> b = events(runB, traceB, base + 5_000);
        // in A's tick 2: an invalid chunk first (another event id, the schema of nothing), garbage keyed by the run,
        // then, after the tick's reports, every FIRM_ADOPTED, match and report chunk of the tick a second time
        long t2 = base + 2 * 10_000;
        int firstReport = indexOf(a, "FIRM_REPORTS", 2);
        a.add(firstReport, new Timed(new Envelope("bogus-" + runA, "FIRM_REPORTS", 1, runA, 2, 0, "intruder", "now",
                EventCodec.tree(java.util.Map.of("schema", "FirmReport#0", "part", 0, "count", 1, "data", "AAAA"))), t2 + 3));
        int closed = indexOf(a, "REPORTS_CLOSED", 2);
        List<Timed> copies = new ArrayList<>();
        for (Timed e : a) {
            if (e.envelope != null && e.envelope.tick() == 2 && List.of("FIRM_ADOPTED", "FACTOR_MATCHED", "FIRM_REPORTS")
                    .contains(e.envelope.type()) && !e.envelope.eventId().startsWith("bogus")) {
                copies.add(new Timed(e.envelope, e.timestamp + 1));
            }
        }
        a.addAll(closed + 1, copies);
        a.add(closed + 1, new Timed(null, t2 + 4));   // garbage
        recordsA = a.size();
        send(interleave(a, b));

        // a run whose demand chunk 1 of tick 2 arrives long after its tick closed
        runLate = UUID.randomUUID().toString();
        List<Timed> late = events(runLate, traceA, base + 300_000);
        int held = -1;
        for (int i = 0; i < late.size(); i++) {
            Envelope e = late.get(i).envelope;
            if (e.type().equals("FACTOR_DEMANDS") && e.tick() == 2 && e.part() == 1) {
                held = i;
            }
        }
        Timed h = late.remove(held);
        late.add(new Timed(h.envelope, base + 600_000));
        send(late);

        // a run that has started only 2 of its 4 ticks
        runHalf = UUID.randomUUID().toString();
        List<Timed> half = events(runHalf, traceA, base + 700_000);
        half.removeIf(e -> e.envelope.tick() > 2 || e.envelope.type().equals("RUN_FINISHED"));
        send(half);
        producer.flush();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** An event (null: a garbage record) and its record timestamp. */
    record Timed(Envelope envelope, long timestamp) {
    }

    /** The events the services publish for a run, tick by tick; tick t's records are stamped base + 10 s × t. */
    static List<Timed> events(String run, ReferenceTrace trace, long base) {
        List<Timed> out = new ArrayList<>();
        Scenario s = trace.scenario();
        out.add(new Timed(EventCodec.envelope(run, EventType.RUN_STARTED, 0, 0, "firm-service",
                new Payloads.RunStarted(ScenarioLoader.toTree(s))), base));
        for (ReferenceTrace.Tick t : trace.ticks()) {
            int tick = t.tick();
            long ts = base + tick * 10_000L;
            out.add(new Timed(EventCodec.envelope(run, EventType.TICK_STARTED, tick, 0, "firm-service",
                    new Payloads.TickStarted(t.environment())), ts));
            for (FirmDecision d : t.decisions()) {
                if (d.intent != null) {
                    out.add(new Timed(EventCodec.envelope(run, EventType.FIRM_ADOPTED, tick, (int) d.firmId, "firm-service",
                            d.intent), ts + 1));
                }
            }
            List<FactorDemand> demands = t.decisions().stream().map(d -> d.demand).toList();
            int parts = chunks(out, run, EventType.FACTOR_DEMANDS, FactorDemand.class, tick, demands, "firm-service", ts + 1);
            out.add(new Timed(EventCodec.envelope(run, EventType.DEMANDS_CLOSED, tick, 0, "firm-service",
                    new Payloads.Closed(parts, demands.size())), ts + 1));
            parts = chunks(out, run, EventType.FACTOR_MATCHED, FirmMatch.class, tick, t.clearing().firmMatches(),
                    "market-service", ts + 2);
            out.add(new Timed(EventCodec.envelope(run, EventType.CLEARING_CLOSED, tick, 0, "market-service",
                    new Payloads.Closed(parts, t.clearing().firmMatches().size())), ts + 2));
            List<FirmReport> reports = t.produced().reports();
            parts = chunks(out, run, EventType.FIRM_REPORTS, FirmReport.class, tick, reports, "firm-service", ts + 3);
            out.add(new Timed(EventCodec.envelope(run, EventType.REPORTS_CLOSED, tick, 0, "firm-service",
                    new Payloads.ReportsClosed(parts, reports.size(), t.produced().sectors())), ts + 3));
            out.add(new Timed(EventCodec.envelope(run, EventType.TICK_CLOSED, tick, 0, "indicator-service",
                    new Payloads.TickClosed(t.environment())), ts + 4));
        }
        out.add(new Timed(EventCodec.envelope(run, EventType.RUN_FINISHED, s.ticks(), 0, "firm-service",
                new Payloads.RunFinished(s.ticks())), base + (s.ticks() + 1) * 10_000L));
        return out;
    }

    static <T extends Record> int chunks(List<Timed> out, String run, EventType type, Class<T> cls, int tick, List<T> records,
                                         String producer, long ts) {
        int parts = 0;
        for (int from = 0; from < records.size(); from += 50) {
            out.add(new Timed(EventCodec.envelope(run, type, tick, parts, producer,
                    RecordBatch.of(cls, parts, records.subList(from, Math.min(records.size(), from + 50)))), ts));
            parts++;
        }
        return parts;
    }

    static int indexOf(List<Timed> events, String type, int tick) {
        for (int i = 0; i < events.size(); i++) {
            Envelope e = events.get(i).envelope;
            if (e != null && e.type().equals(type) && e.tick() == tick) {
                return i;
            }
        }
        throw new IllegalStateException(type + " " + tick);
    }

    /** Both runs' events in timestamp order (stable), as two runs in flight would be. */
    static List<Timed> interleave(List<Timed> a, List<Timed> b) {
        List<Timed> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(java.util.Comparator.comparingLong(Timed::timestamp));
        return all;
    }

    static void send(List<Timed> events) {
        for (Timed t : events) {
            if (t.envelope == null) {
                continue;
            }
            String run = t.envelope.runId();
            String topic = EventType.valueOf(t.envelope.type()).topic;
            producer.send(new ProducerRecord<>(topic, null, t.timestamp, run, EventCodec.toBytes(t.envelope)));
        }
        for (Timed t : events) {
            if (t.envelope == null) {
                // garbage keyed by run A on the report topic
                producer.send(new ProducerRecord<>(Topics.FIRM_REPORTS, null, t.timestamp, runA,
                        "{this is not an event".getBytes(StandardCharsets.UTF_8)));
            }
        }
        producer.flush();
    }

    /** The audit equals the reference engine's tick, field by field. */
    static void assertEqualsReference(FirmAudit a, ReferenceTrace trace, long firm, int tick) {
        ReferenceTrace.Tick t = trace.tick(tick);
        assertThat(a.firmId()).isEqualTo(firm);
        assertThat(a.tick()).isEqualTo(tick);
        assertThat(a.decision()).as("decision of %d at %d", firm, tick).isEqualTo(t.decision(firm).orElse(null));
        assertThat(a.demand()).as("demand of %d at %d", firm, tick).isEqualTo(t.demand(firm).orElse(null));
        assertThat(a.match()).as("match of %d at %d", firm, tick).isEqualTo(t.match(firm).orElse(null));
        assertThat(a.report()).as("report of %d at %d", firm, tick).isEqualTo(t.report(firm).orElseThrow());
        FirmReport r = t.report(firm).orElseThrow();
        assertThat(a.environment()).isEqualTo(FirmEnvironment.of(t.environment(), r.region(), r.sector()));
    }

    @Test
    void theAuditOfEveryTickEqualsTheReferenceEngineForDecidersAndOthers() {
        try (RunLog log = new RunLog(broker.bootstrapServers(), runA, new RunLog.Bounds(Instant.ofEpochMilli(base),
                Instant.ofEpochMilli(base + 50_000)), null, RunLog.Options.defaults())) {
            for (ReferenceTrace.Tick t : traceA.ticks()) {
                List<Long> deciders = t.deciders();
                assertThat(deciders).as("tick %d of this seed has upgrade decisions", t.tick()).isNotEmpty();
                long decider = deciders.get(deciders.size() / 2);
                long other = t.decisions().stream().map(d -> d.firmId).filter(id -> !deciders.contains(id)).findFirst().orElseThrow();
                for (long firm : List.of(decider, other, t.decisions().get(t.decisions().size() - 1).firmId)) {
                    FirmAudit a = log.audit(firm, t.tick());
                    assertEqualsReference(a, traceA, firm, t.tick());
                    assertThat(a.tickClosed()).isTrue();
                    assertThat(a.read().widened()).isEmpty();
                    // bounded: the tick's window, not the run (B shares the partition; A has 4 ticks)
                    assertThat(a.read().runRecords()).isLessThan(recordsA / 2);
                }
                FirmAudit d = log.audit(decider, t.tick());
                assertThat(d.decisionText()).startsWith("upgrade from stage");
                assertThat(log.audit(other, t.tick()).decisionText()).startsWith("no upgrade decision");
            }
            // exits and entrants too, where the reference run has them
            for (ReferenceTrace.Tick t : traceA.ticks()) {
                t.produced().reports().stream().filter(r -> r.event() != FirmReport.ALIVE).limit(2)
                        .forEach(r -> assertEqualsReference(log.audit(r.firmId(), t.tick()), traceA, r.firmId(), t.tick()));
            }
        }
        try (RunLog log = RunLog.open(broker.bootstrapServers(), runB)) {
            for (ReferenceTrace.Tick t : traceB.ticks()) {
                for (long firm : t.deciders()) {
                    assertEqualsReference(log.audit(firm, t.tick()), traceB, firm, t.tick());
                }
            }
            assertThat(traceB.ticks().stream().mapToInt(t -> t.deciders().size()).sum()).isPositive();
        }
    }

    @Test
    void duplicatesGarbageAndAnInvalidChunkChangeNothing() {
        try (RunLog log = RunLog.open(broker.bootstrapServers(), runA)) {
            ReferenceTrace.Tick t = traceA.tick(2);
            long decider = t.deciders().get(0);
            FirmAudit a = log.audit(decider, 2);
            assertEqualsReference(a, traceA, decider, 2);
            assertThat(a.read().duplicates()).isPositive();
            // the first report chunk is the one the invalid chunk tried to take the place of
            long first = t.produced().reports().get(0).firmId();
            assertEqualsReference(log.audit(first, 2), traceA, first, 2);
            FirmHistory h = log.history(decider, true);
            assertThat(h.read().duplicates()).isPositive();
            assertHistory(h, traceA, decider);
        }
    }

    static void assertHistory(FirmHistory h, ReferenceTrace trace, long firm) {
        int decisions = 0;
        for (ReferenceTrace.Tick t : trace.ticks()) {
            FirmHistory.Tick row = h.ticks().stream().filter(r -> r.tick() == t.tick()).findFirst().orElse(null);
            if (t.report(firm).isEmpty()) {
                assertThat(row).isNull();
                continue;
            }
            assertThat(row).as("tick %d", t.tick()).isNotNull();
            assertThat(row.decision()).isEqualTo(t.decision(firm).orElse(null));
            assertThat(row.report()).isEqualTo(t.report(firm).orElseThrow());
            decisions += t.decision(firm).isPresent() ? 1 : 0;
        }
        assertThat(h.decisions()).isEqualTo(decisions);
    }

    @Test
    void aChunkOutsideTheTicksWindowIsFoundByReadingTheRunAgain() {
        try (RunLog log = RunLog.open(broker.bootstrapServers(), runLate)) {
            // demand chunk 1 holds firms 50..99 of the decisions
            long firm = traceA.tick(2).decisions().get(60).firmId;
            FirmAudit a = log.audit(firm, 2);
            assertEqualsReference(a, traceA, firm, 2);
            assertThat(a.read().widened()).containsExactly(Topics.DEMANDS);
            FirmAudit other = log.audit(firm, 3);
            assertThat(other.read().widened()).isEmpty();
        }
    }

    @Test
    void badInputNamesTheField() {
        try (RunLog log = RunLog.open(broker.bootstrapServers(), runHalf)) {
            assertThatThrownBy(() -> log.audit(3, 0)).isInstanceOfSatisfying(AuditException.class, e -> {
                assertThat(e.kind()).isEqualTo(AuditException.Kind.BAD_INPUT);
                assertThat(e.field()).isEqualTo("tick");
                assertThat(e.getMessage()).contains("1..5");
            });
            assertThatThrownBy(() -> log.audit(3, 6)).isInstanceOfSatisfying(AuditException.class,
                    e -> assertThat(e.field()).isEqualTo("tick"));
            assertThatThrownBy(() -> log.audit(3, 3)).isInstanceOfSatisfying(AuditException.class, e -> {
                assertThat(e.field()).isEqualTo("tick");
                assertThat(e.getMessage()).contains("has not reached tick 3").contains("last started tick is 2");
            });
            assertThatThrownBy(() -> log.audit(-1, 1)).isInstanceOfSatisfying(AuditException.class,
                    e -> assertThat(e.field()).isEqualTo("firmId"));
            assertThatThrownBy(() -> log.audit(99_999, 1)).isInstanceOfSatisfying(AuditException.class, e -> {
                assertThat(e.kind()).isEqualTo(AuditException.Kind.NOT_FOUND);
                assertThat(e.field()).isEqualTo("firmId");
            });
            assertEqualsReference(log.audit(3, 2), traceA, 3, 2);
            assertThat(log.info().ticksStarted()).isEqualTo(2);
            assertThat(log.info().end()).isNull();
        }
        try (RunLog log = RunLog.open(broker.bootstrapServers(), "no-such-run")) {
            assertThatThrownBy(() -> log.audit(3, 1)).isInstanceOfSatisfying(AuditException.class, e -> {
                assertThat(e.kind()).isEqualTo(AuditException.Kind.NOT_FOUND);
                assertThat(e.field()).isEqualTo("runId");
            });
        }
    }

    /**
     * {@code ./simulate audit} without {@code --bootstrap} opens the broker log that the last local run left in
     * {@code .local-run/kafka}: a broker is started on it for the audit and stopped afterwards.
     */
    @Test
    void theCommandLineAuditsTheBrokerLogOfAnEarlierLaunch() throws Exception {
        java.nio.file.Path repo = java.nio.file.Files.createTempDirectory("ngai-audit-repo");
        java.nio.file.Path dir = repo.resolve(".local-run").resolve("kafka");
        String run = UUID.randomUUID().toString();
        try {
            try (LocalKafkaBroker earlier = LocalKafkaBroker.start(LocalKafkaBroker.Config.defaults().withLogDir(dir));
                 KafkaProducer<String, byte[]> p = new KafkaProducer<>(producerProps(earlier.bootstrapServers()),
                         new StringSerializer(), new ByteArraySerializer())) {
                earlier.createTopics(Topics.all());
                for (Timed t : events(run, traceB, base)) {
                    p.send(new ProducerRecord<>(EventType.valueOf(t.envelope.type()).topic, null, t.timestamp, run,
                            EventCodec.toBytes(t.envelope)));
                }
                p.flush();
            }
            long decider = traceB.ticks().stream().filter(t -> !t.deciders().isEmpty()).findFirst().orElseThrow().deciders().get(0);
            int tick = traceB.ticks().stream().filter(t -> t.deciders().contains(decider)).findFirst().orElseThrow().tick();
            String out = AuditIT.cli("--repo", repo.toString(), "--run", run, "--firm", Long.toString(decider), "--tick",
                    Integer.toString(tick));
            assertThat(out).contains("firm " + decider + " at tick " + tick).contains("upgrade from stage");
            assertThat(AuditIT.cli("--repo", repo.toString())).contains(run);
            // and the log is still there for the next audit
            assertThat(AuditIT.cli("--repo", repo.toString(), "--run", run, "--firm", Long.toString(decider), "--json"))
                    .contains("\"firmId\" : " + decider).contains("\"decisions\" : ");
        } finally {
            try (var files = java.nio.file.Files.walk(repo)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        return p;
    }

    @Test
    void theRunsOnALogAreListed() {
        List<RunInfo> runs = RunLog.runs(broker.bootstrapServers(), Duration.ofSeconds(30));
        assertThat(runs).extracting(RunInfo::runId).contains(runA, runB, runLate, runHalf);
        RunInfo a = runs.stream().filter(r -> r.runId().equals(runA)).findFirst().orElseThrow();
        assertThat(a.firms()).isEqualTo(200);
        assertThat(a.ticksClosed()).isEqualTo(5);
        assertThat(a.end()).isEqualTo("FINISHED");
    }
}
