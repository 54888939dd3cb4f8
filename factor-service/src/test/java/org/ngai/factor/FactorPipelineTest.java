package org.ngai.factor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.factor.service.OwnerStateWriter;
import org.ngai.factor.service.RunManager;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.Supplies;
import org.ngai.testsupport.KafkaBrokerTestResource;

/** Steps 2 and 4 of docs/pipeline.md on a real broker: the published numbers are the model's, once per tick. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
class FactorPipelineTest {
    static Bus bus;
    static final Fixture F = Fixture.TICK1;

    @Inject
    RunManager runs;
    @Inject
    OwnerStateWriter writer;

    @BeforeAll
    static void open() {
        bus = new Bus();
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    @Test
    void suppliesAndOwnerReportsAreTheModels() {
        String run = Fixture.newRunId();
        bus.send(Fixture.runStarted(run), F.tickStarted(run), F.marketCleared(run));
        assertOutputs(run);
    }

    @Test
    void inputsAheadOfRunStartedWaitForIt() {
        String run = Fixture.newRunId();
        // clearing first (other topic), then TICK_STARTED and only then RUN_STARTED on the control topic
        bus.send(F.marketCleared(run), F.tickStarted(run));
        Bus.sleep(300);
        assertThat(bus.events(run, EventType.FACTOR_SUPPLIED)).isEmpty();
        bus.send(Fixture.runStarted(run));
        assertOutputs(run);
    }

    @Test
    void duplicatesOfEveryInputChangeNothing() {
        String run = Fixture.newRunId();
        double before = runs.duplicatesDropped();
        Envelope rs = Fixture.runStarted(run);
        Envelope ts = F.tickStarted(run);
        Envelope mc = F.marketCleared(run);
        bus.send(rs, Fixture.redelivered(rs), ts, Fixture.redelivered(ts), mc, Fixture.redelivered(mc));
        bus.await(run, EventType.OWNERS_REPORTED, l -> l.size() >= 1);
        // the same steps again under new event ids, and plain copies once more
        bus.send(Fixture.reissued(ts, "firm-service-replay"), Fixture.reissued(mc, "market-service-replay"),
                Fixture.reissued(rs, "firm-service-replay"), ts, mc);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (runs.duplicatesDropped() < before + 8 && System.nanoTime() < deadline) {
            Bus.sleep(20);
        }
        assertThat(runs.duplicatesDropped() - before).isGreaterThanOrEqualTo(8);
        Bus.sleep(500);
        assertOutputs(run);
    }

    @Test
    void runFinishedFreesTheRunAndLateCopiesAreDropped() {
        String run = Fixture.newRunId();
        bus.send(Fixture.runStarted(run), F.tickStarted(run), F.marketCleared(run));
        bus.await(run, EventType.OWNERS_REPORTED, l -> !l.isEmpty());
        int active = runs.activeRuns();
        double before = runs.duplicatesDropped();
        bus.send(EventCodec.envelope(run, EventType.RUN_FINISHED, 1, 0, "firm-service", new Payloads.RunFinished(1)),
                Fixture.reissued(F.tickStarted(run), "firm-service-late"),
                Fixture.reissued(F.marketCleared(run), "market-service-late"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (runs.duplicatesDropped() < before + 2 && System.nanoTime() < deadline) {
            Bus.sleep(20);
        }
        assertThat(runs.duplicatesDropped() - before).isGreaterThanOrEqualTo(2);
        assertThat(runs.activeRuns()).isLessThan(active);
        writer.flush();
        given().when().get("/api/runs/{id}", run).then().statusCode(200).body("status", equalTo("FINISHED"))
                .body("lastTickApplied", equalTo(1));
        assertOutputs(run);
        assertThat(bus.deadLetters(run)).isEmpty();
    }

    private void assertOutputs(String run) {
        List<Envelope> supplied = bus.await(run, EventType.FACTOR_SUPPLIED, l -> !l.isEmpty());
        List<Envelope> reported = bus.await(run, EventType.OWNERS_REPORTED, l -> !l.isEmpty());
        assertThat(supplied).hasSize(1);
        assertThat(reported).hasSize(1);
        Envelope s = supplied.get(0);
        assertThat(s.tick()).isEqualTo(1);
        assertThat(s.producer()).isEqualTo("factor-service");
        assertThat(s.eventId()).isEqualTo(EventCodec.eventId(run, EventType.FACTOR_SUPPLIED, 1, "factor-service", 0));
        assertThat(s.payload()).isEqualTo(EventCodec.tree(F.supplies));
        assertThat(EventCodec.payload(s, Supplies.class)).usingRecursiveComparison().isEqualTo(F.supplies);
        Envelope r = reported.get(0);
        assertThat(r.tick()).isEqualTo(1);
        assertThat(r.payload()).isEqualTo(EventCodec.tree(F.reports));
        assertThat(EventCodec.payload(r, OwnerReports.class)).usingRecursiveComparison().isEqualTo(F.reports);
    }
}
