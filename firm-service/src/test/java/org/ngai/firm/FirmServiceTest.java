package org.ngai.firm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.events.RecordBatch;
import org.ngai.firm.service.SnapshotWriter;
import org.ngai.model.engine.RunSetup;
import org.ngai.model.factor.FactorOwners;
import org.ngai.model.factor.FactorPhase;
import org.ngai.model.firm.FirmDecision;
import org.ngai.model.firm.FirmPhase;
import org.ngai.model.firm.FirmPopulation;
import org.ngai.model.indicator.Aggregator;
import org.ngai.model.market.MarketPhase;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.FirmReport;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.ProduceResult;
import org.ngai.model.tick.Supplies;
import org.ngai.testsupport.EventProbe;
import org.ngai.testsupport.KafkaBrokerTestResource;
import org.ngai.testsupport.OperatorCredentials;

/**
 * firm-service against a real broker and PostgreSQL. The other services are played by the test,
 * which computes their outputs with the same model functions.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OperatorCredentials.class, scope = TestResourceScope.GLOBAL)
class FirmServiceTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    SnapshotWriter snapshots;
    @Inject
    javax.sql.DataSource dataSource;
    EventProbe probe;

    @BeforeEach
    void probe() {
        probe = new EventProbe(bootstrap);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    /** A request signed in as the operator (creating and changing runs needs the role run-operator). */
    static io.restassured.specification.RequestSpecification operator() {
        return given().auth().preemptive().basic(OperatorCredentials.OPERATOR, OperatorCredentials.operatorPassword());
    }

    static String create(String body) {
        return operator().contentType("application/json").body(body).post("/api/runs").then().statusCode(201)
                .header("Location", containsString("/api/runs/")).extract().path("id");
    }

    /** What the market, factor and indicator services would answer for one tick. */
    record Tick(Environment env, List<FirmMatch> matches, Environment next, List<FirmReport> reports) {
    }

    static final class Mirror {
        final Scenario s;
        final FirmPopulation pop;
        final FactorOwners owners;
        Environment env;
        final FirmPhase fp;

        Mirror(Scenario s) {
            this.s = s;
            RunSetup.Initial init = RunSetup.create(s);
            pop = init.population();
            owners = init.owners();
            env = init.environment();
            fp = new FirmPhase(s);
        }

        Tick step(int t, Aggregator agg) {
            List<FirmDecision> ds = fp.decide(pop, env, t);
            List<FactorDemand> demands = ds.stream().map(d -> d.demand).toList();
            Supplies sup = new FactorPhase(s).supply(owners, env, t);
            Clearing c = new MarketPhase(s).clear(env, t, demands, sup);
            ProduceResult pr = fp.produce(pop, env, t, ds, c.firmMatches());
            OwnerReports or = new FactorPhase(s).apply(owners, env, t, c);
            Environment used = env;
            env = agg.aggregate(t, env, pr, c, or).next();
            return new Tick(used, c.firmMatches(), env, pr.reports());
        }
    }

    static <T extends Record> List<T> records(List<Envelope> ev, EventType type, int tick, Class<T> cls) {
        List<Envelope> parts = new ArrayList<>(ev.stream().filter(e -> e.type().equals(type.name()) && e.tick() == tick).toList());
        parts.sort(Comparator.comparingInt(Envelope::part));
        List<T> out = new ArrayList<>();
        for (Envelope e : parts) {
            out.addAll(EventCodec.payload(e, RecordBatch.class).records(cls));
        }
        return out;
    }

    @Test
    void runsThroughTheTickProtocolWithTheModelsNumbersAndFinishes() {
        Scenario s = ScenarioLoader.bundled("baseline").toBuilder().firms(600).ticks(2).seed(9).build();
        String run = create("{\"scenario\":\"baseline\",\"firms\":600,\"ticks\":2,\"seed\":9}");
        Mirror m = new Mirror(s);
        Aggregator agg = new Aggregator(s);
        List<FirmReport> lastReports = List.of();
        for (int t = 1; t <= 2; t++) {
            final int tick = t;
            Tick expected = m.step(t, agg);
            lastReports = expected.reports();
            List<Envelope> ev = probe.await(run, e -> EventProbe.count(e, "DEMANDS_CLOSED", tick) == 1, Duration.ofSeconds(60));
            Envelope started = ev.stream().filter(e -> e.type().equals("TICK_STARTED") && e.tick() == tick).findFirst().orElseThrow();
            Environment env = EventCodec.payload(started, Payloads.TickStarted.class).environment();
            assertThat(env.ai()).isEqualTo(expected.env().ai());
            assertThat(env.adopterShare()).containsExactly(expected.env().adopterShare());
            List<FactorDemand> demands = records(ev, EventType.FACTOR_DEMANDS, tick, FactorDemand.class);
            Payloads.Closed closed = EventCodec.payload(ev.stream().filter(e -> e.type().equals("DEMANDS_CLOSED") && e.tick() == tick)
                    .findFirst().orElseThrow(), Payloads.Closed.class);
            assertThat(demands).hasSize(closed.records());
            // the market's answer, in shuffled chunks, each sent twice
            List<Envelope> answer = new ArrayList<>();
            int size = 97;
            int parts = 0;
            for (int from = 0; from < expected.matches().size(); from += size) {
                List<FirmMatch> chunk = expected.matches().subList(from, Math.min(expected.matches().size(), from + size));
                answer.add(EventCodec.envelope(run, EventType.FACTOR_MATCHED, tick, parts, "market-service",
                        RecordBatch.of(FirmMatch.class, parts, chunk)));
                parts++;
            }
            answer.add(EventCodec.envelope(run, EventType.CLEARING_CLOSED, tick, 0, "market-service",
                    new Payloads.Closed(parts, expected.matches().size())));
            List<Envelope> twice = new ArrayList<>(answer);
            twice.addAll(answer);
            Collections.shuffle(twice, new Random(tick));
            probe.send(twice.toArray(Envelope[]::new));
            ev = probe.await(run, e -> EventProbe.count(e, "REPORTS_CLOSED", tick) >= 1, Duration.ofSeconds(60));
            assertThat(records(ev, EventType.FIRM_REPORTS, tick, FirmReport.class)).isEqualTo(expected.reports());
            probe.send(EventCodec.envelope(run, EventType.TICK_CLOSED, tick, 0, "indicator-service",
                    new Payloads.TickClosed(expected.next())));
        }
        List<Envelope> ev = probe.await(run, e -> e.stream().anyMatch(x -> x.type().equals("RUN_FINISHED")), Duration.ofSeconds(60));
        assertThat(EventProbe.count(ev, "REPORTS_CLOSED", 1)).isEqualTo(1);
        assertThat(EventProbe.count(ev, "TICK_STARTED", 2)).isEqualTo(1);
        awaitStatus(run, "FINISHED");
        snapshots.flush();
        given().get("/api/runs/" + run + "/firms?tick=2&size=5").then().statusCode(200)
                .body("tick", equalTo(2)).body("firms.size()", equalTo(5));
        long firmId = given().get("/api/runs/" + run + "/firms?tick=2&size=1").then().extract().jsonPath().getLong("firms[0].firmId");
        given().get("/api/runs/" + run + "/firms/" + firmId).then().statusCode(200).body("size()", equalTo(2));
        // the stored snapshot is the model's report, column for column
        FirmReport want = lastReports.stream().filter(r -> r.firmId() == firmId).findFirst().orElseThrow();
        var got = given().get("/api/runs/" + run + "/firms/" + firmId).then().extract().jsonPath().using(
                new io.restassured.path.json.config.JsonPathConfig(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(got.getInt("[1].tick")).isEqualTo(2);
        assertThat(got.getString("[1].region")).isEqualTo(org.ngai.model.core.Region.of(want.region()).code());
        assertThat(got.getString("[1].sector")).isEqualTo(org.ngai.model.core.Sector.of(want.sector()).name());
        assertThat(got.getInt("[1].stage")).isEqualTo(want.stage());
        assertThat(got.getInt("[1].adoption")).isEqualTo(want.adoption());
        double[] fields = {want.output(), want.revenue(), want.valueAdded(), want.price(), want.employedL(),
            want.employedH(), want.aiUnits(), want.cash(), want.debt(), want.lnZ(), want.marketShare(),
            want.capital(), want.intangible()};
        String[] names = {"output", "revenue", "valueAdded", "price", "employedLow", "employedHigh", "aiUnits", "cash",
            "debt", "lnTfp", "marketShare", "capital", "intangible"};
        for (int i = 0; i < names.length; i++) {
            assertThat(got.getDouble("[1]." + names[i])).as(names[i]).isEqualTo(fields[i]);
        }
        given().get("/api/runs/" + run + "/firms?region=GD&stage=0&tick=1").then().statusCode(200)
                .body("firms.region", org.hamcrest.Matchers.everyItem(equalTo("GD")));
    }

    @Test
    void pausedRunWaitsForResumeAndCancelledRunStops() {
        String run = create("{\"scenario\":\"baseline\",\"firms\":200,\"ticks\":3}");
        probe.await(run, e -> EventProbe.count(e, "DEMANDS_CLOSED", 1) == 1, Duration.ofSeconds(60));
        operator().post("/api/runs/" + run + "/pause").then().statusCode(202);
        awaitStatus(run, "PAUSED");
        Scenario s = ScenarioLoader.bundled("baseline").toBuilder().firms(200).ticks(3).build();
        Tick t1 = new Mirror(s).step(1, new Aggregator(s));
        probe.send(EventCodec.envelope(run, EventType.CLEARING_CLOSED, 1, 0, "m", new Payloads.Closed(0, 0)));
        List<Envelope> ev = probe.await(run, e -> EventProbe.count(e, "REPORTS_CLOSED", 1) == 1, Duration.ofSeconds(60));
        probe.send(EventCodec.envelope(run, EventType.TICK_CLOSED, 1, 0, "i", new Payloads.TickClosed(t1.next())));
        KafkaSleep.ms(1500);
        assertThat(EventProbe.count(probe.events(run), "TICK_STARTED", 2)).isZero();
        operator().post("/api/runs/" + run + "/resume").then().statusCode(202);
        probe.await(run, e -> EventProbe.count(e, "TICK_STARTED", 2) == 1, Duration.ofSeconds(60));
        operator().post("/api/runs/" + run + "/cancel").then().statusCode(202);
        awaitStatus(run, "CANCELLED");
        operator().post("/api/runs/" + run + "/resume").then().statusCode(409);
        assertThat(ev).isNotEmpty();
    }

    @Test
    void badEventsGoToTheDeadLetterTopicAndTheServiceCarriesOn() {
        int before = probe.deadLetters().size();
        String run = create("{\"scenario\":\"baseline\",\"firms\":100,\"ticks\":1}");
        probe.sendRaw("market.clearing.v1", run, "{not json");
        Envelope bad = new Envelope("bad-1", "CLEARING_CLOSED", 1, run, 1, 0, "m", "now",
                EventCodec.tree(java.util.Map.of("parts", "many")));
        probe.send(bad);
        probe.awaitDeadLetters(before + 2, Duration.ofSeconds(60));
        assertThat(probe.deadLetters()).anySatisfy(r ->
                assertThat(EventProbe.header(r, "dead-letter-reason")).contains("payload of CLEARING_CLOSED is invalid"));
        // the run is still alive and answers the real protocol
        probe.send(EventCodec.envelope(run, EventType.CLEARING_CLOSED, 1, 0, "m", new Payloads.Closed(0, 0)));
        probe.await(run, e -> EventProbe.count(e, "REPORTS_CLOSED", 1) == 1, Duration.ofSeconds(60));
    }

    @Test
    void badApiInputGets400NamingTheFieldAndUnknownRuns404() {
        operator().contentType("application/json").body("{\"scenario\":\"no-such\"}").post("/api/runs").then()
                .statusCode(400).body("field", equalTo("scenario")).body("error", containsString("no-such"));
        operator().contentType("application/json").body("{\"scenario\":\"baseline\",\"firms\":-5}").post("/api/runs").then()
                .statusCode(400).body("field", equalTo("firms")).body("error", containsString("[10, 1000000]"));
        operator().contentType("application/json")
                .body("{\"scenarioDocument\":{\"name\":\"x\",\"parameters\":{\"labour.separation\":0.9}}}")
                .post("/api/runs").then().statusCode(400).body("field", equalTo("parameters.labour.separation"));
        operator().contentType("application/json").body("{\"scenario\":\"baseline\",").post("/api/runs").then()
                .statusCode(400).body("error", containsString("malformed JSON"));
        operator().contentType("application/json").body("{\"scenario\":\"baseline\",\"firmz\":10}").post("/api/runs").then()
                .statusCode(400).body("field", equalTo("firmz"));
        operator().contentType("application/json").body("{\"scenario\":\"baseline\",\"ticks\":\"many\"}").post("/api/runs").then()
                .statusCode(400).body("field", equalTo("ticks"));
        given().get("/api/runs/no-such-run").then().statusCode(404);
        given().get("/api/runs/no-such-run/firms").then().statusCode(404);
        given().get("/api/scenarios").then().statusCode(200).body("$", org.hamcrest.Matchers.hasItem("baseline"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/runs"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    static void awaitStatus(String run, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String s = null;
        while (System.nanoTime() < deadline) {
            s = given().get("/api/runs/" + run).then().statusCode(200).extract().path("status");
            if (status.equals(s)) {
                return;
            }
            KafkaSleep.ms(100);
        }
        throw new AssertionError("run " + run + " is " + s + ", expected " + status);
    }

    static final class KafkaSleep {
        static void ms(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The snapshot writer deletes a (run, tick)'s rows before it writes them; an index led by (runId, tick) must
     * serve that, or the delete scans every row of every run ever stored (the primary key's columns come in
     * Hibernate's order, firmId first). Checked on the database the tests run on, PostgreSQL or H2.
     */
    @Test
    void snapshotsHaveAnIndexLedByRunAndTick() throws Exception {
        java.util.Map<String, java.util.TreeMap<Integer, String>> indexes = new java.util.HashMap<>();
        try (java.sql.Connection c = dataSource.getConnection()) {
            java.sql.DatabaseMetaData md = c.getMetaData();
            for (String table : List.of("firm_snapshots", "FIRM_SNAPSHOTS")) {
                try (java.sql.ResultSet rs = md.getIndexInfo(null, null, table, false, false)) {
                    while (rs.next()) {
                        String column = rs.getString("COLUMN_NAME");
                        if (column != null) {
                            indexes.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new java.util.TreeMap<>())
                                    .put((int) rs.getShort("ORDINAL_POSITION"), column.toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
            }
        }
        assertThat(indexes).as("indexes of firm_snapshots").isNotEmpty();
        assertThat(indexes.values()).as("some index of firm_snapshots starts with (runid, tick): %s", indexes)
                .anySatisfy(cols -> assertThat(new ArrayList<>(cols.values())).startsWith("runid", "tick"));
    }
}
