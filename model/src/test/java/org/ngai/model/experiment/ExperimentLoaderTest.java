package org.ngai.model.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ngai.model.engine.IndicatorTable;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.ScenarioException;

class ExperimentLoaderTest {

    static Path resource(String name) {
        try {
            return Path.of(ExperimentLoaderTest.class.getClassLoader().getResource("experiment/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFileWithCellsAndAGridIsReadWithItsOverridesAndDefaults() {
        Experiment e = ExperimentLoader.load(resource("small.yaml"));
        assertThat(e.name()).isEqualTo("small");
        assertThat(e.baseSeed()).isEqualTo(7);
        assertThat(e.replicates()).isEqualTo(3);
        assertThat(e.threads()).isEqualTo(2);
        assertThat(e.cells()).extracting(Experiment.Cell::name).containsExactly("base", "lever", "financing-support",
                "ai.enabled=0 finance.cashFlowRatio=0.4", "ai.enabled=0 finance.cashFlowRatio=0.6",
                "ai.enabled=1 finance.cashFlowRatio=0.4", "ai.enabled=1 finance.cashFlowRatio=0.6");
        assertThat(e.control()).isZero();
        // the experiment's firms and ticks override every cell's; parameters are applied on top of the scenario
        assertThat(e.cells()).allSatisfy(c -> {
            assertThat(c.scenario().firms()).isEqualTo(200);
            assertThat(c.scenario().ticks()).isEqualTo(6);
        });
        assertThat(e.cells().get(1).scenario().params().get(Param.byKey("ai.enabled"))).isZero();
        assertThat(e.cells().get(2).scenario().params().get(Param.byKey("finance.cashFlowRatio"))).isEqualTo(0.5);
        assertThat(e.cells().get(2).scenario().params().get(Param.byKey("policy.creditGuarantee"))).isEqualTo(0.5);
        assertThat(e.cells().get(4).scenario().params().get(Param.byKey("finance.cashFlowRatio"))).isEqualTo(0.6);
        assertThat(e.indicators()).containsExactly(Indicator.STAGE_INTELLIGENT, Indicator.AI_PENETRATION);
        assertThat(e.windowFrom()).isEqualTo(3);
        assertThat(e.windowTo()).isEqualTo(6);
    }

    @Test
    void defaultsAreTheControlsSeedTheScenariosSizeTheHeadlineSetAndTheLastEightTicks() {
        Experiment e = ExperimentLoader.parse("""
                name: d
                cells: [ { scenario: baseline }, { scenario: financing-support } ]
                """);
        assertThat(e.baseSeed()).isEqualTo(20200101L);
        assertThat(e.replicates()).isEqualTo(1);
        assertThat(e.controlCell().name()).isEqualTo("baseline");
        assertThat(e.firms()).isEqualTo(10_000);
        assertThat(e.indicators()).isEqualTo(IndicatorTable.HEADLINE);
        assertThat(List.of(e.windowFrom(), e.windowTo())).containsExactly(53, 60);
        assertThat(e.threads()).isZero();
    }

    @Test
    void invalidFilesAreRejectedNamingTheField() {
        String ok = "name: x\nfirms: 100\nticks: 4\ncells: [ { name: a, scenario: baseline }, { name: b, scenario: baseline } ]\n";
        assertField(ok + "colour: red\n", "colour");
        assertField(ok + "replicates: 0\n", "replicates");
        assertField(ok + "replicates: 1001\n", "replicates");
        assertField(ok + "replicates: two\n", "replicates");
        assertField(ok + "threads: 0\n", "threads");
        assertField(ok + "control: c\n", "control");
        assertField(ok + "indicators: [stage.intelligent, no.such]\n", "indicators[1]");
        assertField(ok + "indicators: [market.lab.regime]\n", "indicators[0]");
        assertField(ok + "window: [2, 5]\n", "window[1]");
        assertField(ok + "window: [0, 4]\n", "window[0]");
        assertField(ok + "window: 4\n", "window");
        assertField(ok.replace("ticks: 4", "ticks: 500"), "ticks");
        assertField(ok.replace("firms: 100", "firms: 1"), "firms");
        assertField("name: x\ncells: [ { name: a, scenario: baseline, parameters: { ai.enabled: 2 } } ]\n", "cells[0].parameters.ai.enabled");
        assertField("name: x\ncells: [ { name: a, scenario: baseline, parameters: { no.such: 2 } } ]\n", "cells[0].parameters.no.such");
        assertField("name: x\ncells: [ { name: a, scenario: baseline }, { scenario: nowhere } ]\n", "cells[1].scenario");
        assertField("name: x\ncells: [ { name: a, scenario: baseline, seed: 3 } ]\n", "cells[0].seed");
        assertField("name: x\ncells: [ { name: a, scenario: baseline }, { name: a, scenario: baseline } ]\n", "cells[1].name");
        assertField("name: x\ncells: []\n", "cells");
        assertField("name: x\ncells: [ { name: a, scenario: baseline }, { name: b, scenario: baseline, parameters: { } } ]\n"
                + "grid: { scenario: baseline, parameters: { ai.enabled: [0, 3] } }\n", "grid.parameters.ai.enabled[1]");
        assertField("name: x\ngrid: { scenario: baseline, parameters: { } }\n", "grid.parameters");
        assertField("name: x\ngrid: { scenario: baseline, parameters: { ai.enabled: 1 } }\n", "grid.parameters.ai.enabled");
        // cells of different sizes cannot be paired: the experiment must set firms/ticks
        assertField("name: x\ncells: [ { name: a, scenario: baseline }, { name: b, scenario: "
                + resource("no-ai-lever.yaml") + " } ]\n", "cells[1].scenario");
    }

    private static void assertField(String yaml, String field) {
        assertThatThrownBy(() -> ExperimentLoader.parse(yaml)).as(yaml).isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).field()).as(e.getMessage()).isEqualTo(field));
    }

