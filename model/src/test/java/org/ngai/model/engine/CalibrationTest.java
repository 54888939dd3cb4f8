package org.ngai.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.model.core.Region;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.ScenarioLoader;

/**
 * spec §E1/E2 calibration anchors on the baseline (full 10,000-firm population, 20 quarters).
 * Bands are the tolerances docs/calibration.md states; the figures themselves are printed by
 * {@code ngai run} and reported there.
 */
class CalibrationTest {
    static List<TickIndicators> series;

    @BeforeAll
    static void run() {
        series = new ReferenceEngine().run(ScenarioLoader.bundled("baseline").toBuilder().ticks(20).build()).series();
    }

    @Test
    void initialStageMixIsCmmm2020() {
        TickIndicators t0 = series.get(0);
        assertThat(t0.get(Indicator.STAGE_MANUAL)).isCloseTo(0.75, within(0.02));
        assertThat(t0.get(Indicator.STAGE_DIGITALISED)).isCloseTo(0.14, within(0.02));
        assertThat(t0.get(Indicator.STAGE_NETWORKED)).isCloseTo(0.06, within(0.01));
        assertThat(t0.get(Indicator.STAGE_INTELLIGENT)).isCloseTo(0.05, within(0.01));
    }

    @Test
    void exposureAndCostEffectivenessMatchEloundouAndSvanberg() {
        TickIndicators t0 = series.get(0);
        assertThat(t0.get(Indicator.EXPOSURE_50)).isCloseTo(0.19, within(0.04));
        assertThat(t0.get(Indicator.EXPOSURE_10)).isCloseTo(0.80, within(0.05));
        assertThat(t0.get(Indicator.COST_EFFECTIVE)).isCloseTo(0.23, within(0.07));
    }

    @Test
    void aiFirmsStartConcentratedInTheThreeClustersWithBeijingAndGuangdongOnTop() {
        TickIndicators t0 = series.get(0);
        assertThat(t0.get(Indicator.VENDOR_CR3)).isCloseTo(0.8764, within(0.01));
        double bj = t0.region(Indicator.VENDOR_SHARE, Region.byCode("BJ").index());
        double gd = t0.region(Indicator.VENDOR_SHARE, Region.byCode("GD").index());
        for (Region r : Region.ALL) {
            if (!r.code().equals("BJ") && !r.code().equals("GD")) {
                assertThat(t0.region(Indicator.VENDOR_SHARE, r.index())).isLessThan(Math.min(bj, gd));
            }
        }
    }

    @Test
    void by2024TheAiIndustryHasAbout4500FirmsAnd600BnYuanAndCr3NearItsTarget() {
        TickIndicators y2024 = series.get(16);
        assertThat(y2024.quarter()).isEqualTo("2024Q1");
        assertThat(y2024.get(Indicator.VENDORS)).isBetween(3500.0, 5500.0);
        assertThat(y2024.get(Indicator.AI_REVENUE_BN)).isBetween(400.0, 800.0);
        assertThat(y2024.get(Indicator.VENDOR_CR3)).isCloseTo(0.8423, within(0.03));
    }

    @Test
    void unemploymentStaysNearTheUrbanRateAndTheAllocativeGapNearHsiehKlenow() {
        for (TickIndicators t : series) {
            assertThat(t.get(Indicator.UNEMPLOYMENT)).isBetween(0.03, 0.09);
        }
        // full equalisation would raise TFP 30–50% at t0 (ln 1.3 = 0.26 .. ln 1.5 = 0.41)
        assertThat(series.get(0).get(Indicator.ALLOCATIVE_GAP)).isBetween(0.22, 0.45);
    }
}
