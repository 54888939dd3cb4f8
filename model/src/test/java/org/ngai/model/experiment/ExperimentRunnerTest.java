package org.ngai.model.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;

class ExperimentRunnerTest {
    static final List<Indicator> KEEP = List.of(Indicator.STAGE_INTELLIGENT, Indicator.AI_PENETRATION, Indicator.AI_ENERGY_SHARE,
            Indicator.UNEMPLOYMENT, Indicator.FIN_EFFICIENCY);

    static Scenario baseline() {
        return ScenarioLoader.bundled("baseline");
    }

    static Experiment.Builder small(int replicates) {
        return Experiment.builder().name("t").firms(300).ticks(8).replicates(replicates).indicators(KEEP);
    }

    @Test
    void replicateKOfEveryCellRunsWithTheSameSeedAndReplicatesDiffer() {
        Experiment e = small(3).cell("base", baseline()).cell("lever", ScenarioLoader.bundled("financing-support")).build();
        for (int k = 0; k < 3; k++) {
            assertThat(e.scenario(0, k).seed()).isEqualTo(e.scenario(1, k).seed()).isEqualTo(e.seed(k));
        }
        assertThat(e.seed(0)).isEqualTo(baseline().seed());
        assertThat(List.of(e.seed(0), e.seed(1), e.seed(2))).doesNotHaveDuplicates();
        // the stored series are those of the runs with these seeds, and different seeds give different runs
        ExperimentResult r = ExperimentRunner.run(e, 2, (d, t) -> { });
        Scenario direct = baseline().toBuilder().firms(300).ticks(8).seed(e.seed(2)).build();
        var series = new ReferenceEngine().run(direct).series();
        double[] expected = series.stream().mapToDouble(t -> t.get(Indicator.AI_PENETRATION)).toArray();
        assertThat(r.series(0, 2, Indicator.AI_PENETRATION)).containsExactly(expected);
        assertThat(r.series(0, 1, Indicator.AI_PENETRATION)).isNotEqualTo(r.series(0, 2, Indicator.AI_PENETRATION));
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Experiment e = small(3).cell("base", baseline()).cell("lever", ScenarioLoader.bundled("financing-support"))
                .cells(Experiment.grid(baseline(), Map.of(Param.byKey("ai.enabled"), List.of(0.0)))).build();
        List<Integer> progress = Collections.synchronizedList(new ArrayList<>());
        ExperimentResult one = ExperimentRunner.run(e, 1, (d, t) -> progress.add(d));
        ExperimentResult two = ExperimentRunner.run(e, 2, (d, t) -> { });
        assertThat(one.sameData(two)).isTrue();
        assertThat(progress).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (Indicator i : KEEP) {
            assertThat(two.pairedWindow(1, i)).isEqualTo(one.pairedWindow(1, i));
        }
    }

    @Test
    void aCellIdenticalToTheControlDiffersByExactlyZeroWithAZeroWidthInterval() {
        Experiment e = small(4).cell("base", baseline()).cell("same", baseline()).build();
        ExperimentResult r = ExperimentRunner.run(e);
        for (Indicator i : KEEP) {
            Summary w = r.pairedWindow(1, i);
            if (w.n() == 0) {
                continue; // undefined in every replicate (e.g. a market that never trades)
            }
            assertThat(w.mean()).as(i.key).isZero();
            assertThat(w.sd()).as(i.key).isZero();
            assertThat(w.lo()).as(i.key).isZero();
            assertThat(w.hi()).as(i.key).isZero();
            assertThat(w.excludesZero()).isFalse();
            for (int t = 1; t <= r.ticks(); t++) {
                Summary s = r.pairedAt(1, i, t);
                assertThat(s.n() == 0 || (s.mean() == 0 && s.lo() == 0 && s.hi() == 0)).as(i.key + " tick " + t).isTrue();
            }
        }
        assertThat(r.pairedWindow(1, Indicator.AI_PENETRATION).n()).isEqualTo(4);
    }

    @Test
    void switchingAiOffLowersPenetrationAndAiEnergyWithIntervalsExcludingZero(@TempDir Path dir) throws Exception {
        Experiment e = Experiment.builder().name("known-effect").firms(500).ticks(12).replicates(4).indicators(KEEP)
                .cell("baseline", baseline()).cell("no-ai", baseline().toBuilder().set(Param.byKey("ai.enabled"), 0).build())
                .build();
        ExperimentResult r = ExperimentRunner.run(e, 2, (d, t) -> { });
        // (stage.intelligent barely moves in 12 quarters at this size: few stage-3 upgrades happen that early)
        for (Indicator i : List.of(Indicator.AI_PENETRATION, Indicator.AI_ENERGY_SHARE)) {
            Summary d = r.pairedWindow("no-ai", i);
            assertThat(d.n()).isEqualTo(4);
            assertThat(d.hi()).as(i.key + " " + d).isLessThan(0);
            assertThat(d.excludesZero()).isTrue();
            assertThat(d.lo()).isLessThanOrEqualTo(d.mean());
        }
        Summary base = r.window("baseline", Indicator.AI_PENETRATION);
        assertThat(base.lo()).isLessThanOrEqualTo(base.mean()).isLessThan(base.hi());

        // outputs: long CSVs, JSON, the chart page with one band per cell and the table row marked
        List<Path> files = ExperimentWriter.write(r, dir);
        assertThat(files).allSatisfy(f -> assertThat(f).exists());
        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        assertThat(summary.get(0)).isEqualTo("cell,indicator,tick,quarter,n,mean,sd,lo,hi");
        assertThat(summary).hasSize(1 + 2 * KEEP.size() * 12);
        assertThat(Files.readAllLines(dir.resolve("paired.csv"))).hasSize(1 + KEEP.size() * 12);
        String html = Files.readString(dir.resolve("experiment.html"));
        assertThat(html).contains("<polygon", "stroke-dasharray", "baseline (control)", "<tr class=\"sig\"><td class=\"l\">no-ai</td><td class=\"l\">ai.penetration");
        assertThat(Files.readString(dir.resolve("experiment.json"))).contains("\"seeds\"", "\"paired\"", "\"excludesZero\" : true");
        assertThat(ExperimentWriter.summaryTable(r)).contains("ai.penetration").contains(" *");
    }

    @Test
    void summaryUsesStudentTAndDropsUndefinedValues() {
        Summary s = Summary.of(new double[] {1, 2, 3, Double.NaN});
        assertThat(s.n()).isEqualTo(3);
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.sd()).isEqualTo(1.0);
        // t(0.975, 2) = 4.302653
        assertThat(s.hi() - 2.0).isCloseTo(4.302653 / Math.sqrt(3), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Summary.of(new double[] {5}).lo()).isNaN();
        assertThat(Summary.of(new double[] {Double.NaN}).n()).isZero();
    }
}
