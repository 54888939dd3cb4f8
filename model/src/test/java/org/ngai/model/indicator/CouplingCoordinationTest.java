package org.ngai.model.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ngai.model.testing.Cases.doubles;

import org.junit.jupiter.api.Test;
import org.ngai.model.indicator.CouplingCoordination.CoordinationLevel;
import org.ngai.model.testing.Cases;

class CouplingCoordinationTest {

    @Test
    void normalisationMapsBoundsToOnePercentAndNinetyNinePercent() {
        assertThat(CouplingCoordination.normalise(5, 0, 10, true)).isCloseTo(0.5, within(1e-15));
        // 0.01 + 0.98 * 0.2 = 0.206; reversed 0.01 + 0.98 * 0.8 = 0.794
        assertThat(CouplingCoordination.normalise(2, 0, 10, true)).isCloseTo(0.206, within(1e-15));
        assertThat(CouplingCoordination.normalise(2, 0, 10, false)).isCloseTo(0.794, within(1e-15));
        assertThat(CouplingCoordination.normalise(0, 0, 10, true)).isCloseTo(0.01, within(1e-15));
        assertThat(CouplingCoordination.normalise(10, 0, 10, true)).isCloseTo(0.99, within(1e-15));
        // frozen baseline bounds: values outside are clamped
        assertThat(CouplingCoordination.normalise(20, 0, 10, true)).isEqualTo(0.99);
        assertThat(CouplingCoordination.normalise(-5, 0, 10, true)).isEqualTo(0.01);
        assertThat(CouplingCoordination.normalise(3, 4, 4, true)).isEqualTo(0.5);
    }

    @Test
    void entropyWeightsFavourTheIndicatorWithMoreDispersion() {
        // columns A = (1, 3), B = (1, 1), C = (1, 2), n = 2
        // e_A = -(0.25 ln 0.25 + 0.75 ln 0.75) / ln 2 = 0.811278; e_B = 1; e_C = 0.918296
        // 1 - e = (0.188722, 0, 0.081704) -> w = (0.697869, 0, 0.302131)
        double[] w = CouplingCoordination.entropyWeights(new double[][] {{1, 1, 1}, {3, 1, 2}});
        assertThat(w[0]).isCloseTo(0.697869, within(1e-6));
        assertThat(w[1]).isCloseTo(0.0, within(1e-12));
        assertThat(w[2]).isCloseTo(0.302131, within(1e-6));
        assertThat(w[0] + w[1] + w[2]).isCloseTo(1.0, within(1e-12));
        // no dispersion anywhere -> equal weights
        assertThat(CouplingCoordination.entropyWeights(new double[][] {{0.3, 0.7}, {0.3, 0.7}}))
                .containsExactly(0.5, 0.5);
    }

    @Test
    void subsystemIndexIsWeightedSum() {
        assertThat(CouplingCoordination.index(new double[] {0.2, 0.6}, new double[] {0.5, 0.5}))
                .isCloseTo(0.4, within(1e-15));
    }

    @Test
    void couplingDevelopmentAndDegreeOnHandCheckedValues() {
        // n = 2, U = (0.2, 0.8): C = 2 sqrt(0.16) / 1.0 = 0.8; T = 0.5; D = sqrt(0.4) = 0.632456
        assertThat(CouplingCoordination.coupling(0.2, 0.8)).isCloseTo(0.8, within(1e-12));
        assertThat(CouplingCoordination.development(0.2, 0.8)).isCloseTo(0.5, within(1e-15));
        double d2 = CouplingCoordination.degree(0.8, 0.5);
        assertThat(d2).isCloseTo(0.632456, within(1e-6));
        assertThat(CoordinationLevel.of(d2)).isEqualTo(CoordinationLevel.PRIMARY_COORDINATION);
        // n = 4, U = (0.1, 0.4, 0.4, 0.1): product 0.0016, fourth root 0.2, sum 1.0 -> C = 4 * 0.2 / 1 = 0.8;
        // T = 0.25; D = sqrt(0.2) = 0.447214 -> on the verge of imbalance
        double c4 = CouplingCoordination.coupling(0.1, 0.4, 0.4, 0.1);
        assertThat(c4).isCloseTo(0.8, within(1e-12));
        double d4 = CouplingCoordination.degree(c4, CouplingCoordination.development(0.1, 0.4, 0.4, 0.1));
        assertThat(d4).isCloseTo(0.447214, within(1e-6));
        assertThat(CoordinationLevel.of(d4)).isEqualTo(CoordinationLevel.VERGE_OF_IMBALANCE);
        // weighted development: 0.25 * 0.2 + 0.75 * 0.8 = 0.65
        assertThat(CouplingCoordination.development(new double[] {0.2, 0.8}, new double[] {0.25, 0.75}))
                .isCloseTo(0.65, within(1e-15));
        assertThat(CouplingCoordination.coupling(0.0, 0.5)).isZero();
    }

