package org.ngai.model.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ngai.model.testing.Cases.anyLongs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ngai.model.testing.Cases;

class DeferredAcceptanceTest {

    @Test
    void handCheckedThreeFirmsTwoHolders() {
        // firm prefs: f0 h0>h1, f1 h1>h0, f2 h0>h1; holder prefs: h0 f2>f0>f1, h1 f1>f0>f2.
        // DA: f0->h0, f1->h1, f2->h0 displaces f0, f0->h1 rejected (h1 keeps f1) => [-1, 1, 0]
        double[][] s = {{5, 3}, {4, 6}, {6, 2}};
        int[] cap = {1, 1};
        int[] a = DeferredAcceptance.match(s, cap);
        assertThat(a).containsExactly(-1, 1, 0);
        DeferredAcceptance.Evaluation e = DeferredAcceptance.evaluate(s, a, cap);
        // realised 6 + 6 = 12; best alternative f0-h0 + f1-h1 = 11, so oracle = 12
        assertThat(e.realisedSurplus()).isEqualTo(12.0);
        assertThat(e.oracleSurplus()).isEqualTo(12.0);
        assertThat(e.efficiency()).isEqualTo(1.0);
        assertThat(e.blockingPairRate()).isZero();
        assertThat(e.oracleExact()).isTrue();
    }

    @Test
    void stableMatchingCanLeaveSurplusOnTheTableEvenWithPerfectInformation() {
        // f0: h0 = 10, h1 = 9; f1: h0 = 9, h1 unacceptable. DA gives f0-h0 (10) and leaves f1 out;
        // the oracle pairs f0-h1 and f1-h0 for 18, so efficiency = 10/18 = 0.5556
        double[][] s = {{10, 9}, {9, 0}};
        int[] cap = {1, 1};
        int[] a = DeferredAcceptance.match(s, cap);
        assertThat(a).containsExactly(0, -1);
        DeferredAcceptance.Evaluation e = DeferredAcceptance.evaluate(s, a, cap);
        assertThat(e.oracleSurplus()).isEqualTo(18.0);
        assertThat(e.efficiency()).isCloseTo(10.0 / 18.0, within(1e-12));
        assertThat(e.blockingPairRate()).isZero();
    }

    @Test
    void manyToOneRespectsCapacityAndTieBreaksToLowerIndex() {
        // all firms value the single holder equally; capacity 2 -> firms 0 and 1 win the tie
        double[][] s = {{1.0}, {1.0}, {1.0}};
        assertThat(DeferredAcceptance.match(s, new int[] {2})).containsExactly(0, 0, -1);
        assertThat(DeferredAcceptance.match(s, new int[] {0})).containsExactly(-1, -1, -1);
        // NaN and non-positive estimates are unacceptable to both sides
        double[][] t = {{Double.NaN, 2.0}, {-1.0, 0.0}};
        assertThat(DeferredAcceptance.match(t, new int[] {1, 1})).containsExactly(1, -1);
    }

    @Test
    void truthfulEstimatesGiveHighEfficiencyAndNoBlockingPairs() {
        double sum = 0.0;
        for (int seed = 0; seed < 100; seed++) {
            double[][] s = uniform(new SplittableRandom(seed), 20, 10);
            int[] cap = filled(10, 2);
            DeferredAcceptance.Evaluation e = DeferredAcceptance.evaluate(s, DeferredAcceptance.match(s, cap), cap);
            assertThat(e.blockingPairRate()).isZero();
            sum += e.efficiency();
        }
        assertThat(sum / 100).isGreaterThan(0.9);
    }

    @Test
    void estimationNoiseLowersExpectedEfficiencyAndCreatesBlockingPairs() {
        // spec §B4: s_hat = s + eps, eps ~ N(0, sigma^2 (1 - S)); less AI screening = more noise
        double[] sigmas = {0.0, 0.2, 0.5, 1.0};
        double[] eff = new double[sigmas.length];
        double[] blocking = new double[sigmas.length];
        int seeds = 200;
        for (int k = 0; k < sigmas.length; k++) {
            for (int seed = 0; seed < seeds; seed++) {
                SplittableRandom rng = new SplittableRandom(seed);
                double[][] s = uniform(rng, 20, 10);
                double[][] est = new double[20][10];
                for (int i = 0; i < 20; i++) {
                    for (int j = 0; j < 10; j++) {
                        est[i][j] = s[i][j] + sigmas[k] * rng.nextGaussian();
                    }
                }
                int[] cap = filled(10, 2);
                DeferredAcceptance.Evaluation e = DeferredAcceptance.evaluate(s, DeferredAcceptance.match(est, cap), cap);
                eff[k] += e.efficiency() / seeds;
                blocking[k] += e.blockingPairRate() / seeds;
            }
        }
        for (int k = 1; k < sigmas.length; k++) {
            assertThat(eff[k]).as("efficiency at sigma=" + sigmas[k]).isLessThan(eff[k - 1]);
            assertThat(blocking[k]).as("blocking rate at sigma=" + sigmas[k]).isGreaterThan(blocking[k - 1]);
        }
    }

    @Test
    void deferredAcceptanceIsStableAndRespectsCapacity() {
        Cases.forAll("DeferredAcceptanceTest.deferredAcceptanceIsStableAndRespectsCapacity", 300, anyLongs(),
                this::deferredAcceptanceIsStableAndRespectsCapacity);
    }

