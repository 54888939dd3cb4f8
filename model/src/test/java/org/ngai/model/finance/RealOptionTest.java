package org.ngai.model.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ngai.model.testing.Cases.doubles;

import org.junit.jupiter.api.Test;
import org.ngai.model.testing.Cases;

class RealOptionTest {

    @Test
    void defaultHurdleIsAboutTwoPointTwo() {
        // r = delta: beta = 0.5 + sqrt(0.25 + 2 * 0.05 / 0.0625) = 0.5 + sqrt(1.85) = 1.860147
        double beta = RealOption.beta(RealOption.DEFAULT_R, RealOption.DEFAULT_DELTA, RealOption.DEFAULT_SIGMA);
        assertThat(beta).isCloseTo(1.860147, within(1e-6));
        // M = 1.860147 / 0.860147 = 2.162592 (MODEL A6.3 rounds to 2.2)
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
}
