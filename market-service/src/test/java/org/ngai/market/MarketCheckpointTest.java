package org.ngai.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import org.ngai.market.persistence.MarketCheckpointEntity;
import org.ngai.market.service.ClearingWriter;
import org.ngai.market.service.RunManager;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.factor.FactorPhase;
import org.ngai.model.firm.FirmPhase;
import org.ngai.model.market.MarketPhase;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.Supplies;
import org.ngai.testsupport.KafkaBrokerTestResource;

/**
 * Checkpoints of market-service (docs/pipeline.md "Checkpoints") on a real broker and database: after TICK_CLOSED(10)
 * the row holds the run's scenario and its settled ticks 1..10; a run dropped from memory (as by a restart) is
 * restored from the row, drops the inputs of the ticks it covers and clears the later ones exactly as the model; a
 * close read before its tick is cleared waits for the clearing; the row goes when the run ends.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
class MarketCheckpointTest {
    /** market.checkpoints.interval is 10 (the default): tick 10 is checkpointed, the last tick 13 is not. */
    static final Scenario S = Scenario.builder().name("ckpt").firms(300).ticks(13).seed(8).build();
    static final Duration WAIT = Duration.ofSeconds(30);

    /** One tick of the reference run: the matcher's inputs, its expected clearing, and the next environment. */
    record Tick(int tick, Environment env, List<FactorDemand> demands, Supplies supplies, Clearing expected,
                Environment next) {
    }

    static final List<Tick> TICKS = new ArrayList<>();
    static KafkaCompanion companion;
    static ConsumerTask<String, byte[]> out;

    @Inject
    RunManager manager;
    @Inject
    ClearingWriter writer;
    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void open() {
        companion = new KafkaCompanion(KafkaBrokerTestResource.bootstrapServers());
        out = companion.consumeWithDeserializers(new StringDeserializer(), new ByteArrayDeserializer())
                .withProp("auto.offset.reset", "earliest").withGroupId("market-ckpt-" + System.nanoTime())
                .fromTopics(Set.of(Topics.CLEARING, Topics.DEAD_LETTER));
        ReferenceEngine.Session s = new ReferenceEngine().start(S);
        FirmPhase firms = new FirmPhase(S);
        FactorPhase factors = new FactorPhase(S);
        MarketPhase markets = new MarketPhase(S);
        while (s.tick() <= S.ticks()) {
            int t = s.tick();
            Environment env = s.environment();
            List<FactorDemand> demands = firms.decide(s.firms().copy(), env, t).stream().map(d -> d.demand)
                    .sorted(Comparator.comparingLong(FactorDemand::firmId)).toList();
            Supplies supplies = factors.supply(s.owners().copy(), env, t);
            Clearing expected = markets.clear(env, t, demands, supplies);
            s.step();
            TICKS.add(new Tick(t, env, demands, supplies, expected, s.environment()));
        }
    }

    @AfterAll
    static void close() {
        out.close();
        companion.close();
    }

    @Test
    void theCheckpointHoldsTheSettledTicksAndARestartClearsTheLaterTicksAsTheModel() {
        String run = "mkt-ckpt-" + UUID.randomUUID();
        send(List.of(runStarted(run)));
        for (int t = 1; t <= 10; t++) {
            send(inputs(run, t));
            send(List.of(tickClosed(run, t)));
        }
        awaitClearing(run, e -> count(e, EventType.CLEARING_CLOSED) >= 10);
        MarketCheckpointEntity row = awaitCheckpoint(run, 10);
        BitSet settled = new BitSet();
        settled.set(1, 11);
        assertThat(BitSet.valueOf(row.settled)).isEqualTo(settled);
        assertThat(row.lastCleared).isEqualTo(10);
        assertThat(row.paused).isFalse();
        assertThat(ScenarioLoader.toJson(ScenarioLoader.parse(row.scenarioJson))).isEqualTo(ScenarioLoader.toJson(S));
        await(() -> manager.checkpointTick(run) == 10, "the run table to know the checkpoint");

        // as after a restart: the run is not in memory; its next events restore it from the row
        manager.evict(run);
        assertThat(manager.held(run)).isNull();
        double dup = counter("transform_duplicate_events_total");
        List<Envelope> again = inputs(run, 10);
        send(again);   // the log re-read: a tick the checkpoint covers is dropped, not cleared again
        await(() -> manager.held(run) != null && counter("transform_duplicate_events_total") >= dup + again.size(),
                "the inputs of tick 10 to be dropped");
        RunManager.Held held = manager.held(run);
        assertThat(held.started()).isTrue();
        assertThat(held.lastCleared()).isEqualTo(10);
        assertThat(held.ticks()).isEmpty();
        assertThat(manager.checkpointTick(run)).isEqualTo(10);
        for (int t = 11; t <= 12; t++) {
            send(inputs(run, t));
            send(List.of(tickClosed(run, t)));
        }
        awaitClearing(run, e -> count(e, EventType.CLEARING_CLOSED) >= 12);
        sleep(300);
        List<Envelope> ev = clearing(run);
        assertThat(count(ev, EventType.MARKET_CLEARED)).isEqualTo(12);
        for (int t = 1; t <= 12; t++) {
            int tick = t;
            Clearing c = TICKS.get(t - 1).expected();
            Envelope mc = ev.stream().filter(e -> e.type().equals(EventType.MARKET_CLEARED.name()) && e.tick() == tick)
                    .findFirst().orElseThrow();
            // decoded first: on the wire NaN is a string, in a tree made from the record a number
            assertThat(EventCodec.tree(EventCodec.payload(mc, Payloads.MarketClearing.class))).as("MARKET_CLEARED(%d)", t)
                    .isEqualTo(EventCodec.tree(new Payloads.MarketClearing(
                    c.cohortFlows(), c.lenderFlows(), c.techSales(), c.ai(), c.summaries())));
        }
        assertThat(deadLetters(run)).isZero();

        send(List.of(EventCodec.envelope(run, EventType.RUN_FINISHED, 13, 0, "firm-service", new Payloads.RunFinished(13))));
        await(() -> {
            writer.flush();
            return checkpoint(run) == null;
        }, "the checkpoint to be deleted at the run's end");
    }

    @Test
    void aCloseReadBeforeItsTickIsClearedIsCheckpointedOnceItIs() {
        String run = "mkt-ckpt-" + UUID.randomUUID();
        send(List.of(runStarted(run)));
        for (int t = 1; t <= 9; t++) {
            send(inputs(run, t));
            send(List.of(tickClosed(run, t)));
        }
        send(List.of(EventCodec.envelope(run, EventType.RUN_PAUSED, 9, 0, "firm-service", new Payloads.RunPaused("requested"))));
        // tick 10 closes before its supplies are read (as in a replay that reads the topics in another interleaving)
        List<Envelope> tick10 = inputs(run, 10);
        Envelope supplies = tick10.stream().filter(e -> e.type().equals(EventType.FACTOR_SUPPLIED.name())).findFirst()
                .orElseThrow();
        List<Envelope> rest = new ArrayList<>(tick10);
        rest.remove(supplies);
        send(rest);
        double dup = counter("transform_duplicate_events_total");
        send(List.of(tickClosed(run, 10), runStarted(run)));   // the copy of RUN_STARTED shows the close was read
        await(() -> counter("transform_duplicate_events_total") >= dup + 1, "the close of tick 10 to be read");
        assertThat(count(clearing(run), EventType.CLEARING_CLOSED)).isEqualTo(9);
        assertThat(checkpoint(run)).as("no checkpoint before tick 10 is cleared").isNull();

        send(List.of(supplies));
        MarketCheckpointEntity row = awaitCheckpoint(run, 10);
        assertThat(row.paused).as("the pause is part of the checkpoint").isTrue();
        BitSet settled = new BitSet();
        settled.set(1, 11);
        assertThat(BitSet.valueOf(row.settled)).isEqualTo(settled);

        send(List.of(EventCodec.envelope(run, EventType.RUN_CANCELLED, 10, 0, "firm-service",
                new Payloads.RunCancelled("test"))));
        await(() -> {
            writer.flush();
            return checkpoint(run) == null;
        }, "the checkpoint to be deleted when the run is cancelled");
    }

    // ------------------------------------------------------------------ helpers

    static Envelope runStarted(String run) {
        return EventCodec.envelope(run, EventType.RUN_STARTED, 0, 0, "firm-service",
                new Payloads.RunStarted(ScenarioLoader.toTree(S)));
    }

    static Envelope tickClosed(String run, int t) {
        return EventCodec.envelope(run, EventType.TICK_CLOSED, t, 0, "indicator-service",
                new Payloads.TickClosed(TICKS.get(t - 1).next()));
    }

    /** Tick t's inputs as firm-service and factor-service publish them, demands in chunks of 100. */
    static List<Envelope> inputs(String run, int t) {
        Tick k = TICKS.get(t - 1);
        List<Envelope> out = new ArrayList<>();
        out.add(EventCodec.envelope(run, EventType.TICK_STARTED, t, 0, "firm-service", new Payloads.TickStarted(k.env())));
        int parts = 0;
        for (int from = 0; from < k.demands().size(); from += 100) {
            out.add(EventCodec.envelope(run, EventType.FACTOR_DEMANDS, t, parts, "firm-service", RecordBatch.of(
                    FactorDemand.class, parts, k.demands().subList(from, Math.min(k.demands().size(), from + 100)))));
            parts++;
        }
        out.add(EventCodec.envelope(run, EventType.DEMANDS_CLOSED, t, 0, "firm-service",
                new Payloads.Closed(parts, k.demands().size())));
        out.add(EventCodec.envelope(run, EventType.FACTOR_SUPPLIED, t, 0, "factor-service", k.supplies()));
        return out;
    }

    static void send(List<Envelope> events) {
        List<ProducerRecord<String, byte[]>> records = events.stream()
                .map(e -> new ProducerRecord<>(EventType.valueOf(e.type()).topic, e.runId(), EventCodec.toBytes(e)))
                .toList();
        companion.produceWithSerializers(new StringSerializer(), new ByteArraySerializer())
                .withConcurrency(1).fromRecords(records).awaitCompletion(WAIT);
    }

    static List<Envelope> clearing(String run) {
        return out.getRecords().stream().filter(r -> r.topic().equals(Topics.CLEARING) && run.equals(r.key()))
                .map(r -> EventCodec.fromBytes(r.value())).toList();
    }

    static long deadLetters(String run) {
        return out.getRecords().stream().filter(r -> r.topic().equals(Topics.DEAD_LETTER) && run.equals(r.key())).count();
    }

    static void awaitClearing(String run, java.util.function.Predicate<List<Envelope>> done) {
        await(() -> done.test(clearing(run)), "the clearing of run " + run);
    }

    static long count(List<Envelope> ev, EventType type) {
        return ev.stream().filter(e -> e.type().equals(type.name())).count();
    }

    static MarketCheckpointEntity checkpoint(String run) {
        return QuarkusTransaction.requiringNew().call(() -> MarketCheckpointEntity.<MarketCheckpointEntity>findById(run));
    }

    static MarketCheckpointEntity awaitCheckpoint(String run, int tick) {
        await(() -> {
            MarketCheckpointEntity c = checkpoint(run);
            return c != null && c.tick == tick;
        }, "the checkpoint of tick " + tick);
        return checkpoint(run);
    }

    double counter(String name) {
        return registry.find(name).tag("service", "market-service").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    static void await(BooleanSupplier condition, String what) {
        MarketServiceTest.await(condition, what);
    }

    static void sleep(long ms) {
        MarketServiceTest.sleep(ms);
    }
}
