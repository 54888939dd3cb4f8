package org.ngai.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.indicator.service.IndicatorStore;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.testsupport.KafkaBrokerTestResource;

/**
 * A run this process has never seen but that is RUNNING in the database (as after a restart): its next
 * event rebuilds the aggregator from the stored series, and the next tick is still bit-exact.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
class RestoreTest {
    @Inject
    IndicatorStore store;

    @Test
    void aRunningRunIsRestoredFromTheStoredSeries() {
        String run = Kafka.newRunId("restore");
        Fixture.Tick one = Fixture.tick(1);
        // what a previous process stored before it stopped
        store.ensureRun(run, Fixture.SCENARIO);
        store.saveTick(run, one.expected().indicators(), one.expected().next());

        // a redelivered input of the last stored tick: its outputs are re-emitted from the database
        List<Envelope> tick1 = Kafka.tickInputs(run, one, 500);
        Kafka.send(tick1.get(tick1.size() - 1));
        Envelope[] again = Kafka.awaitTick(run, 1);
        assertThat(EventCodec.payload(again[0], TickIndicators.class)).isEqualTo(one.expected().indicators());
        AggregationTest.assertSameEnvironment(EventCodec.payload(again[1], Payloads.TickClosed.class).next(),
                one.expected().next());

        // tick 2 needs the restored history (indices relative to tick 1)
        Kafka.send(Kafka.tickInputs(run, Fixture.tick(2), 100));
        AggregationTest.assertTick(run, Fixture.tick(2));
        Kafka.await("no second copy of tick 1", Duration.ofSeconds(5),
                () -> Kafka.outputs(run, EventType.INDICATORS_PUBLISHED).size() == 2);
        assertThat(store.series(run)).containsExactly(one.expected().indicators(), Fixture.tick(2).expected().indicators());
    }
}
