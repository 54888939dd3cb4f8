package org.ngai.model.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ngai.model.scenario.Param;

/** The factor catalogue and the analysis on the model: valid corners, and results independent of the thread count. */
class SensitivityModelTest {

    @Test
    void factorsCoverEveryParameterButTheExcludedOnes() {
        assertThat(Factors.count() + Factors.EXCLUDED.size()).isEqualTo(Param.values().length);
        for (Param p : Factors.all()) {
            assertThat(Factors.value(p, Factors.unit(p, p.defaultValue))).as(p.key)
                    .isCloseTo(p.defaultValue, org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, Math.abs(p.defaultValue))));
            assertThat(Factors.value(p, 0)).as(p.key).isEqualTo(p.min);
            assertThat(Factors.value(p, 1)).as(p.key).isCloseTo(p.max, org.assertj.core.api.Assertions.within(1e-9 * Math.abs(p.max)));
        }
    }

    @Test
    void cornersAndDefaultsAreValidAfterRepair() {
        double[] lo = new double[Factors.count()];
        double[] hi = new double[Factors.count()];
        Arrays.fill(hi, 1);
        assertThat(SensitivityAnalysis.valid(Factors.defaults())).isTrue();
        assertThat(SensitivityAnalysis.valid(lo)).isTrue();
        assertThat(SensitivityAnalysis.valid(hi)).isTrue();
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        SensitivityAnalysis.Settings st = new SensitivityAnalysis.Settings(2, 4, 10, 3, 5, 2, 3, 3, true);
        SensitivityAnalysis.Result one = SensitivityAnalysis.run(st, 1, SensitivityAnalysis.Progress.NONE);
        SensitivityAnalysis.Result two = SensitivityAnalysis.run(st, 2, SensitivityAnalysis.Progress.NONE);
        assertThat(one.morris().trajectories()).hasSize(2);
        assertThat(Arrays.deepEquals(one.stats(), two.stats())).isTrue();
        assertThat(one.overall()).isEqualTo(two.overall());
        assertThat(one.sobolFactors()).isEqualTo(two.sobolFactors());
        assertThat(Arrays.deepEquals(one.sobol(), two.sobol())).isTrue();
        assertThat(SensitivityAnalysis.markdown(one, "f", "p")).isEqualTo(SensitivityAnalysis.markdown(two, "f", "p"));
    }

    @Test
    void settingsRoundTripThroughThePageHeader() {
        SensitivityAnalysis.Settings st = new SensitivityAnalysis.Settings(3, 6, 123, 17, -9, 3, 16, 7, false);
        assertThat(SensitivityAnalysis.Settings.parse(st.describe())).isEqualTo(st);
    }
}
