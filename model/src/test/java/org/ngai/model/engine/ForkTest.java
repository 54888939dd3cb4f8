package org.ngai.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioException;
import org.ngai.model.scenario.ScenarioLoader;

/**
 * Forks (docs/pipeline.md "Forks"): a fork at t shares the parent's ticks before t, and the parent's state at t
 * continued under the changed parameters is the run in which the change is scheduled at t.
 */
class ForkTest {
    private static final Map<String, Double> FINANCING = Map.of("finance.cashFlowRatio", 0.6, "policy.creditGuarantee", 0.5);

    private static Scenario parent(String name, long seed) {
        return ScenarioLoader.bundled(name).toBuilder().firms(400).ticks(24).seed(seed).build();
    }

    @ParameterizedTest(name = "{0} seed {1}, fork at {2}")
    @CsvSource({"baseline, 3, 1", "baseline, 5, 2", "baseline, 7, 13", "baseline, 9, 24", "talent-training, 11, 5",
            "talent-training, 13, 9", "talent-training, 17, 20"})
    void theParentStateAtTheForkContinuedUnderTheChangeIsTheScheduledRun(String name, long seed, int tick) {
        Scenario parent = parent(name, seed);
        Map<String, Double> change = name.equals("talent-training") ? Map.of("policy.trainingSubsidy", 0.0) : FINANCING;
        Scenario fork = Fork.scenario(parent, tick, change, null);
        List<TickIndicators> parentSeries = new ReferenceEngine().run(parent).series();
        List<TickIndicators> scheduled = new ReferenceEngine().run(fork).series();

        // 1. a scheduled value cannot act before its tick: the fork's prefix is the parent's, bit for bit
        assertThat(scheduled.subList(0, tick - 1)).isEqualTo(parentSeries.subList(0, tick - 1));

        // 2. the parent's state when tick t begins (population, owners, environment, history), continued under the
        //    fork's scenario, gives exactly the scheduled run: this is what the services do with a fork
        ReferenceEngine.Session at = Fork.stateAt(parent, tick);
        ReferenceEngine.Session continued = new ReferenceEngine().resume(fork, tick, at.environment(), at.firms().copy(),
                at.owners().copy(), at.series());
        List<TickIndicators> out = new ArrayList<>(at.series());
        while (continued.tick() <= fork.ticks()) {
            out.add(continued.step());
        }
        assertThat(out).isEqualTo(scheduled);

        // 3. the change acts: some tick from t on differs from the parent (given a few quarters: within its first
        //    quarter a credit lever may change no decision of 400 firms)
        if (tick <= 20) {
            assertThat(scheduled.subList(tick - 1, 24)).isNotEqualTo(parentSeries.subList(tick - 1, 24));
        }
    }

    @Test
    void aForkOfAForkSharesItsParentsPathAndTheLaterValueWins() {
        Scenario root = parent("baseline", 21);
        Scenario first = Fork.scenario(root, 6, FINANCING, "first");
        Scenario second = Fork.scenario(first, 15, Map.of("finance.cashFlowRatio", 0.45), "second");
        assertThat(second.paramsAt(5).get(Param.byKey("finance.cashFlowRatio")))
                .isEqualTo(root.paramsAt(5).get(Param.byKey("finance.cashFlowRatio")));
        assertThat(second.paramsAt(10).get(Param.byKey("finance.cashFlowRatio"))).isEqualTo(0.6);
        assertThat(second.paramsAt(10).get(Param.byKey("policy.creditGuarantee"))).isEqualTo(0.5);
        assertThat(second.paramsAt(20).get(Param.byKey("finance.cashFlowRatio"))).isEqualTo(0.45);
        assertThat(second.paramsAt(20).get(Param.byKey("policy.creditGuarantee"))).isEqualTo(0.5);

        List<TickIndicators> a = new ReferenceEngine().run(first).series();
        List<TickIndicators> b = new ReferenceEngine().run(second).series();
        assertThat(b.subList(0, 14)).isEqualTo(a.subList(0, 14));
        assertThat(new ReferenceEngine().run(root).series().subList(0, 5)).isEqualTo(a.subList(0, 5));
    }

    @Test
    void theForksValueHoldsToTheEndEvenWhereTheParentScheduledAnother() {
        Scenario parent = parent("talent-training", 1);   // schedules policy.trainingSubsidy = 0.03 at tick 9
        Param subsidy = Param.byKey("policy.trainingSubsidy");
        assertThat(parent.paramsAt(12).get(subsidy)).isEqualTo(0.03);
        Scenario fork = Fork.scenario(parent, 5, Map.of("policy.trainingSubsidy", 0.0), null);
        assertThat(fork.paramsAt(12).get(subsidy)).isEqualTo(0.0);
        assertThat(fork.paramsAt(24).get(subsidy)).isEqualTo(0.0);
        // other keys the parent schedules from then on stay
        Scenario late = Fork.scenario(parent, 12, Map.of("finance.cashFlowRatio", 0.6), null);
        assertThat(late.paramsAt(20).get(subsidy)).isEqualTo(0.03);
        assertThat(late.name()).isEqualTo("talent-training-fork12");
    }

    @Test
    void anEmptyChangeIsAPlainContinuation() {
        Scenario parent = parent("baseline", 4);
        assertThat(new ReferenceEngine().run(Fork.scenario(parent, 10, Map.of(), null)).series())
                .isEqualTo(new ReferenceEngine().run(parent).series());
    }

    @Test
    void invalidForksNameTheField() {
        Scenario parent = parent("baseline", 4);
        assertThatThrownBy(() -> Fork.scenario(parent, 0, FINANCING, null))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("tick = 0 is outside the parent run [1, 24]");
        assertThatThrownBy(() -> Fork.scenario(parent, 25, FINANCING, null))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("tick = 25");
        assertThatThrownBy(() -> Fork.scenario(parent, 5, Map.of("finance.nope", 1.0), null))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("parameters.finance.nope is not a parameter");
        assertThatThrownBy(() -> Fork.scenario(parent, 5, Map.of("finance.cashFlowRatio", 7.0), null))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("parameters.finance.cashFlowRatio")
                .hasMessageContaining("outside the allowed range");
    }
}
