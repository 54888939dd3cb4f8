package org.ngai.factor;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.factor.persistence.FactorCheckpointEntity;
import org.ngai.factor.service.OwnerStateWriter;
import org.ngai.factor.service.RunManager;
import org.ngai.model.factor.FactorOwnersCodec;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.testsupport.KafkaBrokerTestResource;

/**
 * Checkpoints of factor-service (docs/pipeline.md "Checkpoints") on a real broker and database: after TICK_CLOSED(10)
 * the row holds the owners the run had after tick 10, bit for bit; a run dropped from memory (as by a restart) is
 * restored from the row and publishes exactly the model's ticks after it; a close read before its clearing waits
 * for the clearing; the row goes when the run ends.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
class CheckpointTest {
    /** factor.checkpoints.interval is 10 (the default): tick 10 is checkpointed, the last tick 13 is not. */
    static final Scenario S = Scenario.builder().name("ckpt").firms(300).ticks(13).seed(5).build();
    static Ticks ticks;
    static Bus bus;

    @Inject
    RunManager runs;
    @Inject
    OwnerStateWriter writer;

    @BeforeAll
    static void open() {
        bus = new Bus();
        ticks = Ticks.of(S);
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    @Test
    void theCheckpointHoldsTheOwnersAfterItsTickAndARestartGoesOnFromIt() {
        String run = Fixture.newRunId();
        bus.send(ticks.runStarted(run));
        bus.send(ticks.ticks(run, 1, 10));
        bus.await(run, EventType.OWNERS_REPORTED, l -> l.size() >= 10);
        FactorCheckpointEntity row = awaitCheckpoint(run, 10);

        // the state the run had after tick 10 (the model's), bit for bit, and the scenario it runs
        assertThat(row.owners).isEqualTo(ticks.tick(10).ownersAfter());
        assertThat(FactorOwnersCodec.write(FactorOwnersCodec.read(row.owners))).isEqualTo(ticks.tick(10).ownersAfter());
        assertThat(ScenarioLoader.toJson(ScenarioLoader.parse(row.scenarioJson))).isEqualTo(ScenarioLoader.toJson(S));
        assertThat(row.paused).isFalse();
        await(() -> runs.checkpointTick(run) == 10, "the run table to know the checkpoint");

        // as after a restart: the run is not in memory; its next events restore it from the row
        runs.evict(run);
        double before = runs.duplicatesDropped();
        bus.send(Fixture.redelivered(ticks.marketCleared(run, 10)), Fixture.reissued(ticks.tickStarted(run, 9), "replay"));
        await(() -> runs.duplicatesDropped() >= before + 2, "ticks covered by the checkpoint to be dropped");
        assertThat(runs.checkpointTick(run)).isEqualTo(10);
        bus.send(ticks.ticks(run, 11, 12));
        List<Envelope> reported = bus.await(run, EventType.OWNERS_REPORTED, l -> l.size() >= 12);
        List<Envelope> supplied = bus.await(run, EventType.FACTOR_SUPPLIED, l -> l.size() >= 12);
        Bus.sleep(300);
        assertThat(bus.events(run, EventType.OWNERS_REPORTED)).hasSize(12);
        assertThat(bus.events(run, EventType.FACTOR_SUPPLIED)).hasSize(12);
        for (int t = 1; t <= 12; t++) {
            int tick = t;
            Envelope r = reported.stream().filter(e -> e.tick() == tick).findFirst().orElseThrow();
            Envelope s = supplied.stream().filter(e -> e.tick() == tick).findFirst().orElseThrow();
            assertThat(r.payload()).as("OWNERS_REPORTED(%d)", t).isEqualTo(EventCodec.tree(ticks.tick(t).reports()));
            assertThat(s.payload()).as("FACTOR_SUPPLIED(%d)", t).isEqualTo(EventCodec.tree(ticks.tick(t).supplies()));
        }
        assertThat(bus.deadLetters(run)).isEmpty();

        // the run ends: its checkpoint goes with it
        bus.send(EventCodec.envelope(run, EventType.RUN_FINISHED, 13, 0, "firm-service", new Payloads.RunFinished(13)));
        await(() -> {
            writer.flush();
            return checkpoint(run) == null;
        }, "the checkpoint to be deleted at the run's end");
    }

    @Test
    void aCloseReadBeforeItsClearingIsCheckpointedOnceTheClearingIsApplied() {
        String run = Fixture.newRunId();
        bus.send(ticks.runStarted(run));
        bus.send(ticks.ticks(run, 1, 9));
        bus.send(EventCodec.envelope(run, EventType.RUN_PAUSED, 9, 0, "firm-service", new Payloads.RunPaused("requested")));
        // as in a replay that reads the control topic ahead of the clearing topic: tick 10 starts and closes first
        double before = runs.duplicatesDropped();
        bus.send(ticks.tickStarted(run, 10), ticks.tickClosed(run, 10), Fixture.redelivered(ticks.tickStarted(run, 9)));
        await(() -> runs.duplicatesDropped() >= before + 1, "the control events of tick 10 to be read");
        bus.await(run, EventType.FACTOR_SUPPLIED, l -> l.size() >= 10);
        assertThat(bus.events(run, EventType.OWNERS_REPORTED)).hasSize(9);
        assertThat(checkpoint(run)).as("no checkpoint before apply(10)").isNull();
        assertThat(runs.checkpointTick(run)).isEqualTo(-1);

        bus.send(ticks.marketCleared(run, 10));
        FactorCheckpointEntity row = awaitCheckpoint(run, 10);
        assertThat(row.owners).isEqualTo(ticks.tick(10).ownersAfter());
        assertThat(row.paused).as("the pause is part of the checkpoint").isTrue();
        assertThat(bus.events(run, EventType.OWNERS_REPORTED)).hasSize(10);

        // a re-published close of an earlier tick saves nothing
        bus.send(Fixture.reissued(ticks.tickClosed(run, 10), "indicator-service-2"));
        Bus.sleep(300);
        assertThat(checkpoint(run).savedAt).isEqualTo(row.savedAt);
        bus.send(EventCodec.envelope(run, EventType.RUN_CANCELLED, 10, 0, "firm-service",
                new Payloads.RunCancelled("test")));
        await(() -> {
            writer.flush();
            return checkpoint(run) == null;
        }, "the checkpoint to be deleted when the run is cancelled");
    }

    static FactorCheckpointEntity checkpoint(String run) {
        return QuarkusTransaction.requiringNew().call(() -> FactorCheckpointEntity.<FactorCheckpointEntity>findById(run));
    }

    static FactorCheckpointEntity awaitCheckpoint(String run, int tick) {
        await(() -> {
            FactorCheckpointEntity c = checkpoint(run);
            return c != null && c.tick == tick;
        }, "the checkpoint of tick " + tick);
        return checkpoint(run);
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Bus.sleep(50);
        }
    }
}
