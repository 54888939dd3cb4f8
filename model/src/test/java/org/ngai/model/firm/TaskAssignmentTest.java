package org.ngai.model.firm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ngai.model.core.Factor;
import org.ngai.model.engine.RunSetup;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.Environment;

/** spec §A1 and B1: cost-minimising assignment of tasks to factors. */
class TaskAssignmentTest {

    private static TaskAssignment assignment(double theta) {
        TaskAssignment ta = new TaskAssignment(8);
        ta.sigma = 0.5;
        ta.wageL = 1;
        ta.wageH = 1.8;
        ta.ictProductivity = 1.3;
        ta.ictUnitCost = 0.9 / 1.3;
        ta.ictMinCod = 0.8;
        ta.ictMaxComplexity = 0.5;
        ta.aiPrice = 1;
        ta.aiProductivity = 3;
        ta.aiFixedPerVolume = 0;
        ta.theta = theta;
        ta.thetaPerceived = theta;
        ta.thetaTacit = 0;
        ta.aiAllowedInSector = true;
        ta.augBand = 0.1;
        ta.augIntensity = 0.5;
        ta.augGainHigh = 0.14;
        ta.augGainLow = 0.34;
        ta.outsideLoss = 0.19;
        ta.rampWidth = 0.3;
        ta.rampFloor = 1;
        return ta;
    }

    private static FirmState firm(double[] cod, double[] complexity, int[] skill) {
        FirmState f = new FirmState(1, 0, 0, 8);
        f.taskCount = cod.length;
        for (int i = 0; i < cod.length; i++) {
            f.cod[i] = (float) cod[i];
            f.complexity[i] = (float) complexity[i];
            f.taskSkill[i] = (byte) skill[i];
            f.aiRank[i] = 0.01f;
        }
        return f;
    }

    @Test
    void aiFeasibilityDependsOnCodifiabilityNotOnExplicitComplexity() {
        // B1 (Polanyi/Moravec): a hard but explicit task is automatable, an easy but tacit one is not
        FirmState f = firm(new double[] {0.9, 0.2}, new double[] {0.95, 0.05}, new int[] {0, 0});
        TaskAssignment ta = assignment(0.5);
        ta.run(f, 3, 1.0);
        assertThat(Factor.of(ta.factor[0])).isEqualTo(Factor.AI);
        assertThat(Factor.of(ta.factor[1])).isEqualTo(Factor.L);
    }

    @Test
    void stageGatesTheFactorsAFirmCanUse() {
        FirmState f = firm(new double[] {0.95}, new double[] {0.1}, new int[] {0});
        TaskAssignment ta = assignment(0.5);
        ta.run(f, 0, 0);
        assertThat(Factor.of(ta.factor[0])).isEqualTo(Factor.L);
        ta.run(f, 1, 0);
        assertThat(Factor.of(ta.factor[0])).isEqualTo(Factor.ICT);
        ta.run(f, 3, 1.0);
        assertThat(Factor.of(ta.factor[0])).isEqualTo(Factor.AI);
    }

    @Test
    void eachTaskGoesToItsCheapestFeasibleFactor() {
        FirmState f = firm(new double[] {0.95, 0.62, 0.3, 0.95}, new double[] {0.1, 0.9, 0.9, 0.9},
                new int[] {0, 1, 1, 1});
        TaskAssignment ta = assignment(0.45);
        ta.run(f, 3, 1.0);
        for (int i = 0; i < f.taskCount; i++) {
            double chosen = ta.cost[i];
            assertThat(chosen).isLessThanOrEqualTo(ta.labourCost[i] + 1e-12);
        }
        // 0.62 >= 1 − θ = 0.55 → AI; 0.3 is below the augmentation band 1 − θ − Δ_aug = 0.45 → H
        assertThat(Factor.of(ta.factor[1])).isEqualTo(Factor.AI);
        assertThat(Factor.of(ta.factor[2])).isEqualTo(Factor.H);
    }

    @Test
    void augmentationCoversTheBandBelowTheFrontierAndHelpsNovicesMost() {
        // A1/B1: c in [1−θ−Δ_aug, 1−θ) can only be augmented; gains 0.34 for novices vs 0.14 on average
        FirmState f = firm(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}, new int[] {0, 1});
        TaskAssignment ta = assignment(0.45);
        ta.aiPrice = 0.2;
        ta.run(f, 3, 1.0);
        assertThat(Factor.of(ta.factor[0])).isEqualTo(Factor.LAI);
        assertThat(Factor.of(ta.factor[1])).isEqualTo(Factor.HAI);
        double lowSaving = 1 - ta.cost[0] / ta.labourCost[0];
        double highSaving = 1 - ta.cost[1] / ta.labourCost[1];
        assertThat(lowSaving).isGreaterThan(highSaving).isGreaterThan(0);
        assertThat(ta.augmentedNum).isEqualTo(ta.penetrationNum);
    }

    @Test
    void tasksBeyondTheTrueFrontierLoseProductivity() {
        // B1 jagged frontier: assigned against θ̂ > θ, the task in (θ, θ̂] costs more than planned
        FirmState f = firm(new double[] {0.52}, new double[] {0.5}, new int[] {1});
        TaskAssignment ta = assignment(0.45);
        ta.thetaPerceived = 0.55;
        ta.run(f, 3, 1.0);
        assertThat(Factor.of(ta.factor[0])).isEqualTo(Factor.AI);
        assertThat(ta.outsideTasks).isEqualTo(1);
        assertThat(ta.cost[0]).isEqualTo(1 / 3.0 / (1 - 0.19));
    }

    @Test
    void aiSubstitutesForLowSkillLabourMoreThanForHighSkill() {
        // A1 validation: Allen elasticity σ(AI,L) > σ(AI,H) (KORV: 1.67 vs 0.67). With cost shares fixed,
        // σ(AI,j) ∝ ∂ln n_j/∂ln p_AI, so compare how L and H demand respond to a dearer AI price.
        Scenario s = Scenario.builder().firms(3000).ticks(1).build();
        RunSetup.Initial init = RunSetup.create(s);
        Params p = s.params();
        Environment env = init.environment();
        TaskAssignment ta = new TaskAssignment(p.getInt(Param.TASKS_MAX));
        double[] low = new double[2];
        double[] high = new double[2];
        double[] ai = new double[2];
        for (FirmState f : init.population().firms()) {
            for (int k = 0; k < 2; k++) {
                FirmEconomics.prepare(ta, f, p, env, s.aiType(), 0.9, 0.8, 50);
                ta.theta = 0.8;
                ta.aiPrice *= k == 0 ? 1.0 : 1.1;
                ta.run(f, 3, 1.0);
                double scale = f.employed();
                low[k] += ta.lowPerUnit * scale;
                high[k] += ta.highPerUnit * scale;
                ai[k] += ta.aiPerUnit * scale;
            }
        }
        double dLnP = Math.log(1.1);
        double elasticityL = Math.log(low[1] / low[0]) / dLnP;
        double elasticityH = Math.log(high[1] / high[0]) / dLnP;
        assertThat(ai[1]).isLessThan(ai[0]);
        assertThat(elasticityL).isGreaterThan(0);
        assertThat(elasticityL).isGreaterThan(elasticityH);
    }
}
