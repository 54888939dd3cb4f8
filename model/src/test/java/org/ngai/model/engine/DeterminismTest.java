package org.ngai.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;

/** docs/specification.md §0 (randomness): same scenario and seed give the same series, bit for bit. */
class DeterminismTest {
    private static final Scenario SMALL = Scenario.builder().name("det").firms(800).ticks(16).seed(11).build();

    @Test
    void twoRunsWithOneSeedAreIdenticalBitForBit() {
        RunResult a = new ReferenceEngine().run(SMALL);
        RunResult b = new ReferenceEngine().run(SMALL);
        assertThat(a.series()).hasSize(16);
        assertThat(a.series()).isEqualTo(b.series());
    }

    @Test
    void differentSeedsGiveDifferentRuns() {
        RunResult a = new ReferenceEngine().run(SMALL);
        RunResult b = new ReferenceEngine().run(SMALL.withSeed(12));
        assertThat(a.last().get(Indicator.TFP_MEASURED)).isNotEqualTo(b.last().get(Indicator.TFP_MEASURED));
    }

    @Test
    void aRunForkedFromItsStateContinuesExactlyAsTheOriginal() {
        // a service restarting from a snapshot of (population, owners, environment, indicator history)
        ReferenceEngine engine = new ReferenceEngine();
        ReferenceEngine.Session original = engine.start(SMALL);
        for (int t = 1; t <= 7; t++) {
            original.step();
        }
        ReferenceEngine.Session fork = original.copy();
        List<TickIndicators> a = new ArrayList<>();
        List<TickIndicators> b = new ArrayList<>();
        while (original.tick() <= SMALL.ticks()) {
            a.add(original.step());
            b.add(fork.step());
        }
        assertThat(b).isEqualTo(a);
        assertThat(new ReferenceEngine().run(SMALL).series().subList(7, 16)).isEqualTo(a);
    }
}
