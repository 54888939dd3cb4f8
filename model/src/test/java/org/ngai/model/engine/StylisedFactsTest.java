package org.ngai.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;

/**
 * spec §E3: stylised facts a valid run must reproduce, checked on scenario runs (smaller
 * populations than the 10,000-firm baseline, same parameters).
 */
class StylisedFactsTest {
    static final int FIRMS = 3000;

    static Scenario scenario(String name, int ticks) {
        return ScenarioLoader.bundled(name).toBuilder().firms(FIRMS).ticks(ticks).build();
    }

    static double sum(List<TickIndicators> series, Indicator i) {
        double s = 0;
        for (TickIndicators t : series) {
            double v = t.get(i);
            if (!Double.isNaN(v)) {
                s += v;
            }
        }
        return s;
    }

    @Test
    void productivityJCurveMeasuredBelowTrueEarlyAndAboveItLater() {
        // E3.1 (BRS 2021): intangible investment is expensed while the stock it builds is not counted, so
        // true TFP runs ahead of measured TFP while the stock is built and falls behind once it is in use
        List<TickIndicators> s = new ReferenceEngine().run(scenario("baseline", 100)).series();
        double early = s.subList(4, 50).stream().mapToDouble(t -> t.get(Indicator.JCURVE_GAP)).max().orElseThrow();
        assertThat(early).as("gap true − measured in the first decade").isGreaterThan(0);
        assertThat(s.get(99).get(Indicator.JCURVE_GAP)).as("gap after 25 years").isLessThan(0);
    }

    @Test
    void adoptionOfANewStageFollowsAnSShapedBassCurve() {
        // E3.7 / A6.4: h ∝ p_B + q_B·F: adoption speeds up as peers adopt, then slows as it saturates.
        // Start from an almost manual economy with cheap digitalisation so the whole curve fits in 160 ticks.
        Scenario s = ScenarioLoader.bundled("baseline").toBuilder().firms(4000).ticks(160)
                .set(Param.INIT_STAGE_1, 0.02).set(Param.INIT_STAGE_2, 0.005).set(Param.INIT_STAGE_3, 0.005)
                .set(Param.INVEST_1, 0.005).set(Param.INVEST_2, 2).set(Param.INVEST_3, 2).build();
        double[] adopted = new ReferenceEngine().run(s).series().stream()
                .mapToDouble(t -> 1 - t.get(Indicator.STAGE_MANUAL)).toArray();
        // Bass: with p, q per quarter the adoption rate peaks at t* = ln(q/p)/(p+q); compare 10-quarter
        // windows at the start, around t* and at the end
        double pq = s.params().get(Param.BASS_P) / 4;
        double qq = s.params().get(Param.BASS_Q) / 4;
        int peak = (int) Math.round(Math.log(qq / pq) / (pq + qq));
        assertThat(peak).isBetween(15, 100);
        double first = adopted[10] - adopted[0];
        double middle = adopted[peak + 5] - adopted[peak - 5];
        double last = adopted[159] - adopted[149];
        assertThat(middle).as("speeds up").isGreaterThan(first);
        assertThat(last).as("then slows").isLessThan(middle).isLessThan(first);
        assertThat(adopted[159]).isGreaterThan(0.85);
    }

    @Test
    void automationDisplacesLabourAndNewTasksReinstateIt() {
        // E3.2 (AR 2019): displacement lowers labour's share of production costs, new tasks raise it
        Scenario base = scenario("fast-ai-progress", 40);
        List<TickIndicators> with = new ReferenceEngine().run(base).series();
        List<TickIndicators> without = new ReferenceEngine().run(base.toBuilder()
                .set(Param.NEW_TASK_BASE, 0).set(Param.NEW_TASK_AI, 0).build()).series();
        assertThat(sum(with, Indicator.DISPLACEMENT)).isGreaterThan(0);
        assertThat(sum(with, Indicator.REINSTATEMENT)).isGreaterThan(0);
        assertThat(sum(without, Indicator.REINSTATEMENT)).isZero();
        assertThat(with.get(39).get(Indicator.LABOUR_COST_SHARE)).isLessThan(with.get(0).get(Indicator.LABOUR_COST_SHARE));
        assertThat(with.get(39).get(Indicator.LABOUR_COST_SHARE)).isGreaterThan(without.get(39).get(Indicator.LABOUR_COST_SHARE));
        assertThat(with.get(39).get(Indicator.LABOUR_SHARE)).isLessThan(with.get(0).get(Indicator.LABOUR_SHARE));
    }

    @Test
    void skillPremiumRisesWithAiCapital() {
        // E3.4 (KORV 2000): AI capital needs skilled operators, so with the supply of skills held fixed
        // (no training) the premium ends above the frozen-AI counterfactual, and low-skill unemployment rises more
        Scenario fast = scenario("fast-ai-progress", 40).toBuilder()
                .set(Param.TRAIN_BASE, 0).set(Param.TRAIN_WAGE, 0).build();
        TickIndicators ai = new ReferenceEngine().run(fast).last();
        TickIndicators frozen = new ReferenceEngine().run(fast.toBuilder().set(Param.AI_FROZEN, 1).build()).last();
        assertThat(ai.get(Indicator.AI_PENETRATION)).isGreaterThan(frozen.get(Indicator.AI_PENETRATION));
        assertThat(ai.get(Indicator.SKILL_PREMIUM)).isGreaterThan(frozen.get(Indicator.SKILL_PREMIUM));
        assertThat(ai.get(Indicator.UNEMPLOYMENT_LOW) - frozen.get(Indicator.UNEMPLOYMENT_LOW))
                .isGreaterThan(ai.get(Indicator.UNEMPLOYMENT_HIGH) - frozen.get(Indicator.UNEMPLOYMENT_HIGH));
    }

