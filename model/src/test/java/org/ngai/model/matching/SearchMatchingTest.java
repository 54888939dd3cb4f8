package org.ngai.model.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ngai.model.testing.Cases.anyDoubles;
import static org.ngai.model.testing.Cases.booleans;
import static org.ngai.model.testing.Cases.doubleArrays;
import static org.ngai.model.testing.Cases.doubles;

import org.junit.jupiter.api.Test;
import org.ngai.model.testing.Cases;

class SearchMatchingTest {
    private static final double ALPHA = SearchMatching.DEFAULT_ALPHA;

    @Test
    void cobbDouglasMatchesOnHandCheckedNumbers() {
        // mu = 0.5, u = 100, v = 64, alpha = 0.5: 0.5 * 10 * 8 = 40
        assertThat(SearchMatching.matches(0.5, 100, 64, 0.5)).isCloseTo(40.0, within(1e-9));
        // implied efficiency recovers mu
        assertThat(SearchMatching.impliedEfficiency(40.0, 100, 64, 0.5)).isCloseTo(0.5, within(1e-12));
        assertThat(SearchMatching.impliedEfficiency(40.0, 0.0, 64, 0.5)).isNaN();
    }

    @Test
    void aiScreeningRaisesEfficiencyMatchesAndLowersUnemploymentAfterMatching() {
        double u = 52.0;
        double v = 60.0;
        double mu0 = 0.4;
        double previousMu = -1;
        double previousM = -1;
        double previousU = Double.POSITIVE_INFINITY;
        for (double s = 0.0; s <= 1.0; s += 0.25) {
            double mu = SearchMatching.efficiency(mu0, SearchMatching.DEFAULT_PSI_MU, s);
            double m = SearchMatching.matches(mu, u, v, ALPHA);
            assertThat(mu).isGreaterThan(previousMu);
            assertThat(m).isGreaterThan(previousM);
            assertThat(u - m).isLessThan(previousU);
            previousMu = mu;
            previousM = m;
            previousU = u - m;
        }
        // Horton 2017: full screening lifts efficiency by 20%
        assertThat(SearchMatching.efficiency(mu0, 0.2, 1.0)).isCloseTo(0.48, within(1e-12));
    }

    @Test
    void noMatchesWithoutSearchersOrVacancies() {
        assertThat(SearchMatching.matches(1.0, 0.0, 10.0, ALPHA)).isZero();
        assertThat(SearchMatching.matches(1.0, 10.0, 0.0, ALPHA)).isZero();
        assertThat(SearchMatching.matches(1.0, -1e-15, 10.0, ALPHA)).isZero();
    }

    @Test
    void matchesNeverExceedUnemployedOrVacancies() {
        Cases.forAll("SearchMatchingTest.matchesNeverExceedUnemployedOrVacancies", 1000,
                doubles(0.0, 50.0), doubles(0.0, 1e6), doubles(0.0, 1e6), doubles(0.0, 1.0),
                this::matchesNeverExceedUnemployedOrVacancies);
    }

    void matchesNeverExceedUnemployedOrVacancies(double mu, double u, double v, double alpha) {
        double m = SearchMatching.matches(mu, u, v, alpha);
        assertThat(m).isBetween(0.0, Math.min(u, v));
    }

    @Test
    void doublingSearchersAndVacanciesDoublesMatches() {
        Cases.forAll("SearchMatchingTest.doublingSearchersAndVacanciesDoublesMatches", 1000,
                doubles(0.0, 0.9), doubles(1.0, 1e5), doubles(1.0, 1e5), doubles(0.3, 0.7),
                this::doublingSearchersAndVacanciesDoublesMatches);
    }

    void doublingSearchersAndVacanciesDoublesMatches(double mu, double u, double v, double alpha) {
        // with mu < 1 and u, v of comparable size the min() cap does not bind here
        double m = SearchMatching.matches(mu, u, v, alpha);
        double uncapped = mu * Math.pow(u, alpha) * Math.pow(v, 1 - alpha);
        if (uncapped < Math.min(u, v)) {
            assertThat(SearchMatching.matches(mu, 2 * u, 2 * v, alpha)).isCloseTo(2 * m, within(1e-9 * m + 1e-12));
        }
    }

    @Test
    void proRataAllocationOnHandCheckedNumbers() {
        assertThat(SearchMatching.allocateProRata(10.0, new double[] {1, 0, 3, 1}))
                .containsExactly(2.0, 0.0, 6.0, 2.0);
        // capped: total 10 > sum of weights 5 -> everyone gets its weight
        assertThat(SearchMatching.allocateProRata(10.0, new double[] {1, 0, 3, 1}, true))
                .containsExactly(1.0, 0.0, 3.0, 1.0);
        // capped with total below the weights: 2.5 split 1:3:1 -> 0.5, 1.5, 0.5
        assertThat(SearchMatching.allocateProRata(2.5, new double[] {1, 0, 3, 1}, true))
                .containsExactly(0.5, 0.0, 1.5, 0.5);
        assertThat(SearchMatching.allocateProRata(0.0, new double[] {0, 0})).containsExactly(0.0, 0.0);
        assertThat(SearchMatching.allocateProRata(3.0, new double[] {0, 0}, true)).containsExactly(0.0, 0.0);
    }

    @Test
    void proRataAllocationSumsExactlyAndRespectsZeroWeightsAndCaps() {
        Cases.forAll("SearchMatchingTest.proRataAllocationSumsExactlyAndRespectsZeroWeightsAndCaps", 1000,
                doubles(0.0, 1e4), doubleArrays(anyDoubles(), 1, 40), booleans(),
                this::proRataAllocationSumsExactlyAndRespectsZeroWeightsAndCaps);
    }

    void proRataAllocationSumsExactlyAndRespectsZeroWeightsAndCaps(
            double total, double[] rawWeights, boolean capAtWeight) {
        double[] w = new double[rawWeights.length];
        double sumW = 0.0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Double.isFinite(rawWeights[i]) ? Math.min(Math.abs(rawWeights[i]), 1e4) : 0.0;
            if (i % 3 == 1) {
                w[i] = 0.0;
            }
            sumW += w[i];
        }
        if (sumW == 0.0) {
            w[0] = 1.0;
            sumW = 1.0;
        }
        double[] a = SearchMatching.allocateProRata(total, w, capAtWeight);
        double expectedTotal = capAtWeight ? Math.min(total, sumW) : total;
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isGreaterThanOrEqualTo(0.0);
            if (w[i] == 0.0) {
                assertThat(a[i]).isZero();
            }
            if (capAtWeight) {
                assertThat(a[i]).isLessThanOrEqualTo(w[i]);
            }
            sum += a[i];
        }
        assertThat(sum).isEqualTo(expectedTotal);
        assertThat(SearchMatching.allocateProRata(total, w, capAtWeight)).containsExactly(a);
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> SearchMatching.matches(-1, 1, 1, 0.5)).hasMessageContaining("efficiency mu");
        assertThatThrownBy(() -> SearchMatching.matches(1, Double.NaN, 1, 0.5)).hasMessageContaining("unemployed u");
        assertThatThrownBy(() -> SearchMatching.matches(1, 1, 1, 1.5)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> SearchMatching.efficiency(1, 0.2, -0.1)).hasMessageContaining("screening S");
        assertThatThrownBy(() -> SearchMatching.allocateProRata(1, new double[] {1, -2}))
                .hasMessageContaining("weights[1]");
        assertThatThrownBy(() -> SearchMatching.allocateProRata(1, new double[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights");
    }
}
