package org.ngai.indicator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.tick.Environment;
import org.ngai.testsupport.KafkaBrokerTestResource;

/** The aggregation step against a real broker and database: bit-exact outputs, any order, exactly once. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
class AggregationTest {

    @Test
    void publishesTheModelsIndicatorsAndNextEnvironmentTickByTick() {
        String run = Kafka.newRunId("inorder");
        Kafka.send(Kafka.runStarted(run));
        Kafka.send(Kafka.tickInputs(run, Fixture.tick(1), 500));
        assertTick(run, Fixture.tick(1));
        Kafka.send(Kafka.tickInputs(run, Fixture.tick(2), 120));
        assertTick(run, Fixture.tick(2));
        Kafka.send(Kafka.runFinished(run, 2));
        Kafka.await("run finished", Duration.ofSeconds(20),
                () -> "FINISHED".equals(given().get("/api/runs/" + run).then().extract().path("status")));
        given().get("/api/runs/" + run).then().statusCode(200).body("lastTick", equalTo(2)).body("scenario", equalTo("t"));
    }

    @Test
    void shuffledChunkedInputsBeforeRunStartedGiveTheSameResult() {
        String run = Kafka.newRunId("shuffled");
        List<Envelope> inputs = new ArrayList<>(Kafka.tickInputs(run, Fixture.tick(1), 70));
        assertThat(inputs.stream().filter(e -> e.type().equals("FIRM_REPORTS")).count()).isGreaterThanOrEqualTo(4);
        Collections.shuffle(inputs, new Random(42));
        Kafka.send(inputs);
        // the inputs wait for the run: nothing is published, the run is unknown
        sleep(1500);
        assertThat(Kafka.outputs(run, EventType.INDICATORS_PUBLISHED)).isEmpty();
        given().get("/api/runs/" + run).then().statusCode(404);
        Kafka.send(Kafka.runStarted(run));
        assertTick(run, Fixture.tick(1));
    }

    @Test
    void duplicatesOfEveryInputChangeNothing() {
        String run = Kafka.newRunId("dup");
        List<Envelope> once = new ArrayList<>();
        once.add(Kafka.runStarted(run));
        once.addAll(Kafka.tickInputs(run, Fixture.tick(1), 100));
        double before = duplicatesDropped();
        List<Envelope> twice = new ArrayList<>(once);
        twice.addAll(once);
        Collections.shuffle(twice, new Random(7));
        Kafka.send(twice);
        assertTick(run, Fixture.tick(1));
        // and once more, after the tick closed
        Kafka.send(once);
        int dups = 2 * once.size();
        Kafka.await(dups + " duplicates dropped", Duration.ofSeconds(30), () -> duplicatesDropped() >= before + dups);
        sleep(1000);
        assertThat(Kafka.outputs(run, EventType.INDICATORS_PUBLISHED)).hasSize(1);
        assertThat(Kafka.outputs(run, EventType.TICK_CLOSED)).hasSize(1);
        given().get("/api/runs/" + run + "/indicators").then().statusCode(200).body("size()", equalTo(1));
    }

    // ------------------------------------------------------------------------------ helpers

    @Test
    void aForkPublishesItsParentsPathBeforeTheForkTickAndAggregatesFromThere() {
        // a fork of the fixture's scenario at tick 2 without change: tick 1 is derived (the parent's path), stored and
        // published without TICK_CLOSED; tick 2 is aggregated from its inputs as in any run
        String run = Kafka.newRunId("fork");
        Kafka.send(Kafka.envelope(run, EventType.RUN_STARTED, 0, 0, "firm-service", new Payloads.RunStarted(
                org.ngai.model.scenario.ScenarioLoader.toTree(Fixture.SCENARIO), new Payloads.ForkOf("the-parent", 2))));
        Kafka.await("tick 1 of the fork published", Duration.ofSeconds(30),
                () -> !Kafka.outputs(run, EventType.INDICATORS_PUBLISHED).isEmpty());
        TickIndicators first = EventCodec.payload(Kafka.outputs(run, EventType.INDICATORS_PUBLISHED).get(0), TickIndicators.class);
        assertThat(first).isEqualTo(Fixture.tick(1).expected().indicators());
        assertThat(Kafka.outputs(run, EventType.TICK_CLOSED)).isEmpty();
        given().get("/api/runs/" + run).then().statusCode(200).body("parentRunId", equalTo("the-parent"))
                .body("forkTick", equalTo(2)).body("lastTick", equalTo(1));
        Kafka.send(Kafka.tickInputs(run, Fixture.tick(2), 100));
        Kafka.await("tick 2 of the fork", Duration.ofSeconds(30), () -> !Kafka.outputs(run, EventType.TICK_CLOSED).isEmpty());
        List<Envelope> published = Kafka.outputs(run, EventType.INDICATORS_PUBLISHED);
        assertThat(published).hasSize(2);
        assertThat(EventCodec.payload(published.get(1), TickIndicators.class)).isEqualTo(Fixture.tick(2).expected().indicators());
        given().get("/api/runs/" + run + "/indicators").then().statusCode(200).body("size()", equalTo(2));
    }

    @Test
    void aForkTickOutsideTheRunIsDeadLetteredNamingTheField() {
        String run = Kafka.newRunId("badfork");
        Kafka.send(Kafka.envelope(run, EventType.RUN_STARTED, 0, 0, "firm-service", new Payloads.RunStarted(
                org.ngai.model.scenario.ScenarioLoader.toTree(Fixture.SCENARIO), new Payloads.ForkOf("p", 9))));
        Kafka.await("dead letter", Duration.ofSeconds(30), () -> !Kafka.deadLetters(run).isEmpty());
        String reason = new String(Kafka.deadLetters(run).get(0).headers().lastHeader("dead-letter-reason").value(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(reason).contains("payload.fork.tick").contains("9");
    }

    static void assertTick(String run, Fixture.Tick tk) {
        Envelope[] out = Kafka.awaitTick(run, tk.t());
        TickIndicators published = EventCodec.payload(out[0], TickIndicators.class);
        assertThat(published).isEqualTo(tk.expected().indicators());
        Environment next = EventCodec.payload(out[1], Payloads.TickClosed.class).next();
        assertSameEnvironment(next, tk.expected().next());
        assertThat(out[0].producer()).isEqualTo("indicator-service");
        assertThat(out[0].eventId()).isEqualTo(EventCodec.eventId(run, EventType.INDICATORS_PUBLISHED, tk.t(),
                "indicator-service", 0));
    }

    static void assertSameEnvironment(Environment actual, Environment expected) {
        assertThat(actual.tick()).isEqualTo(expected.tick());
        assertThat(actual.ai()).isEqualTo(expected.ai());
        assertThat(Arrays.equals(actual.wageL(), expected.wageL())).as("wageL").isTrue();
        assertThat(Arrays.equals(actual.wageH(), expected.wageH())).as("wageH").isTrue();
        assertThat(Arrays.equals(actual.screening(), expected.screening())).as("screening").isTrue();
        assertThat(actual.regimes()).containsExactly(expected.regimes());
        assertThat(Arrays.equals(actual.adopterShare(), expected.adopterShare())).as("adopterShare").isTrue();
        assertThat(Arrays.equals(actual.aiRevenueShare(), expected.aiRevenueShare())).as("aiRevenueShare").isTrue();
        assertThat(Double.compare(actual.meanScreening(), expected.meanScreening())).as("meanScreening").isZero();
        assertThat(Double.compare(actual.visibility(), expected.visibility())).as("visibility").isZero();
        assertThat(Double.compare(actual.incomeIndex(), expected.incomeIndex())).as("incomeIndex").isZero();
    }

    static double duplicatesDropped() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^transform_duplicate_events_total\\{[^}]*service=\"indicator-service\"[^}]*} (\\S+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
