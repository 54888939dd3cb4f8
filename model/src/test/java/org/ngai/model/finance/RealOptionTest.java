package org.ngai.model.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ngai.model.testing.Cases.doubles;

import org.junit.jupiter.api.Test;
import org.ngai.model.scenario.Param;
import org.ngai.model.testing.Cases;

class RealOptionTest {

    @Test
    void defaultHurdleIsAboutTwoPointTwo() {
        // r = delta: beta = 0.5 + sqrt(0.25 + 2 * 0.05 / 0.0625) = 0.5 + sqrt(1.85) = 1.860147
        double beta = RealOption.beta(RealOption.DEFAULT_R, RealOption.DEFAULT_DELTA, RealOption.DEFAULT_SIGMA);
        assertThat(beta).isCloseTo(1.860147, within(1e-6));
        // M = 1.860147 / 0.860147 = 2.162592 (spec §A6.3 rounds to 2.2)
        assertThat(RealOption.hurdleMultiple(0.05, 0.05, 0.25)).isCloseTo(2.162592, within(1e-6));
    }

    @Test
    void uncertaintyRaisesTheHurdleSoTransformingLooksLikeSeekingDeath() {
        // sigma 0.1 -> 1.370156; 0.25 -> 2.162592; 0.4 -> 3.296663; 0.6 -> 5.415339
        assertThat(RealOption.hurdleMultiple(0.05, 0.05, 0.1)).isCloseTo(1.370156, within(1e-6));
        assertThat(RealOption.hurdleMultiple(0.05, 0.05, 0.6)).isCloseTo(5.415339, within(1e-6));
        double previous = 1.0;
        for (double sigma = 0.05; sigma <= 1.0; sigma += 0.05) {
            double m = RealOption.hurdleMultiple(0.05, 0.05, sigma);
            assertThat(m).isGreaterThan(previous);
            previous = m;
        }
    }

    @Test
    void vanishingUncertaintyGivesTheDeterministicHurdle() {
        // r = delta: beta ~ sqrt(2r)/sigma -> infinity, so M -> 1 (invest as soon as NPV >= 0)
        assertThat(RealOption.hurdleMultiple(0.05, 0.05, 1e-3)).isCloseTo(1.0, within(0.005)).isGreaterThan(1.0);
        // r > delta: beta -> r / (r - delta) = 2, so M -> r / delta = 2 (waiting pays even without risk)
        assertThat(RealOption.hurdleMultiple(0.06, 0.03, 1e-3)).isCloseTo(2.0, within(1e-3));
        // r < delta: M -> 1
        assertThat(RealOption.hurdleMultiple(0.03, 0.06, 1e-3)).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void betaIsTheRootAboveOneOfTheFundamentalQuadratic() {
        Cases.forAll("RealOptionTest.betaIsTheRootAboveOneOfTheFundamentalQuadratic", 1000,
                doubles(0.005, 0.2, 4), doubles(0.005, 0.2, 4), doubles(0.05, 1.0, 4),
                this::betaIsTheRootAboveOneOfTheFundamentalQuadratic);
    }

    void betaIsTheRootAboveOneOfTheFundamentalQuadratic(double r, double delta, double sigma) {
        double b = RealOption.beta(r, delta, sigma);
        // 0.5 sigma^2 b (b - 1) + (r - delta) b - r = 0 (Dixit-Pindyck 1994 ch. 5)
        double residual = 0.5 * sigma * sigma * b * (b - 1) + (r - delta) * b - r;
        assertThat(residual).isCloseTo(0.0, within(1e-9 * (1 + b * b)));
        assertThat(b).isGreaterThan(1.0);
        assertThat(RealOption.hurdleMultiple(r, delta, sigma)).isGreaterThan(1.0);
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> RealOption.beta(0.05, 0.0, 0.25)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delta");
        assertThatThrownBy(() -> RealOption.beta(-0.05, 0.05, 0.25)).hasMessageContaining("r must");
        assertThatThrownBy(() -> RealOption.hurdleMultiple(0.05, 0.05, Double.NaN)).hasMessageContaining("sigma");
    }

    @Test
    void zeroPayoutYieldMakesBetaExactlyOneSoItIsRejectedAndTheDriftRangeStartsAboveIt() {
        // delta = 0: beta = 1/2 - a + |a + 1/2| = 1 for a = r/sigma^2 > 0, hurdle beta/(beta-1) infinite
        for (double sigma : new double[] {0.02, 0.1, 0.25, 0.6}) {
            double s2 = sigma * sigma;
            double a = 0.05 / s2;
            assertThat(0.5 - a + Math.sqrt((a - 0.5) * (a - 0.5) + 2 * 0.05 / s2)).isCloseTo(1.0, within(1e-9));
        }
        assertThatThrownBy(() -> RealOption.hurdleMultiple(0.05, 0.0, 0.25))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delta").hasMessageContaining("infinite");
        assertThat(Param.DRIFT.min).isGreaterThan(0.0);
        // the hurdle grows without bound as delta -> 0
        assertThat(RealOption.hurdleMultiple(0.05, 1e-4, 0.25)).isGreaterThan(100.0);
    }

    @Test
    void driftAtItsMinimumGivesAFiniteHurdleAboveOneThatRisesWithUncertainty() {
        double delta = Param.DRIFT.min;
        // sigma_u reaches 0.1 x (1 - 0.8) = 0.02 in the model (uncertainty min, alignment trust max)
        double previous = 1.0;
        for (double sigma = 0.02; sigma <= 0.6 + 1e-12; sigma += 0.02) {
            for (double r : new double[] {Param.DISCOUNT_RATE.min, 0.05, Param.DISCOUNT_RATE.max}) {
                double m = RealOption.hurdleMultiple(r, delta, sigma);
                assertThat(m).isFinite().isGreaterThan(1.0);
            }
            double m = RealOption.hurdleMultiple(0.05, delta, sigma);
            assertThat(m).isGreaterThan(previous);
            previous = m;
        }
        // r = 0.05, delta = 0.005, sigma = 0.25: B = 0.03125 + 0.045 = 0.07625,
        // beta - 1 = 2(0.005) / (0.07625 + sqrt(0.07625^2 + 2(0.0625)(0.005))) = 0.01 / 0.1564938 = 0.0639003, M = 16.6494
        assertThat(RealOption.betaMinusOne(0.05, 0.005, 0.25)).isCloseTo(0.0639003, within(1e-6));
        assertThat(RealOption.hurdleMultiple(0.05, 0.005, 0.25)).isCloseTo(16.6494, within(1e-3));
    }

    @Test
    void betaMinusOneKeepsItsDigitsWhereTheDirectFormulaCancels() {
        // r = 0.2, delta = 0.005, sigma = 0.02: a = (r - delta)/sigma^2 = 487.5, beta - 1 ~ 0.0256 is the small
        // difference of two numbers near 488; the stable form satisfies 0.5 s2 x^2 + B x - delta = 0 to rounding
        double r = 0.2;
        double delta = 0.005;
        double sigma = 0.02;
        double x = RealOption.betaMinusOne(r, delta, sigma);
        double s2 = sigma * sigma;
        double b = 0.5 * s2 + r - delta;
        assertThat(0.5 * s2 * x * x + b * x - delta).isCloseTo(0.0, within(1e-17));
        assertThat(RealOption.beta(r, delta, sigma)).isCloseTo(1.0 + x, within(1e-15));
        assertThat(RealOption.hurdleMultiple(r, delta, sigma)).isCloseTo(1.0 + 1.0 / x, within(1e-9));
    }
}
