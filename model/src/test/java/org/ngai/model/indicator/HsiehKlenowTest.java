package org.ngai.model.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ngai.model.testing.Cases.anyDoubles;
import static org.ngai.model.testing.Cases.doubleArrays;
import static org.ngai.model.testing.Cases.doubles;

import org.junit.jupiter.api.Test;
import org.ngai.model.testing.Cases;

class HsiehKlenowTest {
    private static final double EPS = HsiehKlenow.DEFAULT_EPSILON;

    @Test
    void noWedgeDispersionMeansNoAllocativeGap() {
        double[] a = {1.0, 2.0, 0.5};
        double[] w = {1, 3, 2};
        double[] tfpr = {1.7, 1.7, 1.7};
        // efficient TFP: (1*1 + 3*4 + 2*0.25)^(1/2) = sqrt(13.5) = 3.674235
        assertThat(HsiehKlenow.efficientTfp(a, w, EPS)).isCloseTo(3.674235, within(1e-6));
        assertThat(HsiehKlenow.sectorTfp(a, tfpr, w, EPS)).isCloseTo(3.674235, within(1e-6));
        assertThat(HsiehKlenow.allocativeGap(a, tfpr, w, EPS)).isCloseTo(0.0, within(1e-12));
        assertThat(HsiehKlenow.meanTfpr(a, tfpr, w, EPS)).isCloseTo(1.7, within(1e-12));
    }

    @Test
    void twoFirmClosedFormMatchesHsiehKlenowVarianceApproximation() {
        // A = (1, 1), TFPR = (e^-s, e^s), eps = 3. Revenue shares prop. to TFPR^-2 -> TFPR_bar = cosh 2s / cosh 3s,
        // TFP^2 = 2 cosh^3(2s) / cosh^2(3s), efficient^2 = 2, so gap = ln cosh 3s - 1.5 ln cosh 2s.
        // s = 0.1: 0.044340 - 1.5 * 0.019868 = 0.014539, close to HK's lognormal (eps/2) var(ln TFPR) = 0.015.
        double s = 0.1;
        double gap = HsiehKlenow.allocativeGap(new double[] {1, 1}, new double[] {Math.exp(-s), Math.exp(s)},
                new double[] {1, 1}, EPS);
        assertThat(gap).isCloseTo(0.014539, within(1e-6));
        assertThat(gap).isCloseTo(1.5 * s * s, within(0.001));
    }

    @Test
    void gapGrowsWithWedgeDispersion() {
        double[] a = {1.0, 1.5, 0.8, 1.2};
        double[] w = {1, 1, 1, 1};
        double[] shape = {-1.0, 0.5, 1.0, -0.5};
        double previous = -1.0;
        for (double sigma : new double[] {0.0, 0.1, 0.2, 0.4, 0.8}) {
            double[] tfpr = new double[4];
            for (int i = 0; i < 4; i++) {
                tfpr[i] = Math.exp(sigma * shape[i]);
            }
            double gap = HsiehKlenow.allocativeGap(a, tfpr, w, EPS);
            assertThat(gap).isGreaterThan(previous);
            previous = gap;
        }
        assertThat(previous).isGreaterThan(0.1);
    }

    @Test
    void onlyRelativeWedgesMatterAndWeightsActLikeFirmCounts() {
        double[] a = {1.0, 2.0};
        double[] tfpr = {1.0, 1.5};
        double gap = HsiehKlenow.allocativeGap(a, tfpr, new double[] {2, 1}, EPS);
        assertThat(HsiehKlenow.allocativeGap(a, new double[] {3.0, 4.5}, new double[] {2, 1}, EPS))
                .isCloseTo(gap, within(1e-12));
        // weight 2 on firm 0 equals two copies of firm 0
        assertThat(HsiehKlenow.allocativeGap(new double[] {1.0, 1.0, 2.0}, new double[] {1.0, 1.0, 1.5},
                new double[] {1, 1, 1}, EPS)).isCloseTo(gap, within(1e-12));
    }

    @Test
    void actualTfpNeverExceedsEfficientTfp() {
        Cases.forAll("HsiehKlenowTest.actualTfpNeverExceedsEfficientTfp", 1000,
                doubleArrays(anyDoubles(), 1, 12), doubles(1.5, 6.0),
                this::actualTfpNeverExceedsEfficientTfp);
    }

    void actualTfpNeverExceedsEfficientTfp(double[] raw, double epsilon) {
        int n = raw.length;
        double[] a = new double[n];
        double[] tfpr = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double r = Double.isFinite(raw[i]) ? Math.abs(raw[i]) % 3.0 : 1.0;
            a[i] = 0.2 + r;
            tfpr[i] = Math.exp(0.5 * Math.sin(7 * r + i));
            w[i] = 1 + (i % 3);
        }
        double actual = HsiehKlenow.sectorTfp(a, tfpr, w, epsilon);
        double efficient = HsiehKlenow.efficientTfp(a, w, epsilon);
        assertThat(actual).isLessThanOrEqualTo(efficient * (1 + 1e-12));
        assertThat(HsiehKlenow.allocativeGap(a, tfpr, w, epsilon)).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> HsiehKlenow.sectorTfp(new double[] {1}, new double[] {0}, new double[] {1}, EPS))
                .hasMessageContaining("tfpr[0]");
        assertThatThrownBy(() -> HsiehKlenow.efficientTfp(new double[] {1}, new double[] {1}, 1.0))
                .hasMessageContaining("epsilon");
        assertThatThrownBy(() -> HsiehKlenow.efficientTfp(new double[] {1, 2}, new double[] {0, 0}, EPS))
                .hasMessageContaining("weights");
        assertThatThrownBy(() -> HsiehKlenow.efficientTfp(new double[] {}, new double[] {}, EPS))
                .hasMessageContaining("physicalProductivityA");
    }
}
