package org.ngai.model.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;

/**
 * Every policy lever moves the indicators its scenario file names in the direction the specification
 * (§D) states: each lever is run as a replicated experiment against the baseline with common random
 * numbers, and the paired 95% confidence interval of the effect must lie on the stated side of zero.
 *
 * <p>Size and seeds are properties so the same claim can be checked elsewhere, e.g.
 * {@code -Dngai.levers.firms=1000 -Dngai.levers.seed=7 -Dngai.levers.replicates=12}. The default
 * (2,000 firms × 60 quarters × 8 replicates of 26 scenarios) takes about a minute on two cores.
 */
class LeverEffectsTest {

    @Test
    void everyLeverMovesItsIndicatorsTheWayTheSpecificationSays() {
        int firms = Integer.getInteger("ngai.levers.firms", 2000);
        int replicates = Integer.getInteger("ngai.levers.replicates", 8);
        Scenario baseline = ScenarioLoader.bundled("baseline");
        long seed = Long.getLong("ngai.levers.seed", baseline.seed());
        List<Scenario> levers = new ArrayList<>();
        for (String name : ScenarioLoader.bundledNames()) {
            Scenario s = ScenarioLoader.bundled(name);
            if (!s.expectations().isEmpty()) {
                levers.add(s);
            }
        }
        assertThat(levers).as("lever scenarios with an expect: block").hasSizeGreaterThanOrEqualTo(20);
        Experiment.Builder b = Experiment.builder().name("levers").replicates(replicates).firms(firms)
                .baseSeed(seed).cell("baseline", baseline).control("baseline")
                .indicators(ExpectationCheck.indicators(levers));
        for (Scenario s : levers) {
            b.cell(s);
        }
        ExperimentResult result = ExperimentRunner.run(b.build());
        List<String> failed = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (Scenario s : levers) {
            for (ExpectationCheck.Outcome o : ExpectationCheck.check(s, result)) {
                String line = s.name() + ": " + o.describe();
                all.append(line).append('\n');
                if (!o.pass()) {
                    failed.add(line);
                }
            }
        }
        System.out.printf("lever effects, %d firms, %d replicates, base seed %d:%n%s", firms, replicates, seed, all);
        assertThat(failed).as("expectations whose paired 95%% CI does not exclude zero in the stated direction "
                + "(%d firms, %d replicates, base seed %d)", firms, replicates, seed).isEmpty();
    }
}
