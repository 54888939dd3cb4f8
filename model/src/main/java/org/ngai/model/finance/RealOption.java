package org.ngai.model.finance;

/**
 * Real-option investment hurdle of Dixit and Pindyck 1994 (<i>Investment under Uncertainty</i>),
 * spec §A6.3: invest only when value/cost &ge; M<sub>h</sub> = &beta;/(&beta;&minus;1), where &beta; &gt; 1 is the
 * positive root of &frac12;&sigma;&sup2;&beta;(&beta;&minus;1) + (r&minus;&delta;)&beta; &minus; r = 0. Uncertainty raises
 * the hurdle: the paper's 转型找死 ("transforming = seeking death") fear. Defaults r = &delta; = 0.05/yr,
 * &sigma;<sub>u</sub> = 0.25 [0.1, 0.6] give M<sub>h</sub> &asymp; 2.16.
 */
public final class RealOption {
    /** Default discount rate r per year (spec §A6.3). */
    public static final double DEFAULT_R = 0.05;
    /** Default payout (convenience) yield &delta; per year (spec §A6.3). */
    public static final double DEFAULT_DELTA = 0.05;
    /** Default volatility &sigma;<sub>u</sub> of project value per year (spec §A6.3). */
    public static final double DEFAULT_SIGMA = 0.25;

    private RealOption() {
    }

    /**
     * &beta; = &frac12; &minus; (r&minus;&delta;)/&sigma;&sup2; + &radic;[((r&minus;&delta;)/&sigma;&sup2; &minus; &frac12;)&sup2; + 2r/&sigma;&sup2;]
     * (spec §A6.3; Dixit-Pindyck 1994 ch. 5), computed as 1 + {@link #betaMinusOne}.
     *
     * <p>&delta; is the payout (convenience) yield r &minus; &alpha; of the project value, not its growth
     * &alpha;. At &delta; = 0 the formula gives exactly &beta; = 1 for every r &gt; 0 and &sigma; &gt; 0
     * (the root is then &frac12; &minus; a + |a + &frac12;| with a = r/&sigma;&sup2;): the project value grows at
     * the discount rate, waiting always pays and the hurdle &beta;/(&beta;&minus;1) is infinite. So &delta; must be
     * &gt; 0, and {@code adoption.drift} has a positive minimum.
     *
     * @param r     discount rate &gt; 0
     * @param delta payout yield &delta; &gt; 0 (so that &beta; &gt; 1)
     * @param sigma volatility &sigma; &gt; 0
     * @return &beta; &gt; 1
     */
    public static double beta(double r, double delta, double sigma) {
        return 1.0 + betaMinusOne(r, delta, sigma);
    }

    /**
     * &beta; &minus; 1 &gt; 0 without cancellation: x = &beta; &minus; 1 is the positive root of
     * &frac12;&sigma;&sup2;x&sup2; + Bx &minus; &delta; = 0 with B = &frac12;&sigma;&sup2; + r &minus; &delta; (substitute
     * &beta; = 1 + x in the fundamental quadratic), evaluated as 2&delta;/(B + &radic;(B&sup2; + 2&sigma;&sup2;&delta;))
     * when B &gt; 0 and (&radic;(B&sup2; + 2&sigma;&sup2;&delta;) &minus; B)/&sigma;&sup2; otherwise. The direct formula
     * loses most digits of &beta; &minus; 1 when (r&minus;&delta;)/&sigma;&sup2; is large (small &delta;, small &sigma;:
     * e.g. r = 0.2, &delta; = 0.005, &sigma; = 0.02), exactly where the hurdle is most sensitive to it.
     *
     * @param r     discount rate &gt; 0
     * @param delta payout yield &gt; 0
     * @param sigma volatility &gt; 0
     * @return &beta; &minus; 1 &gt; 0
     */
    public static double betaMinusOne(double r, double delta, double sigma) {
        positive("r", r);
        positive("delta", delta);
        positive("sigma", sigma);
        double s2 = sigma * sigma;
        double b = 0.5 * s2 + r - delta;
        double root = Math.sqrt(b * b + 2.0 * s2 * delta);
        return b > 0.0 ? 2.0 * delta / (b + root) : (root - b) / s2;
    }

    /**
     * Hurdle multiple M<sub>h</sub> = &beta;/(&beta;&minus;1) = 1 + 1/(&beta;&minus;1) (spec §A6.3): required
     * value/cost ratio, i.e. NPV/I &ge; M<sub>h</sub> &minus; 1. It rises with &sigma;; as &sigma; &rarr; 0 it falls
     * to max(1, r/&delta;); as &delta; &rarr; 0 it grows without bound (see {@link #beta}).
     *
     * @param r     discount rate &gt; 0
     * @param delta payout yield &gt; 0
     * @param sigma volatility &gt; 0
     * @return M<sub>h</sub> &gt; 1 (finite unless &delta; is so close to 0 that 1/(&beta;&minus;1) overflows)
     */
    public static double hurdleMultiple(double r, double delta, double sigma) {
        return 1.0 + 1.0 / betaMinusOne(r, delta, sigma);
    }

    private static void positive(String name, double x) {
        if (!(x > 0.0) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + x
                    + (name.equals("delta") ? " (at delta = 0, beta = 1 and the hurdle is infinite)" : ""));
        }
    }
}
