package org.ngai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.Topics;
import org.ngai.events.audit.FirmAudit;
import org.ngai.events.audit.FirmHistory;
import org.ngai.events.audit.RunLog;
import org.ngai.localrun.AuditCommand;
import org.ngai.localrun.Http;
import org.ngai.localrun.LocalCluster;
import org.ngai.localrun.RunFollower;
import org.ngai.model.engine.Fork;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.FirmReport;
import org.ngai.testsupport.ReferenceTrace;
import picocli.CommandLine;

/**
 * The audit end to end (docs/pipeline.md "Audit"): a run through the four services on a real broker, then what a
 * firm saw and decided at a tick, re-read from the run's log through firm-service's API, the reader and
 * {@code ./simulate audit}, equals what the reference engine's phases compute for that firm and tick, field by
 * field: firms that decided to upgrade at the tick (FIRM_ADOPTED) and firms that did not, exits and entrants, a
 * fork's ticks before and after its fork tick. Duplicates re-sent to the log change nothing; bad requests name
 * the field.
 */
@SharedCluster.OnSharedCluster
class AuditIT {
    static LocalCluster cluster;
    static final Scenario S = ScenarioLoader.bundled("baseline").toBuilder().firms(300).ticks(6).seed(2024).build();
    static ReferenceTrace trace;
    static String run;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SharedCluster.get();
        run = submit(S);
        trace = ReferenceTrace.of(S);
        assertThat(follow(run)).isEqualTo(new ReferenceEngine().run(S).series());
    }

    static String submit(Scenario s) throws Exception {
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        body.set("scenarioDocument", ScenarioLoader.toTree(s));
        Http.Response r = Http.post(cluster.url("firm-service") + "/api/runs", EventCodec.MAPPER.writeValueAsString(body),
                cluster.operator());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body().path("id").asText();
    }

    static List<TickIndicators> follow(String runId) {
        try (RunFollower f = new RunFollower(cluster.bootstrapServers(), runId)) {
            String end = f.follow(Duration.ofMinutes(8), t -> { });
            assertThat(end).as("run %s", runId).isEqualTo("FINISHED");
            return f.series();
        }
    }

    static Http.Response api(String runId, long firm, String query) throws Exception {
        return Http.get(cluster.url("firm-service") + "/api/runs/" + runId + "/firms/" + firm + "/audit" + query);
    }

    /** The audit as firm-service's API answers it, decoded into the reader's record. */
    static FirmAudit apiAudit(String runId, long firm, int tick) throws Exception {
        Http.Response r = api(runId, firm, "?tick=" + tick);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return EventCodec.MAPPER.treeToValue(r.body(), FirmAudit.class);
    }

    /** The firms worth auditing at a tick: two that decided to upgrade, two that did not, an exit and an entrant. */
    static List<Long> firmsOf(ReferenceTrace.Tick t) {
        List<Long> out = new ArrayList<>();
        List<Long> deciders = t.deciders();
        out.addAll(deciders.subList(0, Math.min(2, deciders.size())));
        t.decisions().stream().map(d -> d.firmId).filter(id -> !deciders.contains(id)).limit(2).forEach(out::add);
        t.produced().reports().stream().filter(r -> r.event() == FirmReport.EXITED).limit(1).forEach(r -> out.add(r.firmId()));
        t.produced().reports().stream().filter(r -> r.event() == FirmReport.ENTERED).limit(1).forEach(r -> out.add(r.firmId()));
        return out;
    }

    @Test
    void theApiAndTheReaderAnswerWhatTheReferenceEngineComputesForEveryTick() throws Exception {
        int deciders = 0;
        try (RunLog log = RunLog.open(cluster.bootstrapServers(), run)) {
            for (ReferenceTrace.Tick t : trace.ticks()) {
                for (long firm : firmsOf(t)) {
                    FirmAudit viaApi = apiAudit(run, firm, t.tick());
                    RunLogIT.assertEqualsReference(viaApi, trace, firm, t.tick());
                    assertThat(viaApi.tickClosed()).isTrue();
                    assertThat(viaApi.answeredFrom()).isEqualTo(run);
                    assertThat(viaApi.quarter()).isEqualTo(TickIndicators.quarter(t.tick()));
                    FirmAudit direct = log.audit(firm, t.tick());
                    RunLogIT.assertEqualsReference(direct, trace, firm, t.tick());
                    assertThat(direct.read().widened()).isEmpty();
                    deciders += viaApi.decision() != null ? 1 : 0;
                }
            }
        }
        assertThat(deciders).as("firms with FIRM_ADOPTED among those audited").isGreaterThanOrEqualTo(4);
        // the firm's decisions over the run: every FIRM_ADOPTED of the firm, and nothing else
        long firm = trace.tick(3).deciders().get(0);
        Http.Response r = api(run, firm, "");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        FirmHistory h = EventCodec.MAPPER.treeToValue(r.body(), FirmHistory.class);
        List<Integer> expected = trace.ticks().stream().filter(t -> t.decision(firm).isPresent()).map(ReferenceTrace.Tick::tick).toList();
        assertThat(h.ticks()).extracting(FirmHistory.Tick::tick).containsExactlyElementsOf(expected);
        for (FirmHistory.Tick row : h.ticks()) {
            assertThat(row.decision()).isEqualTo(trace.tick(row.tick()).decision(firm).orElseThrow());
        }
        // and with reports, through the reader
        try (RunLog log = RunLog.open(cluster.bootstrapServers(), run)) {
            RunLogIT.assertHistory(log.history(firm, true), trace, firm);
        }
    }

    @Test
    void duplicatesOnTheLogChangeNothing() throws Exception {
        ReferenceTrace.Tick t = trace.tick(4);
        long decider = t.deciders().get(0);
        FirmAudit before = apiAudit(run, decider, 4);
        // re-send tick 4's decisions, matches and reports of the run byte for byte with their timestamps: what a
        // restarted service's re-emission puts on the log (same event ids)
        int copies = resend(run, 4);
        assertThat(copies).isGreaterThan(3);
        FirmAudit after = apiAudit(run, decider, 4);
        RunLogIT.assertEqualsReference(after, trace, decider, 4);
        assertThat(after.decision()).isEqualTo(before.decision());
        assertThat(after.report()).isEqualTo(before.report());
        // a window wide enough to hold the copies (they were appended after the run): read, and dropped
        RunLog.Options wide = new RunLog.Options(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(60));
        try (RunLog log = new RunLog(cluster.bootstrapServers(), run, RunLog.Bounds.UNKNOWN, null, wide)) {
            FirmAudit a = log.audit(decider, 4);
            RunLogIT.assertEqualsReference(a, trace, decider, 4);
            assertThat(a.read().duplicates()).isGreaterThanOrEqualTo(copies);
            FirmHistory h = log.history(decider, true);
            RunLogIT.assertHistory(h, trace, decider);
            assertThat(h.read().duplicates()).isPositive();
        }
    }

    /** Re-sends this run's FIRM_ADOPTED, FACTOR_MATCHED and FIRM_REPORTS records of {@code tick} as they are. */
    static int resend(String runId, int tick) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (String topic : List.of(Topics.ADOPTIONS, Topics.CLEARING, Topics.FIRM_REPORTS)) {
                tps.add(new TopicPartition(topic, RunLog.partition(runId, Topics.PARTITIONS)));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!runId.equals(r.key())) {
                        continue;
                    }
                    Envelope e = EventCodec.fromBytes(r.value());
                    if (e.tick() == tick && List.of("FIRM_ADOPTED", "FACTOR_MATCHED", "FIRM_REPORTS").contains(e.type())) {
                        found.add(r);
                    }
                }
            }
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> r : found) {
                producer.send(new ProducerRecord<>(r.topic(), null, r.timestamp(), r.key(), r.value()));
            }
            producer.flush();
        }
        return found.size();
    }

    @Test
    void aForksEarlierTicksAreItsParentsAndItsLaterTicksItsOwn() throws Exception {
        Map<String, Double> set = Map.of("finance.cashFlowRatio", 0.6);
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        body.put("tick", 4);
        set.forEach(body.putObject("parameters")::put);
        Http.Response created = Http.post(cluster.url("firm-service") + "/api/runs/" + run + "/fork",
                EventCodec.MAPPER.writeValueAsString(body), cluster.operator());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String fork = created.body().path("id").asText();
        follow(fork);
        ReferenceTrace forkTrace = ReferenceTrace.of(Fork.scenario(S, 4, set, null));
        long early = trace.tick(2).decisions().get(5).firmId;
        FirmAudit a = apiAudit(fork, early, 2);
        assertThat(a.runId()).isEqualTo(fork);
        assertThat(a.answeredFrom()).isEqualTo(run);
        RunLogIT.assertEqualsReference(a, trace, early, 2);
        for (long firm : firmsOf(forkTrace.tick(5))) {
            FirmAudit late = apiAudit(fork, firm, 5);
            assertThat(late.answeredFrom()).isEqualTo(fork);
            RunLogIT.assertEqualsReference(late, forkTrace, firm, 5);
        }
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        long firm = trace.tick(1).decisions().get(0).firmId;
        for (String q : List.of("?tick=0", "?tick=7", "?tick=x")) {
            Http.Response r = api(run, firm, q);
            assertThat(r.status()).as(q + ": " + r.text()).isEqualTo(400);
            assertThat(r.body().path("field").asText()).isEqualTo("tick");
            assertThat(r.body().path("error").asText()).contains("1..6");
        }
        Http.Response r = api(run, -1, "?tick=1");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("field").asText()).isEqualTo("firmId");
        r = api(run, 99_999, "?tick=1");
        assertThat(r.status()).as(r.text()).isEqualTo(404);
        assertThat(r.body().path("error").asText()).contains("firm 99999");
        r = api("no-such-run", firm, "?tick=1");
        assertThat(r.status()).isEqualTo(404);
        // a run paused before it reached the tick
        String paused = submit(ScenarioLoader.bundled("baseline").toBuilder().firms(200).ticks(40).seed(3).build());
        assertThat(Http.post(cluster.url("firm-service") + "/api/runs/" + paused + "/pause", "", cluster.operator()).status())
                .isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!"PAUSED".equals(Http.get(cluster.url("firm-service") + "/api/runs/" + paused).body().path("status").asText())
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        r = api(paused, 0, "?tick=40");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.body().path("field").asText()).isEqualTo("tick");
        assertThat(r.body().path("error").asText()).contains("has not reached tick 40");
        Http.post(cluster.url("firm-service") + "/api/runs/" + paused + "/cancel", "", cluster.operator());
    }

    @Test
    void theCommandLinePrintsTheAuditAndTheHistory() throws Exception {
        long decider = trace.tick(3).deciders().get(0);
        String out = cli("--bootstrap", cluster.bootstrapServers(), "--run", run, "--firm", Long.toString(decider), "--tick", "3");
        assertThat(out).contains("firm " + decider + " at tick 3 (2020Q3)").contains("what it decided (FIRM_ADOPTED): upgrade from stage")
                .contains("its demand (FACTOR_DEMANDS):").contains("its report (FIRM_REPORTS):");
        out = cli("--bootstrap", cluster.bootstrapServers(), "--run", run, "--firm", Long.toString(decider));
        assertThat(out).contains("upgrade decision(s)").contains("2020Q3");
        out = cli("--bootstrap", cluster.bootstrapServers());
        assertThat(out).contains(run);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = new CommandLine(new AuditCommand()).execute("--bootstrap", cluster.bootstrapServers(), "--run", run,
                    "--firm", "1", "--tick", "0");
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tick:");
    }

    static String cli(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = new CommandLine(new AuditCommand()).execute(args);
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertThat(code).as(out).isZero();
        return out;
    }
}