    @Test
    void laggingRegionSubsidyLowersRegionalTheilRelativeToBaseline() {
        // spec §D: subsidies outside the JJJ/YRD/PRD clusters spread intelligent firms more evenly
        TickIndicators base = new ReferenceEngine().run(scenario("baseline", 40)).last();
        TickIndicators lever = new ReferenceEngine().run(scenario("lagging-region-subsidy", 40)).last();
        assertThat(lever.get(Indicator.INTELLIGENT_THEIL)).isLessThan(base.get(Indicator.INTELLIGENT_THEIL));
        assertThat(lever.get(Indicator.INTELLIGENT_CR3)).isLessThan(base.get(Indicator.INTELLIGENT_CR3));
    }

    @Test
    void financingSupportLowersFastDeathsAndRaisesAdoption() {
        // "transforming = seeking death" (转型找死): both death types occur; financing support cuts the fast kind
        List<TickIndicators> base = new ReferenceEngine().run(scenario("baseline", 40)).series();
        List<TickIndicators> lever = new ReferenceEngine().run(scenario("financing-support", 40)).series();
        assertThat(sum(base, Indicator.FAST_DEATHS)).isGreaterThan(0);
        assertThat(sum(base, Indicator.SLOW_DEATHS)).isGreaterThan(0);
        assertThat(sum(lever, Indicator.FAST_DEATHS)).isLessThan(sum(base, Indicator.FAST_DEATHS));
        assertThat(sum(lever, Indicator.UPGRADES)).isGreaterThan(sum(base, Indicator.UPGRADES));
        assertThat(sum(lever, Indicator.FAILED_FINANCE)).isLessThan(sum(base, Indicator.FAILED_FINANCE));
    }

    @Test
    void aiCreditScoringTurnsThePoolingFinanceMarketIntoASeparatingOne() {
        // B3: raising the disguise cost through AI screening (κ_C,FIN) flips pooling (no trade) into separation
        List<TickIndicators> base = new ReferenceEngine().run(scenario("baseline", 40)).series();
        List<TickIndicators> lever = new ReferenceEngine().run(scenario("financing-support", 40)).series();
        assertThat(base.get(0).get(Indicator.FIN_SEPARATING)).isZero();
        assertThat(lever.get(0).get(Indicator.FIN_SEPARATING)).isZero();
        assertThat(lever.get(39).get(Indicator.FIN_SEPARATING)).isGreaterThan(0.9);
        assertThat(base.get(39).get(Indicator.FIN_SEPARATING)).isLessThan(0.5);
        assertThat(sum(lever, Indicator.CREDIT_GRANTED)).isGreaterThan(sum(base, Indicator.CREDIT_GRANTED));
    }

    @Test
    void regionalPatternMovesFromPolarisationToDiffusion() {
        // E3.9: CR3 of AI firms 87.64% → 84.23%; Beijing and Guangdong stay on top
        List<TickIndicators> s = new ReferenceEngine().run(scenario("baseline", 20)).series();
        assertThat(s.get(19).get(Indicator.VENDOR_CR3)).isLessThan(s.get(0).get(Indicator.VENDOR_CR3));
        assertThat(s.get(19).get(Indicator.VENDOR_THEIL)).isLessThan(s.get(0).get(Indicator.VENDOR_THEIL));
    }

    @Test
    void aiElectricityDemandRisesDespiteEfficiencyGains() {
        // E3.14 (IEA 2025)
        List<TickIndicators> s = new ReferenceEngine().run(scenario("baseline", 40)).series();
        assertThat(s.get(39).get(Indicator.AI_ENERGY)).isGreaterThan(s.get(0).get(Indicator.AI_ENERGY));
    }

    @Test
    void recursiveSyntheticDataCollapsesModelQuality() {
        // E3.15 (Shumailov 2024): within s_max synthetic data helps; beyond it quality falls below baseline
        double base = new ReferenceEngine().run(scenario("baseline", 20)).last().get(Indicator.Q_AI);
        double safe = new ReferenceEngine().run(scenario("synthetic-data", 20)).last().get(Indicator.Q_AI);
        double overuse = new ReferenceEngine().run(scenario("synthetic-data-overuse", 20)).last().get(Indicator.Q_AI);
        assertThat(safe).isGreaterThan(base);
        assertThat(overuse).isLessThan(base);
    }

    @Test
    void exportControlShockCreatesAComputeShortfallAndAPriceSpike() {
        // spec §C chokepoints: imported compute cut at tick 17
        List<TickIndicators> base = new ReferenceEngine().run(scenario("baseline", 24)).series();
        List<TickIndicators> shock = new ReferenceEngine().run(scenario("export-control-shock", 24)).series();
        assertThat(shock.get(15).get(Indicator.IMPORT_SHARE)).isEqualTo(base.get(15).get(Indicator.IMPORT_SHARE));
        assertThat(shock.get(17).get(Indicator.IMPORT_SHARE)).isLessThan(base.get(17).get(Indicator.IMPORT_SHARE));
        assertThat(shock.get(17).get(Indicator.P_AI)).isGreaterThan(base.get(17).get(Indicator.P_AI));
    }
}
