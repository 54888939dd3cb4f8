package org.ngai.model.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.scenario.Expectation;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioException;
import org.ngai.model.scenario.ScenarioLoader;

class ExpectationCheckTest {

    @Test
    void theExpectBlockIsParsedWithDefaultsAndIsNotInherited() {
        Scenario lever = ScenarioLoader.load(ExperimentLoaderTest.resource("no-ai-lever.yaml"));
        assertThat(lever.expectations()).hasSize(2);
        Expectation a = lever.expectations().get(0);
        assertThat(a.indicator()).isEqualTo(Indicator.AI_PENETRATION);
        assertThat(a.direction()).isEqualTo(Expectation.Direction.DOWN);
        assertThat(a.defaultWindow()).isTrue();
        assertThat(a.note()).startsWith("no AI-feasible tasks");
        Expectation b = lever.expectations().get(1);
        assertThat(List.of(b.from(), b.to())).containsExactly(5, 12);
        // a scenario extending the lever does not inherit its expectations; an override keeps them
        Scenario child = ScenarioLoader.parse("name: child\nextends: financing-support\n");
        assertThat(child.expectations()).isEmpty();
        assertThat(lever.toBuilder().ticks(8).build().expectations()).isEqualTo(lever.expectations());
        // expectations describe the run, they do not change it
        assertThat(lever.toBuilder().clearExpectations().build()).isEqualTo(lever);
    }

    @Test
    void invalidExpectationsAreRejectedNamingTheField() {
        String head = "name: x\nticks: 20\nexpect:\n  - { indicator: stage.intelligent, direction: up }\n";
        assertField(head + "  - { indicator: no.such, direction: up }\n", "expect[1].indicator");
        assertField(head + "  - { indicator: market.lab.regime, direction: up }\n", "expect[1].indicator");
        assertField(head + "  - { direction: up }\n", "expect[1].indicator");
        assertField(head + "  - { indicator: stage.intelligent, direction: sideways }\n", "expect[1].direction");
        assertField(head + "  - { indicator: stage.intelligent, direction: up, from: 0 }\n", "expect[1].from");
        assertField(head + "  - { indicator: stage.intelligent, direction: up, to: 21 }\n", "expect[1].to");
        assertField(head + "  - { indicator: stage.intelligent, direction: up, from: 9, to: 4 }\n", "expect[1].to");
        assertField(head + "  - { indicator: stage.intelligent, direction: up, when: 4 }\n", "expect[1].when");
        assertField(head + "  - { indicator: stage.intelligent, direction: up, note: 4 }\n", "expect[1].note");
        assertField("name: x\nexpect: { indicator: stage.intelligent }\n", "expect");
    }

    private static void assertField(String yaml, String field) {
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml)).as(yaml).isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).field()).as(e.getMessage()).isEqualTo(field));
    }

    @Test
    void windowsDefaultToTheLastEightTicksAndScaleToShorterRuns() {
        Expectation d = new Expectation(Indicator.STAGE_INTELLIGENT, Expectation.Direction.UP);
        assertThat(d.window(60, 40)).containsExactly(33, 40);
        assertThat(d.window(60, 5)).containsExactly(1, 5);
        Expectation x = new Expectation(Indicator.STAGE_INTELLIGENT, Expectation.Direction.UP, 9, 60, "");
        assertThat(x.window(60, 60)).containsExactly(9, 60);
        assertThat(x.window(60, 40)).containsExactly(6, 40);
        assertThat(x.window(60, 80)).containsExactly(9, 60);
        assertThat(new Expectation(Indicator.STAGE_INTELLIGENT, Expectation.Direction.UP, 1, 2, "").window(60, 12))
                .containsExactly(1, 1);
    }

    @Test
    void theLeversExpectationsPassWhenTheIntervalLiesOnTheExpectedSide() {
        Scenario lever = ScenarioLoader.load(ExperimentLoaderTest.resource("no-ai-lever.yaml"));
        Scenario base = ScenarioLoader.bundled("baseline");
        Experiment e = Experiment.builder().name("check").firms(500).ticks(12).replicates(4)
                .indicators(ExpectationCheck.indicators(List.of(lever))).cell(base).cell(lever).build();
        ExperimentResult r = ExperimentRunner.run(e, 2, (dd, t) -> { });
        List<ExpectationCheck.Outcome> out = ExpectationCheck.check(lever, r);
        assertThat(out).hasSize(2);
        assertThat(out).allSatisfy(o -> {
            assertThat(o.pass()).as(o.describe()).isTrue();
            assertThat(o.effect().n()).isEqualTo(4);
            assertThat(o.effect().hi()).isLessThan(0);
        });
        assertThat(List.of(out.get(0).from(), out.get(0).to())).containsExactly(5, 12);
        assertThat(List.of(out.get(1).from(), out.get(1).to())).containsExactly(5, 12);
        assertThat(out.get(0).describe()).startsWith("PASS ai.penetration down over ticks 5..12: Δ = -");
        // the opposite expectation fails on the same evidence
        Expectation up = new Expectation(Indicator.AI_PENETRATION, Expectation.Direction.UP);
        assertThat(ExpectationCheck.check(up, lever.ticks(), r, 1).pass()).isFalse();
        // a cell identical to the control shows no effect: neither direction passes
        Expectation down = new Expectation(Indicator.AI_PENETRATION, Expectation.Direction.DOWN);
        assertThat(ExpectationCheck.check(down, 12, r, 0).pass()).isFalse();
    }
}
