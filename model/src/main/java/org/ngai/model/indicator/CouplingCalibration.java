package org.ngai.model.indicator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Frozen normalisation bounds and entropy weights of the B5 subsystem indicators, computed once
 * from the baseline scenario's region × tick panel and shipped as {@code coupling-calibration.json}
 * (spec §B5: bounds fixed from the baseline so runs stay comparable, Wang et al. 2021). Regenerate
 * with {@code ngai calibrate-coupling}; a test checks the shipped file against a fresh baseline run.
 *
 * <p>The 19 inputs, in order (sign: + better when higher, − better when lower):
 * RE: labour productivity +, share S&ge;2 +, HI-tier share +, capacity utilisation +, firm survival +;
 * TI: innovation success rate +, mean ΔlnZ^inn +, q_AI +, E_TECH +, BASE-layer vendor share +;
 * MF: real-economy credit share +, credit approval rate +, E_FIN +, financing-constrained adopters −;
 * HR: high-skill share +, μ̂_LAB +, unemployment −, training completion +, skill mismatch −.
 */
public record CouplingCalibration(double[] min, double[] max, double[] weights) {
    public static final int INPUTS = 19;
    public static final int[] SUBSYSTEM_START = {0, 5, 10, 14, 19};
    public static final boolean[] POSITIVE = {
        true, true, true, true, true,
        true, true, true, true, true,
        true, true, true, false,
        true, true, false, true, false};
    public static final String[] NAMES = {
        "re.labourProductivity", "re.shareNetworked", "re.hiTierShare", "re.capacityUtilisation", "re.survival",
        "ti.innovationSuccess", "ti.innovationGain", "ti.aiQuality", "ti.techEfficiency", "ti.baseLayerShare",
        "mf.realCreditShare", "mf.approvalRate", "mf.financeEfficiency", "mf.financingConstrained",
        "hr.highSkillShare", "hr.matchEfficiency", "hr.unemployment", "hr.trainingCompletion", "hr.skillMismatch"};

    private static final String RESOURCE = "coupling-calibration.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public CouplingCalibration {
        if (min.length != INPUTS || max.length != INPUTS || weights.length != INPUTS) {
            throw new IllegalArgumentException("coupling calibration needs " + INPUTS + " bounds and weights");
        }
    }

    /** The shipped calibration; equal weights and unit bounds if the resource is missing (first build). */
    public static CouplingCalibration shipped() {
        try (InputStream in = CouplingCalibration.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return neutral();
            }
            return JSON.readValue(in, CouplingCalibration.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CouplingCalibration neutral() {
        double[] mn = new double[INPUTS];
        double[] mx = new double[INPUTS];
        double[] w = new double[INPUTS];
        for (int k = 0; k < INPUTS; k++) {
            mx[k] = 1;
        }
        for (int s = 0; s < 4; s++) {
            int a = SUBSYSTEM_START[s];
            int b = SUBSYSTEM_START[s + 1];
            for (int k = a; k < b; k++) {
                w[k] = 1.0 / (b - a);
            }
        }
        return new CouplingCalibration(mn, mx, w);
    }

    /**
     * Fits bounds (panel min/max widened by 10% of the range) and entropy weights within each
     * subsystem from a panel of raw inputs (rows = region × tick observations).
     */
    public static CouplingCalibration fit(List<double[]> panel) {
        double[] mn = new double[INPUTS];
        double[] mx = new double[INPUTS];
        java.util.Arrays.fill(mn, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(mx, Double.NEGATIVE_INFINITY);
        for (double[] row : panel) {
            for (int k = 0; k < INPUTS; k++) {
                if (Double.isFinite(row[k])) {
                    mn[k] = Math.min(mn[k], row[k]);
                    mx[k] = Math.max(mx[k], row[k]);
                }
            }
        }
        for (int k = 0; k < INPUTS; k++) {
            if (!Double.isFinite(mn[k])) {
                mn[k] = 0;
                mx[k] = 1;
            }
            double pad = 0.1 * (mx[k] - mn[k]);
            mn[k] -= pad;
            mx[k] += pad;
        }
        double[] w = new double[INPUTS];
        for (int s = 0; s < 4; s++) {
            int a = SUBSYSTEM_START[s];
            int b = SUBSYSTEM_START[s + 1];
            double[][] sub = new double[panel.size()][b - a];
            for (int r = 0; r < panel.size(); r++) {
                for (int k = a; k < b; k++) {
                    double x = panel.get(r)[k];
                    sub[r][k - a] = CouplingCoordination.normalise(Double.isFinite(x) ? x : mn[k], mn[k], mx[k], POSITIVE[k]);
                }
            }
            double[] ws = CouplingCoordination.entropyWeights(sub);
            System.arraycopy(ws, 0, w, a, ws.length);
        }
        return new CouplingCalibration(mn, mx, w);
    }

    /** Subsystem indices U_RE, U_TI, U_MF, U_HR for one observation of raw inputs. */
    public double[] indices(double[] raw) {
        double[] u = new double[4];
        for (int s = 0; s < 4; s++) {
            double acc = 0;
            for (int k = SUBSYSTEM_START[s]; k < SUBSYSTEM_START[s + 1]; k++) {
                double x = Double.isFinite(raw[k]) ? raw[k] : (POSITIVE[k] ? min[k] : max[k]);
                acc += weights[k] * CouplingCoordination.normalise(x, min[k], max[k], POSITIVE[k]);
            }
            u[s] = acc;
        }
        return u;
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
