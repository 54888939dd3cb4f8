package org.ngai.model.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RollingOlsTest {

    @Test
    void slopeRecoversExactLines() {
        double[] x = {0, 1, 2, 3, 4};
        assertThat(RollingOls.slope(x, new double[] {1, 3, 5, 7, 9})).isCloseTo(2.0, within(1e-12));
        assertThat(RollingOls.slope(x, new double[] {3, 2.5, 2, 1.5, 1})).isCloseTo(-0.5, within(1e-12));
        // noisy hand case: x = (0, 1, 2), y = (0, 1, 1): sxy = 1, sxx = 2 -> 0.5
        assertThat(RollingOls.slope(new double[] {0, 1, 2}, new double[] {0, 1, 1})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void slopeIsUndefinedWithTooFewPointsOrNoVariance() {
        assertThat(RollingOls.slope(new double[] {0, 1}, new double[] {0, 1})).isNaN();
        assertThat(RollingOls.slope(new double[] {2, 2, 2}, new double[] {0, 1, 2})).isNaN();
    }

    @Test
    void loopGainMultipliesTheTwoElasticities() {
        // ln q = 0.5 ln R + 1; ln adopt = 1.5 ln q - 2 -> G_loop = 1.5 * 0.5 = 0.75
        int n = 12;
        double[] lnR = new double[n];
        double[] lnQ = new double[n];
        double[] lnA = new double[n];
        for (int t = 0; t < n; t++) {
            lnR[t] = 0.1 * t + 0.02 * (t % 3);
            lnQ[t] = 0.5 * lnR[t] + 1.0;
            lnA[t] = 1.5 * lnQ[t] - 2.0;
        }
        assertThat(RollingOls.loopGain(lnA, lnQ, lnR)).isCloseTo(0.75, within(1e-12));
        // break the relation in the first 4 ticks: only the trailing 8-tick window recovers 0.75
        for (int t = 0; t < 4; t++) {
            lnA[t] = 5.0 - t;
        }
        assertThat(RollingOls.loopGain(lnA, lnQ, lnR, RollingOls.LOOP_GAIN_WINDOW)).isCloseTo(0.75, within(1e-12));
        assertThat(RollingOls.loopGain(lnA, lnQ, lnR)).isNotCloseTo(0.75, within(0.1));
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> RollingOls.slope(new double[] {0, 1, 2}, new double[] {0, 1}))
                .hasMessageContaining("y");
        assertThatThrownBy(() -> RollingOls.slope(new double[] {0, Double.NEGATIVE_INFINITY, 2}, new double[] {0, 1, 2}))
                .hasMessageContaining("x[1]");
        assertThatThrownBy(() -> RollingOls.loopGain(new double[3], new double[3], new double[2]))
                .hasMessageContaining("lnRevenue");
        assertThatThrownBy(() -> RollingOls.loopGain(new double[3], new double[3], new double[3], 2))
                .hasMessageContaining("window");
    }
}
