package org.ngai.firm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.service.capacity.HeapEstimate;
import org.ngai.service.capacity.RunCapacity;
import org.ngai.testsupport.EventProbe;
import org.ngai.testsupport.KafkaBrokerTestResource;
import org.ngai.testsupport.OperatorCredentials;

/**
 * A run is accepted only if it fits the heap (docs/pipeline.md, "Capacity"). The test JVM has the
 * services' heap (-Xmx1g, surefire argLine), so a million firms cannot fit.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OperatorCredentials.class, scope = TestResourceScope.GLOBAL)
class CapacityTest {
    @Inject
    RunCapacity capacity;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void anOversizedRunIs422NamingFirmsAndTheLimit() {
        HeapEstimate.Verdict before = capacity.estimate().check(1_000_000, capacity.committedBytes(), capacity.runsInProgress());
        assertThat(before.fits()).as("1,000,000 firms must not fit a 1 GB heap").isFalse();
        int runsBefore = capacity.runsInProgress();
        FirmServiceTest.operator().contentType("application/json")
                .body("{\"scenario\":\"baseline\",\"firms\":1000000,\"ticks\":2}").post("/api/runs").then()
                .statusCode(422)
                .body("status", equalTo(422))
                .body("field", equalTo("firms"))
                .body("error", startsWith("firms: 1000000 firms need about "))
                .body("error", containsString(" MB of heap in firm-service; this instance can take about "))
                .body("error", containsString("max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB"))
                .body("error", containsString("at most " + before.maxFirms() + " firms fit"));
        assertThat(capacity.runsInProgress()).as("a refused run books nothing").isEqualTo(runsBefore);
    }

    @Test
    void aNormalSizedRunIsAcceptedAndBooked() {
        String run = FirmServiceTest.create("{\"scenario\":\"baseline\",\"firms\":2000,\"ticks\":1}");
        assertThat(capacity.holds(run)).isTrue();
        FirmServiceTest.operator().post("/api/runs/" + run + "/cancel").then().statusCode(202);
        FirmServiceTest.awaitStatus(run, "CANCELLED");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (capacity.holds(run) && System.nanoTime() < deadline) {
            FirmServiceTest.KafkaSleep.ms(50);
        }
        assertThat(capacity.holds(run)).as("a cancelled run's heap is released").isFalse();
    }

    @Test
    void aRunStartedPastTheApiThatDoesNotFitIsCancelledWithTheReasonNotRun() {
        String run = UUID.randomUUID().toString();
        try (EventProbe probe = new EventProbe(bootstrap)) {
            probe.send(EventCodec.envelope(run, EventType.RUN_STARTED, 0, 0, "elsewhere", new Payloads.RunStarted(
                    ScenarioLoader.toTree(ScenarioLoader.bundled("baseline").toBuilder().firms(1_000_000).ticks(2).build()))));
            List<Envelope> ev = probe.await(run, e -> EventProbe.count(e, "RUN_CANCELLED", 0) >= 1, Duration.ofSeconds(60));
            Envelope cancelled = ev.stream().filter(e -> e.type().equals("RUN_CANCELLED")).findFirst().orElseThrow();
            assertThat(cancelled.producer()).isEqualTo("firm-service");
            assertThat(EventCodec.payload(cancelled, Payloads.RunCancelled.class).reason())
                    .startsWith("refused by firm-service: firms: 1000000 firms need about ")
                    .contains("at most ");
            assertThat(EventProbe.count(ev, "TICK_STARTED", 1)).isZero();
        }
    }
}
