package org.ngai.indicator;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.events.RecordBatch;
import org.ngai.events.Topics;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.FirmReport;
import org.ngai.testsupport.KafkaBrokerTestResource;

/**
 * The test side of the broker: produces envelopes as the other services would, and collects everything
 * indicator-service publishes and everything that reaches the dead-letter topic (one consumer each for
 * the whole test JVM).
 */
final class Kafka {
    private static KafkaCompanion companion;
    private static final ConcurrentLinkedQueue<ConsumerRecord<String, byte[]>> OUTPUTS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<ConsumerRecord<String, byte[]>> DEAD = new ConcurrentLinkedQueue<>();

    private Kafka() {
    }

    static synchronized KafkaCompanion companion() {
        if (companion == null) {
            companion = new KafkaCompanion(KafkaBrokerTestResource.bootstrapServers());
            companion.consume(String.class, byte[].class).withGroupId("test-outputs-" + UUID.randomUUID())
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(Set.of(Topics.INDICATORS, Topics.CONTROL), m -> m.invoke(OUTPUTS::add));
            companion.consume(String.class, byte[].class).withGroupId("test-dead-" + UUID.randomUUID())
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(Set.of(Topics.DEAD_LETTER), m -> m.invoke(DEAD::add));
        }
        return companion;
    }

    // ------------------------------------------------------------------------------ producing

    static Envelope envelope(String runId, EventType type, int tick, int part, String producer, Object payload) {
        return EventCodec.envelope(runId, type, tick, part, producer, payload);
    }

    static Envelope runStarted(String runId) {
        return runStarted(runId, Fixture.SCENARIO);
    }

    static Envelope runStarted(String runId, org.ngai.model.scenario.Scenario scenario) {
        return envelope(runId, EventType.RUN_STARTED, 0, 0, "firm-service",
                new Payloads.RunStarted(ScenarioLoader.toTree(scenario)));
    }

    static Envelope runFinished(String runId, int ticks) {
        return envelope(runId, EventType.RUN_FINISHED, ticks, 0, "firm-service", new Payloads.RunFinished(ticks));
    }

    /** Every input of one tick; firm reports in chunks of {@code chunk} records. */
    static List<Envelope> tickInputs(String runId, Fixture.Tick tk, int chunk) {
        int t = tk.t();
        List<Envelope> out = new ArrayList<>();
        out.add(envelope(runId, EventType.TICK_STARTED, t, 0, "firm-service", new Payloads.TickStarted(tk.env())));
        var c = tk.clearing();
        out.add(envelope(runId, EventType.MARKET_CLEARED, t, 0, "market-service",
                new Payloads.MarketClearing(c.cohortFlows(), c.lenderFlows(), c.techSales(), c.ai(), c.summaries())));
        List<FirmReport> reports = tk.produced().reports();
        int parts = 0;
        for (int from = 0; from < reports.size(); from += chunk) {
            out.add(envelope(runId, EventType.FIRM_REPORTS, t, parts, "firm-service",
                    RecordBatch.of(FirmReport.class, parts, reports.subList(from, Math.min(reports.size(), from + chunk)))));
            parts++;
        }
        out.add(envelope(runId, EventType.REPORTS_CLOSED, t, 0, "firm-service",
                new Payloads.ReportsClosed(parts, reports.size(), tk.produced().sectors())));
        out.add(envelope(runId, EventType.OWNERS_REPORTED, t, 0, "factor-service", tk.owners()));
        return out;
    }

    static void send(List<Envelope> envelopes) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Envelope e : envelopes) {
            records.add(new ProducerRecord<>(EventCodec.type(e).topic, e.runId(), EventCodec.toBytes(e)));
        }
        companion().produce(String.class, byte[].class).fromRecords(records).awaitCompletion(Duration.ofSeconds(30));
    }

    static void send(Envelope... envelopes) {
        send(List.of(envelopes));
    }

    static void sendRaw(String topic, String key, byte[] value) {
        companion().produce(String.class, byte[].class).fromRecords(List.of(new ProducerRecord<>(topic, key, value)))
                .awaitCompletion(Duration.ofSeconds(30));
    }

    // ------------------------------------------------------------------------------ collecting

    /** What indicator-service published for a run (INDICATORS_PUBLISHED, TICK_CLOSED), arrival order. */
    static List<Envelope> outputs(String runId, EventType type) {
        companion();
        List<Envelope> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : OUTPUTS) {
            if (runId.equals(r.key())) {
                Envelope e = EventCodec.fromBytes(r.value());
                if (type.name().equals(e.type()) && "indicator-service".equals(e.producer())) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    static List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        companion();
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : DEAD) {
            if (key.equals(r.key())) {
                out.add(r);
            }
        }
        return Collections.unmodifiableList(out);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits for the run's INDICATORS_PUBLISHED and TICK_CLOSED of {@code tick} and returns them. */
    static Envelope[] awaitTick(String runId, int tick) {
        await("tick " + tick + " of run " + runId, Duration.ofSeconds(30),
                () -> outputs(runId, EventType.INDICATORS_PUBLISHED).stream().anyMatch(e -> e.tick() == tick)
                        && outputs(runId, EventType.TICK_CLOSED).stream().anyMatch(e -> e.tick() == tick));
        Envelope ind = outputs(runId, EventType.INDICATORS_PUBLISHED).stream().filter(e -> e.tick() == tick).findFirst()
                .orElseThrow();
        Envelope closed = outputs(runId, EventType.TICK_CLOSED).stream().filter(e -> e.tick() == tick).findFirst()
                .orElseThrow();
        return new Envelope[] {ind, closed};
    }

    static String newRunId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
