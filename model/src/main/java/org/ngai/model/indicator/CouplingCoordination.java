package org.ngai.model.indicator;

/**
 * Four-dimensional coordination of real economy, technology innovation, modern finance and human
 * resources by the coupling coordination degree (spec §B5): range normalisation, entropy weights,
 * subsystem index U, coupling C, development T, coordination D = &radic;(CT) and its level.
 * C is the n-coefficient form of spec §B5; Wang Shujia et al. 2021 (自然资源学报 36(3):793) list a
 * dropped coefficient among common misuses (abstract), and their modified C is {@link #modifiedCoupling}.
 */
public final class CouplingCoordination {
    private CouplingCoordination() {
    }

    /**
     * Range normalisation x&#771; = 0.01 + 0.98(x&minus;min)/(max&minus;min) for a positive (+) indicator,
     * 0.01 + 0.98(max&minus;x)/(max&minus;min) for a negative (&minus;) one, clamped to [0.01, 0.99]
     * (spec §B5; bounds are frozen from the baseline run, so x may fall outside them).
     *
     * @param x        raw indicator value
     * @param min      lower bound
     * @param max      upper bound, &ge; min
     * @param positive true if larger x is better
     * @return x&#771; in [0.01, 0.99]; 0.5 if max = min
     */
    public static double normalise(double x, double min, double max, boolean positive) {
        Checks.finite("x", x);
        Checks.finite("min", min);
        Checks.finite("max", max);
        if (max < min) {
            throw new IllegalArgumentException("max must be >= min, got min=" + min + ", max=" + max);
        }
        if (max == min) {
            return 0.5;
        }
        double r = positive ? (x - min) / (max - min) : (max - x) / (max - min);
        return Math.min(0.99, Math.max(0.01, 0.01 + 0.98 * r));
    }