    @Test
    void replicateSeedsAreTheBaseSeedThenSplitMix64Outputs() {
        assertThat(Experiment.replicateSeed(42, 0)).isEqualTo(42);
        // SplitMix64 seeded with 0: first output 0xE220A8397B1DCDAF (the published reference value)
        assertThat(Experiment.replicateSeed(0, 1)).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(Experiment.replicateSeed(0, 2)).isEqualTo(0x6E789E6AA1B965F4L);
        long[] s = new long[1000];
        for (int k = 0; k < s.length; k++) {
            s[k] = Experiment.replicateSeed(20200101L, k);
        }
        assertThat(java.util.Arrays.stream(s).distinct().count()).isEqualTo(1000);
    }

    @Test
    void aCellWithFromChangesItsParametersFromThatTickAndEachReplicateIsAForkOfTheBaseRun() {
        Experiment e = ExperimentLoader.parse("""
                name: forked
                replicates: 2
                firms: 300
                ticks: 12
                cells:
                  - { name: base, scenario: baseline }
                  - { name: late, scenario: baseline, parameters: { finance.cashFlowRatio: 0.6 }, from: 7 }
                indicators: [tfp.measured, stage.intelligent]
                """);
        Param cf = Param.byKey("finance.cashFlowRatio");
        Experiment.Cell late = e.cells().get(1);
        assertThat(late.from().tick()).isEqualTo(7);
        assertThat(late.scenario().ticks()).isEqualTo(12);
        assertThat(late.scenario().paramsAt(6).get(cf)).isEqualTo(e.cells().get(0).scenario().paramsAt(6).get(cf));
        assertThat(late.scenario().paramsAt(7).get(cf)).isEqualTo(0.6);
        // per replicate: the cell's ticks before 7 are the base run's, from 7 on it differs
        ExperimentResult r = ExperimentRunner.run(e, 2, (d, t) -> { });
        for (int rep = 0; rep < 2; rep++) {
            double[] a = r.series(0, rep, Indicator.STAGE_INTELLIGENT);
            double[] b = r.series(1, rep, Indicator.STAGE_INTELLIGENT);
            assertThat(java.util.Arrays.copyOf(b, 6)).isEqualTo(java.util.Arrays.copyOf(a, 6));
        }
        assertThatThrownBy(() -> ExperimentLoader.parse("""
                name: bad
                ticks: 12
                cells:
                  - { name: late, scenario: baseline, parameters: { finance.cashFlowRatio: 0.6 }, from: 13 }
                """)).isInstanceOf(ScenarioException.class).hasMessageStartingWith("cells[0].from = 13");
        assertThatThrownBy(() -> ExperimentLoader.parse("""
                name: bad
                cells:
                  - { name: late, scenario: baseline, parameters: { finance.cashFlowRatio: 9 }, from: 3 }
                """)).isInstanceOf(ScenarioException.class).hasMessageStartingWith("cells[0].parameters.finance.cashFlowRatio");
    }
}