    @Test
    void modifiedCouplingOnHandCheckedValues() {
        // n = 2, U = (0.2, 0.8): [1 - 0.6 / 1] * (0.25 * 1)^(1/1) = 0.4 * 0.25 = 0.1 -> sqrt = 0.316228
        assertThat(CouplingCoordination.modifiedCoupling(0.2, 0.8)).isCloseTo(0.316228, within(1e-6));
        // n = 4, U = (0.8, 0.8, 0.4, 0.4): pair gaps sum 4 * 0.4 = 1.6, sum_{m=1..3} m = 6 -> 1 - 0.266667
        // = 0.733333; product of U/max = 0.25, cube root 0.629961; sqrt(0.733333 * 0.629961) = 0.679685
        assertThat(CouplingCoordination.modifiedCoupling(0.8, 0.8, 0.4, 0.4)).isCloseTo(0.679685, within(1e-6));
        assertThat(CouplingCoordination.modifiedCoupling(0.3, 0.3, 0.3, 0.3)).isCloseTo(1.0, within(1e-15));
        assertThat(CouplingCoordination.modifiedCoupling(0.0, 0.0)).isZero();
        // the modified C spreads out where the classical one crowds near 1
        assertThat(CouplingCoordination.modifiedCoupling(0.6, 0.6, 0.6, 0.2))
                .isLessThan(CouplingCoordination.coupling(0.6, 0.6, 0.6, 0.2));
    }

    @Test
    void subsystemsMovingTogetherRaiseCoordination() {
        double base = dStandard(0.5, 0.5, 0.5, 0.5); // sqrt(1 * 0.5) = 0.707107
        assertThat(base).isCloseTo(0.707107, within(1e-6));
        assertThat(dStandard(0.6, 0.6, 0.6, 0.6)).isGreaterThan(base); // sqrt(0.6) = 0.774597
        assertThat(dModified(0.6, 0.6, 0.6, 0.6)).isGreaterThan(dModified(0.5, 0.5, 0.5, 0.5));
    }

    @Test
    void oneLaggingSubsystemLowersCoordinationAtEqualTotalDevelopment() {
        // same T = 0.5, but HR lags: C = 4 (0.6^3 0.2)^(1/4) / 2 = 0.911803 -> D = sqrt(0.455901) = 0.675205
        double lagging = dStandard(0.6, 0.6, 0.6, 0.2);
        assertThat(CouplingCoordination.development(0.6, 0.6, 0.6, 0.2)).isCloseTo(0.5, within(1e-12));
        assertThat(lagging).isCloseTo(0.675205, within(1e-6));
        assertThat(lagging).isLessThan(dStandard(0.5, 0.5, 0.5, 0.5));
        assertThat(dModified(0.6, 0.6, 0.6, 0.2)).isLessThan(dModified(0.5, 0.5, 0.5, 0.5));
    }

    @Test
    void balancedSubsystemsMaximiseCoordinationForGivenDevelopment() {
        Cases.forAll("CouplingCoordinationTest.balancedSubsystemsMaximiseCoordinationForGivenDevelopment", 1000,
                doubles(0.01, 0.99), doubles(0.01, 0.99), doubles(0.01, 0.99), doubles(0.01, 0.99),
                this::balancedSubsystemsMaximiseCoordinationForGivenDevelopment);
    }

    void balancedSubsystemsMaximiseCoordinationForGivenDevelopment(double u1, double u2, double u3, double u4) {
        double t = CouplingCoordination.development(u1, u2, u3, u4);
        double c = CouplingCoordination.coupling(u1, u2, u3, u4);
        double cm = CouplingCoordination.modifiedCoupling(u1, u2, u3, u4);
        assertThat(c).isBetween(0.0, 1.0);
        assertThat(cm).isBetween(0.0, 1.0);
        assertThat(dStandard(u1, u2, u3, u4)).isLessThanOrEqualTo(dStandard(t, t, t, t) + 1e-12);
        assertThat(dModified(u1, u2, u3, u4)).isLessThanOrEqualTo(dModified(t, t, t, t) + 1e-12);
        boolean allEqual = u1 == u2 && u2 == u3 && u3 == u4;
        if (!allEqual) {
            assertThat(cm).isLessThan(1.0);
        }
    }

