package org.ngai.model.indicator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Normalisation bounds and entropy weights of the B5 subsystem indicators. The bounds are fixed a
 * priori ({@link #BOUND_MIN}, {@link #BOUND_MAX}); the entropy weights are computed once from the
 * baseline scenario's region × tick panel and shipped as {@code coupling-calibration.json} (spec §B5:
 * weights frozen so runs stay comparable, Wang et al. 2021). Regenerate with
 * {@code ngai calibrate-coupling}; a test checks the shipped file against a fresh baseline run.
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

    /**
     * Normalisation bounds fixed before any run (not fitted on a panel, so a run's own path cannot move
     * them and runs stay comparable, Wang et al. 2021): the range each input can take in a plausible
     * 2020–2035 path. Shares and rates are bounded by [0, 1] unless a narrower economic range applies:
     * labour productivity −0.25..+1.0 ln points over 2020 (−22% .. +172%); capacity utilisation 0.8..1;
     * quarterly firm survival 0.9..1; innovation success 0..0.4 (π_max ≤ 2·0.2); mean Δln Z^inn
     * 0..0.01 per quarter; BASE-layer vendor share 0..0.3; high-skill share 0.1..0.6; matching
     * efficiency μ̂ 0.2..0.7 (μ_0 = 0.35 with AI gains up to +20%, range of the parameter); unemployment
     * 0..0.2; training completion 0..0.5 per quarter. Documented in docs/model.md (B5).
     */
    public static final double[] BOUND_MIN = {
        -0.25, 0, 0, 0.8, 0.9,
        0, 0, 0, 0, 0,
        0, 0, 0, 0,
        0.1, 0.2, 0, 0, 0};
    public static final double[] BOUND_MAX = {
        1.0, 1, 1, 1, 1,
        0.4, 0.01, 1, 1, 0.3,
        1, 1, 1, 1,
        0.6, 0.7, 0.2, 0.5, 1};

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
     * Entropy weights within each subsystem from a panel of raw inputs (rows = region × tick
     * observations), normalised with the fixed bounds {@link #BOUND_MIN}/{@link #BOUND_MAX}.
     */
    public static CouplingCalibration fit(List<double[]> panel) {
        double[] mn = BOUND_MIN.clone();
        double[] mx = BOUND_MAX.clone();
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
