package org.ngai.market;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.events.RecordBatch;
import org.ngai.events.Topics;
import org.ngai.market.rest.ClearingView;
import org.ngai.market.rest.RegimeTable;
import org.ngai.market.service.ClearingWriter;
import org.ngai.market.service.RunManager;
import org.ngai.model.core.Region;
import org.ngai.model.core.Skill;
import org.ngai.model.engine.RunSetup;
import org.ngai.model.factor.FactorPhase;
import org.ngai.model.firm.FirmPhase;
import org.ngai.model.market.MarketPhase;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.MarketCleared;
import org.ngai.model.tick.Supplies;
import org.ngai.testsupport.KafkaBrokerTestResource;

/**
 * market-service against a real Kafka broker and the machine's PostgreSQL. The test plays firm-service
 * and factor-service: it computes their tick-1 outputs with the model's own functions, sends them in a
 * shuffled order (before RUN_STARTED, twice, broken), and checks the published clearing against
 * {@link MarketPhase#clear} computed directly, value for value.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
class MarketServiceTest {
    static final Scenario S = Scenario.builder().name("t").firms(300).ticks(2).seed(3).build();
    static final Duration WAIT = Duration.ofSeconds(30);

    /** The model's tick 1, computed in-process: the inputs and the expected clearing. */
    static final class Tick1 {
        final Environment env;
        final List<FactorDemand> demands;   // sorted by firm id
        final Supplies supplies;
        final Clearing expected;

        Tick1() {
            RunSetup.Initial init = RunSetup.create(S);
            env = init.environment();
            demands = new FirmPhase(S).decide(init.population(), env, 1).stream().map(d -> d.demand)
                    .sorted(Comparator.comparingLong(FactorDemand::firmId)).toList();
            supplies = new FactorPhase(S).supply(init.owners(), env, 1);
            expected = new MarketPhase(S).clear(env, 1, demands, supplies);
        }
    }

    static Tick1 tick1;
    static KafkaCompanion companion;
    static ConsumerTask<String, byte[]> out;

    @Inject
    RunManager manager;
    @Inject
    ClearingWriter writer;
    @Inject
    MeterRegistry registry;

    @BeforeEach
    void setUp() {
        if (companion == null) {
            companion = new KafkaCompanion(KafkaBrokerTestResource.bootstrapServers());
            out = companion.consumeWithDeserializers(new StringDeserializer(), new ByteArrayDeserializer())
                    .withProp("auto.offset.reset", "earliest")
                    .fromTopics(Set.of(Topics.CLEARING, Topics.DEAD_LETTER));
            tick1 = new Tick1();
        }
    }

    @AfterAll
    static void tearDown() {
        if (out != null) {
            out.close();
        }
        if (companion != null) {
            companion.close();
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void clearsLikeTheModelWhateverTheOrderAndBeforeRunStarted() {
        String run = newRun();
        List<Envelope> inputs = inputs(run, 64, new Random(11));
        send(inputs);
        // everything is held while the run is unknown; nothing is cleared without the scenario
        await(() -> {
            RunManager.Held h = manager.held(run);
            return h != null && h.demandParts() == 5 && h.markers() == 3;
        }, "inputs held before RUN_STARTED");
        assertThat(manager.held(run).started()).isFalse();
        assertThat(clearing(run)).isEmpty();

        send(List.of(runStarted(run)));
        List<Envelope> ev = awaitClearing(run, e -> count(e, EventType.CLEARING_CLOSED) == 1);
        assertMatchesTheModel(ev);
        assertThat(manager.held(run).lastCleared()).isEqualTo(1);
    }

    @Test
    void everyInputTwiceGivesExactlyOneClearing() {
        String run = newRun();
        double dupBefore = counter("transform_duplicate_events_total");
        double clearingsBefore = counter("transform_market_clearings_total");
        List<Envelope> once = new ArrayList<>(inputs(run, 100, new Random(5)));
        once.add(runStarted(run));
        List<Envelope> twice = new ArrayList<>(once);
        twice.addAll(once);
        Collections.shuffle(twice, new Random(17));
        send(twice);
        awaitClearing(run, e -> count(e, EventType.CLEARING_CLOSED) >= 1);
        // every second copy is consumed and dropped
        await(() -> counter("transform_duplicate_events_total") >= dupBefore + once.size(), "duplicates dropped");
        // a re-emission by another producer instance (new event ids) after the clearing changes nothing either
        List<Envelope> reemitted = inputs(run, 100, new Random(5)).stream()
                .map(e -> new Envelope(UUID.randomUUID().toString(), e.type(), e.schemaVersion(), e.runId(), e.tick(),
                        e.part(), e.producer() + "-2", e.emittedAt(), e.payload())).toList();
        send(reemitted);
        await(() -> counter("transform_duplicate_events_total") >= dupBefore + once.size() + reemitted.size(),
                "re-emitted inputs dropped");
        List<Envelope> ev = clearing(run);
        int parts = (tick1.expected.firmMatches().size() + 99) / 100;
        assertThat(count(ev, EventType.FACTOR_MATCHED)).isEqualTo(parts);
        assertThat(count(ev, EventType.MARKET_CLEARED)).isEqualTo(1);
        assertThat(count(ev, EventType.CLEARING_CLOSED)).isEqualTo(1);
        assertThat(ev).hasSize(parts + 2);
        assertMatchesTheModel(ev);
        assertThat(counter("transform_market_clearings_total")).isEqualTo(clearingsBefore + 1);
    }

    @Test
    void aTickWithoutDemandsPublishesZeroMatchChunks() {
        String run = newRun();
        send(List.of(runStarted(run),
                EventCodec.envelope(run, EventType.TICK_STARTED, 1, 0, "firm-service", new Payloads.TickStarted(tick1.env)),
                EventCodec.envelope(run, EventType.DEMANDS_CLOSED, 1, 0, "firm-service", new Payloads.Closed(0, 0)),
                EventCodec.envelope(run, EventType.FACTOR_SUPPLIED, 1, 0, "factor-service", tick1.supplies)));
        List<Envelope> ev = awaitClearing(run, e -> count(e, EventType.CLEARING_CLOSED) == 1);
        assertThat(count(ev, EventType.FACTOR_MATCHED)).isZero();
        assertThat(payload(ev, EventType.CLEARING_CLOSED, Payloads.Closed.class)).isEqualTo(new Payloads.Closed(0, 0));
        assertThat(count(ev, EventType.MARKET_CLEARED)).isEqualTo(1);
    }

    @Test
    void badRecordsAreDeadLetteredWithTheReasonAndValidRunsStillClear() {
        double deadBefore = counter("transform_dead_letters_total");
        String bad = newRun();
        // undecodable bytes
        companion.produceWithSerializers(new StringSerializer(), new ByteArraySerializer())
                .fromRecords(new ProducerRecord<>(Topics.DEMANDS, bad, "{not json".getBytes(StandardCharsets.UTF_8)))
                .awaitCompletion(WAIT);
        // a decodable envelope with an invalid payload
        send(List.of(new Envelope("bad-supply-" + bad, EventType.FACTOR_SUPPLIED.name(), EventType.SCHEMA_VERSION, bad, 1,
                0, "factor-service", "now", EventCodec.tree(Map.of("cohorts", "many")))));
        // a payload schema this build does not know
        Envelope v99 = EventCodec.envelope(bad, EventType.DEMANDS_CLOSED, 1, 0, "firm-service", new Payloads.Closed(1, 1));
        send(List.of(new Envelope(v99.eventId(), v99.type(), 99, v99.runId(), v99.tick(), v99.part(), v99.producer(),
                v99.emittedAt(), v99.payload())));
        List<ConsumerRecord<String, byte[]>> dead = awaitDeadLetters(bad, 3);
        assertThat(dead).allSatisfy(r -> assertThat(reason(r)).isNotBlank());
        assertThat(dead).anySatisfy(r -> {
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(r.topic()).isEqualTo(Topics.DEAD_LETTER);
        });
        assertThat(dead).anySatisfy(r -> assertThat(reason(r)).contains("payload of FACTOR_SUPPLIED is invalid"));
        assertThat(dead).anySatisfy(r -> assertThat(reason(r)).contains("schemaVersion 99"));

        // a run whose closing marker announces one demand more than its chunks hold is not cleared
        String mismatch = newRun();
        List<Envelope> in = new ArrayList<>();
        for (Envelope e : inputs(mismatch, 100, new Random(3))) {
            in.add(e.type().equals(EventType.DEMANDS_CLOSED.name())
                    ? EventCodec.envelope(mismatch, EventType.DEMANDS_CLOSED, 1, 0, "firm-service",
                    new Payloads.Closed(3, tick1.demands.size() + 1))
                    : e);
        }
        in.add(runStarted(mismatch));
        send(in);
        List<ConsumerRecord<String, byte[]>> mm = awaitDeadLetters(mismatch, 1);
        assertThat(reason(mm.get(0))).contains("record count mismatch").contains("DEMANDS_CLOSED.records is 301");

        // the service carries on: a valid run clears
        String good = newRun();
        List<Envelope> ok = new ArrayList<>(inputs(good, 500, new Random(1)));
        ok.add(runStarted(good));
        send(ok);
        assertMatchesTheModel(awaitClearing(good, e -> count(e, EventType.CLEARING_CLOSED) == 1));
        assertThat(clearing(mismatch)).isEmpty();
        assertThat(clearing(bad)).isEmpty();
        assertThat(counter("transform_dead_letters_total")).isGreaterThanOrEqualTo(deadBefore + 4);
    }

    @Test
    void restServesTheStoredSummariesAndRejectsBadInput() throws Exception {
        given().get("/api/runs/no-such-run").then().statusCode(404);
        given().get("/api/runs/no-such-run/clearing").then().statusCode(404)
                .body("error", containsString("no-such-run"));
        given().get("/api/runs/no-such-run/clearing/regimes").then().statusCode(404);

        String run = newRun();
        List<Envelope> in = new ArrayList<>(inputs(run, 500, new Random(2)));
        in.add(runStarted(run));
        send(in);
        awaitClearing(run, e -> count(e, EventType.CLEARING_CLOSED) == 1);
        await(() -> manager.held(run) != null && manager.held(run).lastCleared() == 1, "cleared");
        writer.flush();

        String base = "/api/runs/" + run + "/clearing";
        given().get(base + "?market=GOODS").then().statusCode(400).body("field", equalTo("market"))
                .body("error", containsString("GOODS"));
        given().get(base + "?region=ZZ").then().statusCode(400).body("field", equalTo("region"))
                .body("error", containsString("ZZ"));
        given().get(base + "?tick=-1").then().statusCode(400).body("field", equalTo("tick"));
        given().get(base + "?tick=0").then().statusCode(400).body("field", equalTo("tick"));
        given().get(base + "?tick=3").then().statusCode(400).body("field", equalTo("tick"));
        given().get(base + "?tick=x").then().statusCode(400).body("field", equalTo("tick"));
        given().get(base + "/regimes?tick=-2").then().statusCode(400).body("field", equalTo("tick"));

        // every summary, value for value (NaN -> null), in the model's order; default tick = the latest cleared
        List<ClearingView> expected = tick1.expected.summaries().stream().map(m -> view(1, m)).toList();
        assertThat(views(given().get(base).then().statusCode(200).extract().asString())).isEqualTo(expected);
        assertThat(views(given().get(base + "?tick=1").then().statusCode(200).extract().asString())).isEqualTo(expected);
        assertThat(views(given().get(base + "?tick=2").then().statusCode(200).extract().asString())).isEmpty();
        assertThat(views(given().get(base + "?market=fin&region=national").then().statusCode(200).extract().asString()))
                .isEqualTo(expected.stream().filter(v -> v.market().equals("FIN") && v.region().equals("national")).toList())
                .hasSize(1);
        assertThat(views(given().get(base + "?market=LAB&region=gd").then().statusCode(200).extract().asString()))
                .extracting(ClearingView::skill).containsExactly("LOW", "HIGH");
        given().get(base + "?market=AI").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].region", equalTo("national")).body("[0].regime", nullValue())
                .body("[0].tightness", nullValue());

        RegimeTable table = EventCodec.MAPPER.readValue(given().get(base + "/regimes").then().statusCode(200)
                .extract().asString(), RegimeTable.class);
        assertThat(table.tick()).isEqualTo(1);
        assertThat(table.regimes()).containsOnlyKeys("LAB", "FIN", "TECH");
        for (MarketCleared m : tick1.expected.summaries()) {
            if (m.regime() != null) {
                assertThat(table.regimes().get(m.market().name()).get(Region.of(m.region()).code()))
                        .isEqualTo(m.regime().name());
            }
        }
        assertThat(table.regimes().get("FIN")).hasSize(Region.COUNT);

        given().get("/api/runs").then().statusCode(200).body("id", hasItem(run));
        given().get("/api/runs/" + run).then().statusCode(200).body("scenario", equalTo("t")).body("ticks", equalTo(2))
                .body("lastClearedTick", equalTo(1)).body("status", equalTo("RUNNING"));
        send(List.of(EventCodec.envelope(run, EventType.RUN_FINISHED, 2, 0, "firm-service", new Payloads.RunFinished(2))));
        await(() -> manager.held(run) == null, "run freed");
        writer.flush();
        given().get("/api/runs/" + run).then().statusCode(200).body("status", equalTo("FINISHED"));

        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/runs/{id}/clearing/regimes"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("transform_market_clearings_total"))
                .body(containsString("transform_phase_seconds"));
    }

    // ------------------------------------------------------------------ helpers

    static String newRun() {
        return "mkt-" + UUID.randomUUID();
    }

    static Envelope runStarted(String run) {
        return EventCodec.envelope(run, EventType.RUN_STARTED, 0, 0, "firm-service",
                new Payloads.RunStarted(ScenarioLoader.toTree(S)));
    }

    /**
     * Tick 1's inputs as firm-service and factor-service publish them: the environment, the demands in
     * chunks of {@code chunk} (firms shuffled across chunks), the closing marker and the supplies,
     * all in a shuffled order. RUN_STARTED is left to the caller.
     */
    static List<Envelope> inputs(String run, int chunk, Random rnd) {
        List<FactorDemand> demands = new ArrayList<>(tick1.demands);
        Collections.shuffle(demands, rnd);
        List<Envelope> out = new ArrayList<>();
        out.add(EventCodec.envelope(run, EventType.TICK_STARTED, 1, 0, "firm-service", new Payloads.TickStarted(tick1.env)));
        int parts = 0;
        for (int from = 0; from < demands.size(); from += chunk) {
            out.add(EventCodec.envelope(run, EventType.FACTOR_DEMANDS, 1, parts, "firm-service",
                    RecordBatch.of(FactorDemand.class, parts, demands.subList(from, Math.min(demands.size(), from + chunk)))));
            parts++;
        }
        out.add(EventCodec.envelope(run, EventType.DEMANDS_CLOSED, 1, 0, "firm-service",
                new Payloads.Closed(parts, demands.size())));
        out.add(EventCodec.envelope(run, EventType.FACTOR_SUPPLIED, 1, 0, "factor-service", tick1.supplies));
        Collections.shuffle(out, rnd);
        return out;
    }

    static void send(List<Envelope> events) {
        List<ProducerRecord<String, byte[]>> records = events.stream()
                .map(e -> new ProducerRecord<>(EventType.valueOf(e.type()).topic, e.runId(), EventCodec.toBytes(e)))
                .toList();
        companion.produceWithSerializers(new StringSerializer(), new ByteArraySerializer())
                .withConcurrency(1).fromRecords(records).awaitCompletion(WAIT);
    }

    /** The run's events on the clearing topic, in arrival order. */
    static List<Envelope> clearing(String run) {
        return out.getRecords().stream().filter(r -> r.topic().equals(Topics.CLEARING) && run.equals(r.key()))
                .map(r -> EventCodec.fromBytes(r.value())).toList();
    }

    static List<Envelope> awaitClearing(String run, Predicate<List<Envelope>> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<Envelope> ev = clearing(run);
            if (done.test(ev)) {
                return ev;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for the clearing of run " + run + "; have "
                        + ev.stream().map(e -> e.type() + "/" + e.part()).toList());
            }
            sleep(50);
        }
    }

    static List<ConsumerRecord<String, byte[]>> awaitDeadLetters(String run, int n) {
        await(() -> deadLetters(run).size() >= n, n + " dead letters of run " + run);
        return deadLetters(run);
    }

    static List<ConsumerRecord<String, byte[]>> deadLetters(String run) {
        return out.getRecords().stream().filter(r -> r.topic().equals(Topics.DEAD_LETTER) && run.equals(r.key())).toList();
    }

    static String reason(ConsumerRecord<String, byte[]> r) {
        return KafkaCompanion.getHeader(r.headers(), "dead-letter-reason");
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            sleep(50);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long count(List<Envelope> ev, EventType type) {
        return ev.stream().filter(e -> e.type().equals(type.name())).count();
    }

    static <T> T payload(List<Envelope> ev, EventType type, Class<T> cls) {
        return EventCodec.payload(ev.stream().filter(e -> e.type().equals(type.name())).findFirst().orElseThrow(), cls);
    }

    double counter(String name) {
        return registry.find(name).tag("service", "market-service").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    /** The published clearing of tick 1 equals MarketPhase.clear computed in-process, value for value. */
    static void assertMatchesTheModel(List<Envelope> ev) {
        Clearing expected = tick1.expected;
        List<Envelope> chunks = new ArrayList<>(ev.stream().filter(e -> e.type().equals(EventType.FACTOR_MATCHED.name())).toList());
        chunks.sort(Comparator.comparingInt(Envelope::part));
        List<FirmMatch> matches = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Envelope c = chunks.get(i);
            assertThat(c.part()).isEqualTo(i);
            assertThat(c.producer()).isEqualTo("market-service");
            assertThat(c.tick()).isEqualTo(1);
            matches.addAll(EventCodec.payload(c, RecordBatch.class).records(FirmMatch.class));
        }
        assertThat(expected.firmMatches()).isNotEmpty();
        assertThat(matches).isEqualTo(expected.firmMatches());
        Payloads.Closed closed = payload(ev, EventType.CLEARING_CLOSED, Payloads.Closed.class);
        assertThat(closed).isEqualTo(new Payloads.Closed(chunks.size(), expected.firmMatches().size()));
        Payloads.MarketClearing mc = payload(ev, EventType.MARKET_CLEARED, Payloads.MarketClearing.class);
        assertThat(mc.summaries()).isEqualTo(expected.summaries());
        assertThat(mc.cohortFlows()).isEqualTo(expected.cohortFlows());
        assertThat(mc.lenderFlows()).isEqualTo(expected.lenderFlows());
        assertThat(mc.techSales()).isEqualTo(expected.techSales());
        assertThat(mc.ai()).usingRecursiveComparison().isEqualTo(expected.ai());
        // and bit for bit on the wire
        assertThat(EventCodec.tree(mc)).isEqualTo(EventCodec.tree(new Payloads.MarketClearing(expected.cohortFlows(),
                expected.lenderFlows(), expected.techSales(), expected.ai(), expected.summaries())));
    }

    static List<ClearingView> views(String json) throws Exception {
        return List.of(EventCodec.MAPPER.readValue(json, ClearingView[].class));
    }

    static ClearingView view(int tick, MarketCleared m) {
        return new ClearingView(tick, m.market().name(), m.region() < 0 ? "national" : Region.of(m.region()).code(),
                m.skill() < 0 ? null : Skill.values()[m.skill()].name(), m.regime() == null ? null : m.regime().name(),
                n(m.screening()), n(m.disguiseCost()), n(m.accuracy()), n(m.demand()), n(m.supply()), n(m.matched()),
                n(m.price()), n(m.tightness()), n(m.matchEfficiency()), n(m.nextPrice()), n(m.goodOffered()),
                n(m.badOffered()), n(m.goodTraded()), n(m.badTraded()), n(m.efficiency()), n(m.daEfficiency()),
                n(m.blockingRate()));
    }

    static Double n(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
