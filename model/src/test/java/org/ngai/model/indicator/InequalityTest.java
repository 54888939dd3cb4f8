package org.ngai.model.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ngai.model.testing.Cases.anyDoubles;
import static org.ngai.model.testing.Cases.anyInts;
import static org.ngai.model.testing.Cases.doubleArrays;
import static org.ngai.model.testing.Cases.doubles;
import static org.ngai.model.testing.Cases.intArrays;
import static org.ngai.model.testing.Cases.ints;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ngai.model.testing.Cases;

class InequalityTest {

    @Test
    void distributionProportionalToPopulationHasZeroTheilAndEqualValuesZeroGini() {
        assertThat(Inequality.theil(new double[] {2, 4, 6}, new double[] {1, 2, 3})).isCloseTo(0.0, within(1e-15));
        assertThat(Inequality.gini(new double[] {5, 5, 5, 5})).isZero();
        assertThat(Inequality.hhi(new double[] {1, 1, 1, 1})).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void everythingInOneOfNUnitsGivesTheilLnNAndGiniNMinusOneOverN() {
        int n = 5;
        double[] x = new double[n];
        x[2] = 7.0;
        double[] pop = new double[n];
        Arrays.fill(pop, 3.0);
        assertThat(Inequality.theil(x, pop)).isCloseTo(Math.log(n), within(1e-12));
        assertThat(Inequality.gini(x)).isCloseTo((n - 1.0) / n, within(1e-12));
        assertThat(Inequality.hhi(x)).isEqualTo(1.0);
    }

    @Test
    void handCheckedSmallExamples() {
        // x = (1, 3), N = (1, 1): 0.25 ln(0.25/0.5) + 0.75 ln(0.75/0.5) = -0.173287 + 0.304099 = 0.130812
        assertThat(Inequality.theil(new double[] {1, 3}, new double[] {1, 1})).isCloseTo(0.130812, within(1e-6));
        // Gini(1, 3): sum over ordered pairs |xi - xj| = 4; 2 n^2 mu = 2 * 4 * 2 = 16 -> 0.25
        assertThat(Inequality.gini(new double[] {1, 3})).isCloseTo(0.25, within(1e-15));
        // Gini(1, 2, 3, 4): unordered diffs 1+2+3+1+2+1 = 10 -> 20 / (2 * 16 * 2.5) = 0.25
        assertThat(Inequality.gini(new double[] {4, 1, 3, 2})).isCloseTo(0.25, within(1e-15));
        // weighted (1 w=1, 3 w=3) = unweighted (1, 3, 3, 3): 12 / (2 * 16 * 2.5) = 0.15
        assertThat(Inequality.gini(new double[] {1, 3}, new double[] {1, 3})).isCloseTo(0.15, within(1e-15));
        // HHI(1, 3) = 0.25^2 + 0.75^2 = 0.625
        assertThat(Inequality.hhi(new double[] {1, 3})).isCloseTo(0.625, within(1e-15));
        // zero-x units contribute nothing; no X at all is undefined
        assertThat(Inequality.theil(new double[] {0, 1, 3}, new double[] {0, 1, 1})).isCloseTo(0.130812, within(1e-6));
        assertThat(Inequality.theil(new double[] {0, 0}, new double[] {1, 1})).isNaN();
    }

    @Test
    void theilSplitsExactlyIntoBetweenAndWithinMacroAreas() {
        // x = (1, 1, 2, 4), N = 1 each, groups {0, 1} {2, 3}
        // between: group totals (2, 6) vs (2, 2) = 0.130812
        // within: group 0 equal -> 0; group 1 (2, 4): 1/3 ln(2/3) + 2/3 ln(4/3) = 0.056633, weight 6/8 -> 0.042475
        // total: ln(2)/4 = 0.173287
        Inequality.TheilDecomposition d = Inequality.theilDecomposition(new double[] {1, 1, 2, 4},
                new double[] {1, 1, 1, 1}, new int[] {0, 0, 1, 1});
        assertThat(d.between()).isCloseTo(0.130812, within(1e-6));
        assertThat(d.within()).isCloseTo(0.042475, within(1e-6));
        assertThat(d.total()).isCloseTo(Math.log(2) / 4, within(1e-12));
        assertThat(d.between() + d.within()).isCloseTo(d.total(), within(1e-12));
    }

    @Test
    void theilDecompositionIdentityHoldsForAnyGrouping() {
        Cases.forAll("InequalityTest.theilDecompositionIdentityHoldsForAnyGrouping", 1000,
                doubleArrays(anyDoubles(), 1, 31), ints(1, 4),
                this::theilDecompositionIdentityHoldsForAnyGrouping);
    }

    void theilDecompositionIdentityHoldsForAnyGrouping(double[] raw, int groups) {
        double[] x = new double[raw.length];
        double[] n = new double[raw.length];
        int[] g = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            x[i] = Double.isFinite(raw[i]) ? Math.min(Math.abs(raw[i]), 1e6) : 0.0;
            n[i] = 1.0 + i % 7;
            g[i] = (i * 7 + 3) % groups;
        }
        x[0] += 1.0;
        Inequality.TheilDecomposition d = Inequality.theilDecomposition(x, n, g);
        assertThat(d.between() + d.within()).isCloseTo(d.total(), within(1e-12));
        assertThat(d.between()).isGreaterThanOrEqualTo(-1e-15);
        assertThat(d.within()).isGreaterThanOrEqualTo(-1e-15);
    }

