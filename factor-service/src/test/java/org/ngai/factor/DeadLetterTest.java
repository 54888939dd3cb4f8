package org.ngai.factor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.events.Topics;
import org.ngai.model.tick.Environment;
import org.ngai.testsupport.KafkaBrokerTestResource;

/** Bad records go to sim.deadletter.v1 with the reason; the service carries on. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTest {
    static Bus bus;
    static final Fixture F = Fixture.TICK1;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void open() {
        bus = new Bus();
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    @Test
    void malformedAndInvalidRecordsAreDeadLetteredAndTheServiceCarriesOn() throws Exception {
        double control = deadLetters(Topics.CONTROL);
        double clearing = deadLetters(Topics.CLEARING);

        String malformed = Fixture.newRunId();
        byte[] garbage = "{ this is not an envelope".getBytes(StandardCharsets.UTF_8);
        bus.sendRaw(Topics.CONTROL, malformed, garbage);

        String bad = Fixture.newRunId();
        // decodable envelopes whose payloads do not fit their types
        bus.send(Fixture.withPayload(bad, EventType.TICK_STARTED, 1,
                EventCodec.MAPPER.readTree("{\"environment\": {\"tick\": \"one\"}}")));
        bus.send(Fixture.withPayload(bad, EventType.MARKET_CLEARED, 1, EventCodec.MAPPER.readTree("{\"bogus\": 1}")));

        ConsumerRecord<String, byte[]> m = bus.awaitDeadLetters(malformed, 1).get(0);
        assertThat(m.topic()).isEqualTo(Topics.DEAD_LETTER);
        assertThat(header(m, "dead-letter-reason")).isNotBlank();
        assertThat(m.value()).isEqualTo(garbage);

        List<ConsumerRecord<String, byte[]>> b = bus.awaitDeadLetters(bad, 2);
        assertThat(b).hasSize(2);
        for (ConsumerRecord<String, byte[]> r : b) {
            String reason = header(r, "dead-letter-reason");
            assertThat(reason).contains("payload of");
            assertThat(EventCodec.fromBytes(r.value()).runId()).isEqualTo(bad);
        }
        assertThat(b.stream().map(r -> header(r, "dead-letter-reason")).toList())
                .anySatisfy(x -> assertThat(x).contains("TICK_STARTED"))
                .anySatisfy(x -> assertThat(x).contains("MARKET_CLEARED").contains("bogus"));
        assertThat(deadLetters(Topics.CONTROL)).isGreaterThanOrEqualTo(control + 2);
        assertThat(deadLetters(Topics.CLEARING)).isGreaterThanOrEqualTo(clearing + 1);

        // the service keeps working: a whole tick of a new run
        String run = Fixture.newRunId();
        bus.send(Fixture.runStarted(run), F.tickStarted(run), F.marketCleared(run));
        assertThat(bus.await(run, EventType.FACTOR_SUPPLIED, l -> !l.isEmpty()).get(0).payload())
                .isEqualTo(EventCodec.tree(F.supplies));
        assertThat(bus.await(run, EventType.OWNERS_REPORTED, l -> !l.isEmpty()).get(0).payload())
                .isEqualTo(EventCodec.tree(F.reports));
    }

    @Test
    void aTickBeyondTheRunIsDeadLetteredWithTheField() {
        String run = Fixture.newRunId();
        Environment e1 = F.env1;
        Environment e5 = new Environment(5, e1.ai(), e1.wageL(), e1.wageH(), e1.screening(), e1.regimes(),
                e1.adopterShare(), e1.aiRevenueShare(), e1.meanScreening(), e1.visibility(), e1.incomeIndex());
        bus.send(Fixture.runStarted(run), EventCodec.envelope(run, EventType.TICK_STARTED, 5, 0, "firm-service",
                new Payloads.TickStarted(e5)));
        List<ConsumerRecord<String, byte[]>> dl = bus.awaitDeadLetters(run, 1);
        assertThat(header(dl.get(0), "dead-letter-reason")).contains("tick 5").contains("beyond the run's 2 ticks");
        // the run itself is unharmed
        bus.send(F.tickStarted(run), F.marketCleared(run));
        assertThat(bus.await(run, EventType.OWNERS_REPORTED, l -> !l.isEmpty()).get(0).payload())
                .isEqualTo(EventCodec.tree(F.reports));
    }

    private double deadLetters(String topic) {
        Counter c = registry.find("transform_dead_letters_total").tag("service", "factor-service").tag("topic", topic)
                .counter();
        return c == null ? 0 : c.count();
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