    /**
     * Entropy-method weights (spec §B5): p<sub>rk</sub> = x&#771;<sub>rk</sub>/&Sigma;<sub>r</sub>x&#771;<sub>rk</sub>,
     * e<sub>k</sub> = &minus;(1/ln n)&Sigma;<sub>r</sub>p<sub>rk</sub>ln p<sub>rk</sub> (0&middot;ln 0 = 0),
     * w<sub>k</sub> = (1&minus;e<sub>k</sub>)/&Sigma;(1&minus;e<sub>k</sub>); equal weights if every
     * 1&minus;e<sub>k</sub> is 0. Indicators that vary more across observations get more weight.
     *
     * @param panel rows = observations (e.g. region&times;tick, at least 2), columns = normalised indicators,
     *              finite &ge; 0 with a positive column sum
     * @return weights, one per column, summing to 1
     */
    public static double[] entropyWeights(double[][] panel) {
        if (panel == null || panel.length < 2) {
            throw new IllegalArgumentException("panel must have at least 2 rows, got "
                    + (panel == null ? "null" : panel.length));
        }
        int n = panel.length;
        if (panel[0] == null || panel[0].length == 0) {
            throw new IllegalArgumentException("panel[0] must have at least 1 column");
        }
        int k = panel[0].length;
        double[] colSum = new double[k];
        for (int r = 0; r < n; r++) {
            if (panel[r] == null || panel[r].length != k) {
                throw new IllegalArgumentException("panel[" + r + "] must have " + k + " columns");
            }
            Checks.nonNegativeArray("panel[" + r + "]", panel[r]);
            for (int c = 0; c < k; c++) {
                colSum[c] += panel[r][c];
            }
        }
        double lnN = Math.log(n);
        double[] d = new double[k];
        double sumD = 0.0;
        for (int c = 0; c < k; c++) {
            if (!(colSum[c] > 0.0)) {
                throw new IllegalArgumentException("panel column " + c + " must have a positive sum");
            }
            double h = 0.0;
            for (int r = 0; r < n; r++) {
                double p = panel[r][c] / colSum[c];
                if (p > 0.0) {
                    h -= p * Math.log(p);
                }
            }
            d[c] = Math.max(0.0, 1.0 - h / lnN);
            sumD += d[c];
        }
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
            w[c] = sumD > 0.0 ? d[c] / sumD : 1.0 / k;
        }
        return w;
    }

    /**
     * Subsystem index U<sub>j</sub> = &Sigma;<sub>k</sub> w<sub>jk</sub>x&#771;<sub>jk</sub> (spec §B5).
     *
     * @param normalised x&#771; values, finite
     * @param weights    finite &ge; 0 weights, same length (normally summing to 1)
     * @return U
     */
    public static double index(double[] normalised, double[] weights) {
        Checks.finiteArray("normalised", normalised);
        Checks.nonNegativeArray("weights", weights);
        Checks.sameLength("weights", weights, "normalised", normalised.length);
        double u = 0.0;
        for (int k = 0; k < normalised.length; k++) {
            u += weights[k] * normalised[k];
        }
        return u;
    }

    /**
     * Coupling degree C = n&middot;[&Pi;U<sub>i</sub>/(&Sigma;U<sub>i</sub>)<sup>n</sup>]<sup>1/n</sup>, i.e. the
     * geometric over the arithmetic mean (spec §B5; n = 4 for RE-TI-MF-HR, n = 2 for pairs such as
     * TI-MF). C is in [0, 1] and equals 1 iff all U<sub>i</sub> are equal and positive.
     *
     * @param u subsystem indices U<sub>i</sub>, at least 2, finite &ge; 0
     * @return C; 0 if any U<sub>i</sub> is 0 (including all 0)
     */
    public static double coupling(double... u) {
        checkSubsystems(u, false);
        int n = u.length;
        double sum = 0.0;
        double sumLog = 0.0;
        for (double x : u) {
            if (x == 0.0) {
                return 0.0;
            }
            sum += x;
            sumLog += Math.log(x);
        }
        double c = Math.exp(sumLog / n) / (sum / n);
        return Math.min(1.0, c);
    }

    /**
     * Comprehensive development T = &Sigma;&alpha;<sub>j</sub>U<sub>j</sub> (spec §B5).
     *
     * @param u     subsystem indices, finite &ge; 0, not empty
     * @param alpha contributions &alpha;<sub>j</sub> &ge; 0, same length, summing to 1 (&plusmn;1e-9)
     * @return T
     */
    public static double development(double[] u, double[] alpha) {
        Checks.nonNegativeArray("u", u);
        Checks.notEmpty("u", u);
        Checks.nonNegativeArray("alpha", alpha);
        Checks.sameLength("alpha", alpha, "u", u.length);
        double sumA = 0.0;
        double t = 0.0;
        for (int j = 0; j < u.length; j++) {
            sumA += alpha[j];
            t += alpha[j] * u[j];
        }
        if (Math.abs(sumA - 1.0) > 1e-9) {
            throw new IllegalArgumentException("alpha must sum to 1, got " + sumA);
        }
        return t;
    }

    /**
     * Comprehensive development with equal contributions &alpha;<sub>j</sub> = 1/n (spec §B5: &frac14;
     * each), i.e. the mean of U.
     *
     * @param u subsystem indices, finite &ge; 0, not empty
     * @return T
     */
    public static double development(double... u) {
        Checks.nonNegativeArray("u", u);
        Checks.notEmpty("u", u);
        double t = 0.0;
        for (double x : u) {
            t += x;
        }
        return t / u.length;
    }

    /**
     * Coupling coordination degree D = &radic;(C&middot;T) (spec §B5).
     *
     * @param c coupling C in [0, 1]
     * @param t development T, finite &ge; 0
     * @return D
     */
    public static double degree(double c, double t) {
        if (!(c >= 0.0 && c <= 1.0)) {
            throw new IllegalArgumentException("coupling c must be in [0, 1], got " + c);
        }
        if (!(t >= 0.0) || t == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("development t must be finite and >= 0, got " + t);
        }
        return Math.sqrt(c * t);
    }

    /**
     * Modified coupling degree of Wang Shujia, Kong Wei, Ren Liang, Zhi Dandan, Dai Binting 2021,
     * "国内耦合协调度模型的误区及修正", 自然资源学报 36(3):793-810 (spec §B5 option
     * {@code coupling.modified=true}):
     * <pre>
     * C = sqrt( [1 - &Sigma;_{i&gt;j} sqrt((U_i - U_j)^2) / &Sigma;_{m=1}^{n-1} m] &times; &Pi;_i (U_i / max U)^(1/(n-1)) )
     * </pre>
     * i.e. (1 &minus; mean absolute pairwise gap) &times; (&Pi; U<sub>i</sub>/max U)<sup>1/(n&minus;1)</sup>, under a
     * square root. Provenance: the article page (jnr.ac.cn) was found but its formula was not readable
     * in the stored excerpt; the form above was checked against two independent implementations citing
     * the article: R package {@code coupling} (stscl/coupling, {@code ccd.hpp}, method "wang") and
     * R package {@code mathmodels} (zhjx19/mathmodels, {@code system_evaluation.R}, type "adjusted"), which
     * agree with each other and with this form.
     *
     * @param u subsystem indices U<sub>i</sub> in [0, 1], at least 2
     * @return C in [0, 1]; 1 iff all U<sub>i</sub> are equal and positive; 0 if max U = 0
     */
    public static double modifiedCoupling(double... u) {
        checkSubsystems(u, true);
        int n = u.length;
        double max = 0.0;
        double gaps = 0.0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, u[i]);
            for (int j = 0; j < i; j++) {
                gaps += Math.abs(u[i] - u[j]);
            }
        }
        if (max == 0.0) {
            return 0.0;
        }
        double dispersion = 1.0 - gaps / (n * (n - 1) / 2.0);
        double prod = 1.0;
        for (double x : u) {
            prod *= x / max;
        }
        return Math.sqrt(Math.max(0.0, dispersion) * Math.pow(prod, 1.0 / (n - 1)));
    }

    private static void checkSubsystems(double[] u, boolean unitInterval) {
        Checks.nonNegativeArray("u", u);
        if (u.length < 2) {
            throw new IllegalArgumentException("u must hold at least 2 subsystems, got " + u.length);
        }
        if (unitInterval) {
            for (int i = 0; i < u.length; i++) {
                if (u[i] > 1.0) {
                    throw new IllegalArgumentException("u[" + i + "] must be in [0, 1], got " + u[i]);
                }
            }
        }
    }

    /**
     * Coordination level by D in 0.1 bins (spec §B5). Bins are left-open and right-closed as in the
     * common Chinese grading table (e.g. 0.40 &lt; D &le; 0.50 濒临失调), with D = 0 in the lowest bin.
     */
    public enum CoordinationLevel {
        /** 0&ndash;0.1. */
        EXTREME_IMBALANCE("extreme imbalance", "极度失调"),
        /** 0.1&ndash;0.2. */
        SERIOUS_IMBALANCE("serious imbalance", "严重失调"),
        /** 0.2&ndash;0.3. */
        MODERATE_IMBALANCE("moderate imbalance", "中度失调"),
        /** 0.3&ndash;0.4. */
        MILD_IMBALANCE("mild imbalance", "轻度失调"),
        /** 0.4&ndash;0.5. */
        VERGE_OF_IMBALANCE("on the verge of imbalance", "濒临失调"),
        /** 0.5&ndash;0.6. */
        BARELY_COORDINATED("barely coordinated", "勉强协调"),
        /** 0.6&ndash;0.7. */
        PRIMARY_COORDINATION("primary coordination", "初级协调"),
        /** 0.7&ndash;0.8. */
        INTERMEDIATE_COORDINATION("intermediate coordination", "中级协调"),
        /** 0.8&ndash;0.9. */
        GOOD_COORDINATION("good coordination", "良好协调"),
        /** 0.9&ndash;1.0. */
        QUALITY_COORDINATION("quality coordination", "优质协调");

        private static final double[] UPPER = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

        private final String english;
        private final String chinese;

        CoordinationLevel(String english, String chinese) {
            this.english = english;
            this.chinese = chinese;
        }

        /** @return English label */
        public String english() {
            return english;
        }

        /** @return Chinese label */
        public String chinese() {
            return chinese;
        }

        /**
         * Level of a coordination degree: the first bin whose upper bound is &ge; d.
         *
         * @param d coordination degree D in [0, 1]
         * @return the level; 1.0 gives QUALITY_COORDINATION
         */
        public static CoordinationLevel of(double d) {
            if (!(d >= 0.0 && d <= 1.0)) {
                throw new IllegalArgumentException("coordination degree d must be in [0, 1], got " + d);
            }
            CoordinationLevel[] all = values();
            for (int k = 0; k < UPPER.length; k++) {
                if (d <= UPPER[k]) {
                    return all[k];
                }
            }
            return QUALITY_COORDINATION;
        }
    }
}
