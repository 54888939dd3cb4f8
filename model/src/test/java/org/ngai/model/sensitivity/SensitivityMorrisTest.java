package org.ngai.model.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Morris elementary effects on analytic functions with a known answer. */
class SensitivityMorrisTest {

    private static Morris.Stats[] morris(int k, int r, ToDoubleFunction<double[]> f) {
        Morris.Design d = Morris.design(k, r, 4, 7, u -> u, u -> true);
        assertThat(d.trajectories()).hasSize(r);
        double[][] y = new double[r][k + 1];
        for (int t = 0; t < r; t++) {
            for (int j = 0; j <= k; j++) {
                y[t][j] = f.applyAsDouble(d.trajectories().get(t).points()[j]);
            }
        }
        return Morris.analyse(d, k, y);
    }

    @Test
    void linearFunctionGivesItsCoefficientsAndNoSpread() {
        Morris.Stats[] s = morris(3, 20, x -> 10 * x[0] + 1 * x[1] + 0 * x[2]);
        assertThat(s[0].muStar()).isCloseTo(10, within(1e-9));
        assertThat(s[1].muStar()).isCloseTo(1, within(1e-9));
        assertThat(s[2].muStar()).isCloseTo(0, within(1e-9));
        assertThat(s[0].mu()).isCloseTo(10, within(1e-9));
        for (Morris.Stats st : s) {
            assertThat(st.sigma()).isCloseTo(0, within(1e-9));
            assertThat(st.n()).isEqualTo(20);
        }
    }

    @Test
    void interactionShowsUpAsSpread() {
        // y = 4·x1·x2 + x3 − 2·x4: x1, x2 interact (σ > 0), x3 and x4 are additive (σ = 0), μ of x4 is negative
        Morris.Stats[] s = morris(4, 40, x -> 4 * x[0] * x[1] + x[2] - 2 * x[3]);
        assertThat(s[0].sigma()).isGreaterThan(0.5);
        assertThat(s[1].sigma()).isGreaterThan(0.5);
        assertThat(s[2].sigma()).isCloseTo(0, within(1e-9));
        assertThat(s[3].sigma()).isCloseTo(0, within(1e-9));
        assertThat(s[3].mu()).isCloseTo(-2, within(1e-9));
        assertThat(s[3].muStar()).isCloseTo(2, within(1e-9));
        // E|∂y/∂x1| = 4·E[x2] = 2 on the grid's average
        assertThat(s[0].muStar()).isBetween(1.0, 3.0);
        assertThat(s[0].muStar()).isGreaterThan(s[2].muStar());
    }

    @Test
    void trajectoriesMoveOneFactorAtATimeByDelta() {
        Morris.Design d = Morris.design(5, 6, 4, 3, u -> u, u -> true);
        for (Morris.Trajectory t : d.trajectories()) {
            for (int j = 0; j < 5; j++) {
                int changed = 0;
                for (int i = 0; i < 5; i++) {
                    double dx = t.points()[j + 1][i] - t.points()[j][i];
                    if (dx != 0) {
                        changed++;
                        assertThat(i).isEqualTo(t.moved()[j]);
                        assertThat(Math.abs(dx)).isCloseTo(Morris.delta(4), within(1e-12));
                    }
                }
                assertThat(changed).isEqualTo(1);
            }
        }
    }

    @Test
    void invalidTrajectoriesAreReplacedNotFatal() {
        Morris.Design d = Morris.design(3, 5, 4, 11, u -> u, u -> u[0] < 0.9);
        assertThat(d.rejected()).isPositive();
        assertThat(d.trajectories()).hasSizeLessThanOrEqualTo(5);
        Morris.Design none = Morris.design(3, 5, 4, 11, u -> u, u -> false);
        assertThat(none.trajectories()).isEmpty();
    }
}