    private static double dStandard(double... u) {
        return CouplingCoordination.degree(CouplingCoordination.coupling(u), CouplingCoordination.development(u));
    }

    private static double dModified(double... u) {
        return CouplingCoordination.degree(CouplingCoordination.modifiedCoupling(u),
                CouplingCoordination.development(u));
    }

    @Test
    void coordinationLevelsUseTenBinsOfWidthPointOne() {
        assertThat(CoordinationLevel.values()).hasSize(10);
        assertThat(CoordinationLevel.of(0.0)).isEqualTo(CoordinationLevel.EXTREME_IMBALANCE);
        assertThat(CoordinationLevel.of(0.1)).isEqualTo(CoordinationLevel.EXTREME_IMBALANCE);
        assertThat(CoordinationLevel.of(0.15)).isEqualTo(CoordinationLevel.SERIOUS_IMBALANCE);
        assertThat(CoordinationLevel.of(0.25)).isEqualTo(CoordinationLevel.MODERATE_IMBALANCE);
        assertThat(CoordinationLevel.of(0.35)).isEqualTo(CoordinationLevel.MILD_IMBALANCE);
        assertThat(CoordinationLevel.of(0.45)).isEqualTo(CoordinationLevel.VERGE_OF_IMBALANCE);
        assertThat(CoordinationLevel.of(0.5)).isEqualTo(CoordinationLevel.VERGE_OF_IMBALANCE);
        assertThat(CoordinationLevel.of(0.55)).isEqualTo(CoordinationLevel.BARELY_COORDINATED);
        assertThat(CoordinationLevel.of(0.65)).isEqualTo(CoordinationLevel.PRIMARY_COORDINATION);
        assertThat(CoordinationLevel.of(0.75)).isEqualTo(CoordinationLevel.INTERMEDIATE_COORDINATION);
        assertThat(CoordinationLevel.of(0.85)).isEqualTo(CoordinationLevel.GOOD_COORDINATION);
        assertThat(CoordinationLevel.of(0.95)).isEqualTo(CoordinationLevel.QUALITY_COORDINATION);
        assertThat(CoordinationLevel.of(1.0)).isEqualTo(CoordinationLevel.QUALITY_COORDINATION);
        assertThat(CoordinationLevel.QUALITY_COORDINATION.chinese()).isEqualTo("优质协调");
        assertThat(CoordinationLevel.EXTREME_IMBALANCE.english()).isEqualTo("extreme imbalance");
        assertThat(CoordinationLevel.BARELY_COORDINATED.chinese()).isEqualTo("勉强协调");
        assertThatThrownBy(() -> CoordinationLevel.of(1.01)).hasMessageContaining("coordination degree d");
        assertThatThrownBy(() -> CoordinationLevel.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> CouplingCoordination.normalise(1, 2, 1, true)).hasMessageContaining("max");
        assertThatThrownBy(() -> CouplingCoordination.coupling(0.5)).hasMessageContaining("u must hold at least 2");
        assertThatThrownBy(() -> CouplingCoordination.coupling(0.5, -0.1)).hasMessageContaining("u[1]");
        assertThatThrownBy(() -> CouplingCoordination.modifiedCoupling(0.5, 1.5)).hasMessageContaining("u[1]");
        assertThatThrownBy(() -> CouplingCoordination.development(new double[] {0.5, 0.5}, new double[] {0.5, 0.6}))
                .hasMessageContaining("alpha");
        assertThatThrownBy(() -> CouplingCoordination.degree(1.2, 0.5)).hasMessageContaining("coupling c");
        assertThatThrownBy(() -> CouplingCoordination.entropyWeights(new double[][] {{1, 2}}))
                .hasMessageContaining("panel");
        assertThatThrownBy(() -> CouplingCoordination.entropyWeights(new double[][] {{1, 0}, {2, 0}}))
                .hasMessageContaining("panel column 1");
        assertThatThrownBy(() -> CouplingCoordination.index(new double[] {1}, new double[] {1, 2}))
                .hasMessageContaining("weights");
    }
}