    void deferredAcceptanceIsStableAndRespectsCapacity(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = rng.nextInt(0, 8);
        int m = rng.nextInt(1, 5);
        double[][] est = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double r = rng.nextDouble();
                // coarse values force ties; some NaN and non-positive entries are unacceptable
                est[i][j] = r < 0.1 ? Double.NaN : rng.nextInt(-2, 6) * 0.5;
            }
        }
        int[] cap = new int[m];
        for (int j = 0; j < m; j++) {
            cap[j] = rng.nextInt(0, 4);
        }
        int[] a = DeferredAcceptance.match(est, cap);
        int[] load = new int[m];
        for (int i = 0; i < n; i++) {
            if (a[i] >= 0) {
                load[a[i]]++;
                assertThat(est[i][a[i]]).as("individually rational").isGreaterThan(0.0);
            }
        }
        for (int j = 0; j < m; j++) {
            assertThat(load[j]).isLessThanOrEqualTo(cap[j]);
        }
        assertThat(blockingPairs(est, a, cap)).isZero();
        assertThat(DeferredAcceptance.match(est, cap)).as("deterministic").containsExactly(a);
    }

    @Test
    void exactOracleEqualsBruteForceOnTinyInstances() {
        Cases.forAll("DeferredAcceptanceTest.exactOracleEqualsBruteForceOnTinyInstances", 300, anyLongs(),
                this::exactOracleEqualsBruteForceOnTinyInstances);
    }

    void exactOracleEqualsBruteForceOnTinyInstances(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = rng.nextInt(1, 6);
        int m = rng.nextInt(1, 4);
        double[][] s = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                s[i][j] = rng.nextDouble(-1.0, 3.0);
            }
        }
        int[] cap = new int[m];
        for (int j = 0; j < m; j++) {
            cap[j] = rng.nextInt(0, 3); // often fewer slots than proposers: exercises both orientations
        }
        DeferredAcceptance.Evaluation e = DeferredAcceptance.evaluate(s, unmatched(n), cap);
        assertThat(e.oracleExact()).isTrue();
        assertThat(e.oracleSurplus()).isCloseTo(bruteForce(s, cap, 0, new int[m]), within(1e-9));
    }

    @Test
    void largeInstancesFallBackToGreedyOracle() {
        SplittableRandom rng = new SplittableRandom(7);
        double[][] s = uniform(rng, 600, 500);
        int[] cap = filled(500, 1);
        int[] a = DeferredAcceptance.match(s, cap);
        DeferredAcceptance.Evaluation e = DeferredAcceptance.evaluate(s, a, cap);
        assertThat(e.oracleExact()).isFalse();
        assertThat(e.oracleSurplus()).isGreaterThanOrEqualTo(e.realisedSurplus());
        assertThat(e.blockingPairRate()).isZero();
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> DeferredAcceptance.match(new double[][] {{1, 2}}, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("estimated[0]");
        assertThatThrownBy(() -> DeferredAcceptance.match(new double[][] {{1}}, new int[] {-1}))
                .hasMessageContaining("capacity[0]");
        assertThatThrownBy(() -> DeferredAcceptance.match(new double[][] {{Double.POSITIVE_INFINITY}}, new int[] {1}))
                .hasMessageContaining("estimated[0][0]");
        assertThatThrownBy(() -> DeferredAcceptance.evaluate(new double[][] {{1}, {1}}, new int[] {0, 0}, new int[] {1}))
                .hasMessageContaining("capacity[0]");
        assertThatThrownBy(() -> DeferredAcceptance.evaluate(new double[][] {{Double.NaN}}, new int[] {0}, new int[] {1}))
                .hasMessageContaining("trueSurplus[0][0]");
        assertThatThrownBy(() -> DeferredAcceptance.evaluate(new double[][] {{1}}, new int[] {3}, new int[] {1}))
                .hasMessageContaining("assignment[0]");
    }

    // ---- independent helpers ----

    private static int[] unmatched(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, -1);
        return a;
    }

    /** Blocking pairs w.r.t. the given (estimated) preferences, with the documented tie rule. */
    private static int blockingPairs(double[][] est, int[] a, int[] cap) {
        int count = 0;
        for (int i = 0; i < est.length; i++) {
            for (int j = 0; j < cap.length; j++) {
                if (!(est[i][j] > 0.0) || a[i] == j) {
                    continue;
                }
                boolean iWants = a[i] < 0 || est[i][j] > est[i][a[i]] || (est[i][j] == est[i][a[i]] && j < a[i]);
                int load = 0;
                boolean jWants = false;
                for (int k = 0; k < est.length; k++) {
                    if (a[k] == j) {
                        load++;
                        if (est[i][j] > est[k][j] || (est[i][j] == est[k][j] && i < k)) {
                            jWants = true;
                        }
                    }
                }
                if (load < cap[j]) {
                    jWants = true;
                }
                if (iWants && jWants) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Maximum total positive surplus by enumerating every proposer's option. */
    private static double bruteForce(double[][] s, int[] cap, int i, int[] load) {
        if (i == s.length) {
            return 0.0;
        }
        double best = bruteForce(s, cap, i + 1, load);
        for (int j = 0; j < cap.length; j++) {
            if (load[j] < cap[j] && s[i][j] > 0.0) {
                load[j]++;
                best = Math.max(best, s[i][j] + bruteForce(s, cap, i + 1, load));
                load[j]--;
            }
        }
        return best;
    }

    private static double[][] uniform(SplittableRandom rng, int n, int m) {
        double[][] s = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                s[i][j] = rng.nextDouble();
            }
        }
        return s;
    }

    private static int[] filled(int m, int c) {
        int[] cap = new int[m];
        java.util.Arrays.fill(cap, c);
        return cap;
    }
}
