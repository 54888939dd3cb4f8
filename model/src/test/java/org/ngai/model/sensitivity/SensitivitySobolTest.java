package org.ngai.model.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Saltelli/Jansen estimators on the Ishigami function (a = 7, b = 0.1), whose indices are known analytically. */
class SensitivitySobolTest {

    private static double ishigami(double[] u) {
        double x1 = -Math.PI + 2 * Math.PI * u[0];
        double x2 = -Math.PI + 2 * Math.PI * u[1];
        double x3 = -Math.PI + 2 * Math.PI * u[2];
        return Math.sin(x1) + 7 * Math.sin(x2) * Math.sin(x2) + 0.1 * Math.pow(x3, 4) * Math.sin(x1);
    }

    @Test
    void ishigamiIndices() {
        int n = 8192;
        Sobol.Design d = Sobol.design(3, n, u -> true);
        assertThat(d.rows()).hasSize(n);
        double[][] y = new double[n][];
        for (int j = 0; j < n; j++) {
            double[][] pts = d.rows().get(j).points();
            y[j] = new double[pts.length];
            for (int p = 0; p < pts.length; p++) {
                y[j][p] = ishigami(pts[p]);
            }
        }
        Sobol.Indices[] s = Sobol.analyse(3, y);
        // analytic: S = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437
        assertThat(s[0].first()).isCloseTo(0.3139, within(0.03));
        assertThat(s[1].first()).isCloseTo(0.4424, within(0.03));
        assertThat(s[2].first()).isCloseTo(0.0, within(0.03));
        assertThat(s[0].total()).isCloseTo(0.5576, within(0.03));
        assertThat(s[1].total()).isCloseTo(0.4424, within(0.03));
        assertThat(s[2].total()).isCloseTo(0.2437, within(0.03));
    }

    @Test
    void additiveFunctionHasEqualFirstAndTotal() {
        int n = 2048;
        Sobol.Design d = Sobol.design(2, n, u -> true);
        double[][] y = new double[n][];
        for (int j = 0; j < n; j++) {
            double[][] pts = d.rows().get(j).points();
            y[j] = new double[pts.length];
            for (int p = 0; p < pts.length; p++) {
                y[j][p] = 2 * pts[p][0] + pts[p][1];
            }
        }
        Sobol.Indices[] s = Sobol.analyse(2, y);
        // variances 4/12 and 1/12: S1 = 0.8, S2 = 0.2
        assertThat(s[0].first()).isCloseTo(0.8, within(0.02));
        assertThat(s[1].first()).isCloseTo(0.2, within(0.02));
        assertThat(s[0].total()).isCloseTo(0.8, within(0.02));
        assertThat(s[1].total()).isCloseTo(0.2, within(0.02));
    }
}