    @Test
    void indicesAreScaleInvariant() {
        Cases.forAll("InequalityTest.indicesAreScaleInvariant", 1000,
                doubleArrays(anyDoubles(), 2, 20), doubles(0.001, 1000, 4),
                this::indicesAreScaleInvariant);
    }

    void indicesAreScaleInvariant(double[] raw, double k) {
        double[] x = new double[raw.length];
        double[] n = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            x[i] = Double.isFinite(raw[i]) ? Math.min(Math.abs(raw[i]), 1e6) : 0.0;
            n[i] = 1.0 + i;
        }
        x[0] += 1.0;
        double[] kx = Arrays.stream(x).map(v -> k * v).toArray();
        double[] kn = Arrays.stream(n).map(v -> k * v).toArray();
        assertThat(Inequality.theil(kx, n)).isCloseTo(Inequality.theil(x, n), within(1e-9));
        assertThat(Inequality.theil(x, kn)).isCloseTo(Inequality.theil(x, n), within(1e-9));
        assertThat(Inequality.gini(kx)).isCloseTo(Inequality.gini(x), within(1e-9));
        assertThat(Inequality.gini(x, kn)).isCloseTo(Inequality.gini(x, n), within(1e-9));
        assertThat(Inequality.hhi(kx)).isCloseTo(Inequality.hhi(x), within(1e-9));
        assertThat(Inequality.hhi(x)).isBetween(1.0 / x.length - 1e-12, 1.0 + 1e-12);
    }

    @Test
    void weightedGiniEqualsGiniOfReplicatedValues() {
        Cases.forAll("InequalityTest.weightedGiniEqualsGiniOfReplicatedValues", 1000, intArrays(anyInts(), 1, 8),
                this::weightedGiniEqualsGiniOfReplicatedValues);
    }

    void weightedGiniEqualsGiniOfReplicatedValues(int[] counts) {
        double[] values = new double[counts.length];
        double[] weights = new double[counts.length];
        int total = 0;
        for (int i = 0; i < counts.length; i++) {
            weights[i] = Math.floorMod(counts[i], 5) + 1;
            values[i] = Math.floorMod(counts[i] * 31 + i, 17);
            total += (int) weights[i];
        }
        double[] replicated = new double[total];
        int k = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int c = 0; c < weights[i]; c++) {
                replicated[k++] = values[i];
            }
        }
        assertThat(Inequality.gini(values, weights)).isCloseTo(Inequality.gini(replicated), within(1e-12));
    }

    @Test
    void cr3IsTheShareOfTheThreeClusters() {
        // spec §C initial AI-vendor shares: BJ 29.73 (JJJ), GD 26.39 (PRD), SH 14.07, ZJ 8.81, JS 6.56 (YRD),
        // rest 14.44 outside the clusters -> CR3 = 85.56%
        double[] x = {29.73, 26.39, 14.07, 8.81, 6.56, 14.44};
        boolean[] cluster = {true, true, true, true, true, false};
        assertThat(Inequality.share(x, cluster)).isCloseTo(0.8556, within(1e-12));
        assertThat(Inequality.share(new double[] {0, 0}, new boolean[] {true, false})).isNaN();
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> Inequality.theil(new double[] {1, 2, 3}, new double[] {1, 1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n[2]");
        assertThatThrownBy(() -> Inequality.theil(new double[] {1, -2}, new double[] {1, 1}))
                .hasMessageContaining("x[1]");
        assertThatThrownBy(() -> Inequality.gini(new double[] {}))
                .hasMessageContaining("values");
        assertThatThrownBy(() -> Inequality.gini(new double[] {1, 2}, new double[] {0, 0}))
                .hasMessageContaining("weights");
        assertThatThrownBy(() -> Inequality.theilDecomposition(new double[] {1}, new double[] {1}, new int[] {0, 1}))
                .hasMessageContaining("group");
        assertThatThrownBy(() -> Inequality.share(new double[] {1}, new boolean[] {true, false}))
                .hasMessageContaining("mask");
    }
}
