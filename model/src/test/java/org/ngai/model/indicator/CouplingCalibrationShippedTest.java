package org.ngai.model.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ngai.model.engine.Catalogue;
import org.ngai.model.scenario.ScenarioLoader;

/** spec §B5: the frozen bounds and entropy weights are those of the current baseline. */
class CouplingCalibrationShippedTest {

    @Test
    void shippedCalibrationEqualsAFreshFitOnTheBaselinePanel() {
        CouplingCalibration shipped = CouplingCalibration.shipped();
        CouplingCalibration fresh = Catalogue.fitCoupling(ScenarioLoader.bundled("baseline"));
        // the bounds are fixed before any run: the shipped ones are the a priori ones, whatever the panel
        assertThat(shipped.min()).containsExactly(CouplingCalibration.BOUND_MIN);
        assertThat(shipped.max()).containsExactly(CouplingCalibration.BOUND_MAX);
        assertThat(fresh.min()).containsExactly(CouplingCalibration.BOUND_MIN);
        double[] a = new double[CouplingCalibration.INPUTS];
        double[] b = new double[CouplingCalibration.INPUTS];
        java.util.Arrays.fill(b, 0.3);
        assertThat(CouplingCalibration.fit(java.util.List.of(a, b)).max()).containsExactly(CouplingCalibration.BOUND_MAX);
        assertThat(shipped.weights()).containsExactly(fresh.weights());
        for (int s = 0; s < 4; s++) {
            double w = 0;
            for (int k = CouplingCalibration.SUBSYSTEM_START[s]; k < CouplingCalibration.SUBSYSTEM_START[s + 1]; k++) {
                w += shipped.weights()[k];
            }
            assertThat(w).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        }
    }
}
