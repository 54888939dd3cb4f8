package org.ngai.model.finance;

/**
 * Real-option investment hurdle of Dixit and Pindyck 1994 (<i>Investment under Uncertainty</i>),
 * MODEL.md A6.3: invest only when value/cost &ge; M<sub>h</sub> = &beta;/(&beta;&minus;1), where &beta; &gt; 1 is the
 * positive root of &frac12;&sigma;&sup2;&beta;(&beta;&minus;1) + (r&minus;&delta;)&beta; &minus; r = 0. Uncertainty raises
 * the hurdle: the paper's 转型找死 ("transforming = seeking death") fear. Defaults r = &delta; = 0.05/yr,
 * &sigma;<sub>u</sub> = 0.25 [0.1, 0.6] give M<sub>h</sub> &asymp; 2.16.
 */
public final class RealOption {
    /** Default discount rate r per year (MODEL.md A6.3). */
    public static final double DEFAULT_R = 0.05;
    /** Default payout (convenience) yield &delta; per year (MODEL.md A6.3). */
    public static final double DEFAULT_DELTA = 0.05;
    /** Default volatility &sigma;<sub>u</sub> of project value per year (MODEL.md A6.3). */
    public static final double DEFAULT_SIGMA = 0.25;

    private RealOption() {
    }

    /**
     * &beta; = &frac12; &minus; (r&minus;&delta;)/&sigma;&sup2; + &radic;[((r&minus;&delta;)/&sigma;&sup2; &minus; &frac12;)&sup2; + 2r/&sigma;&sup2;]
     * (MODEL.md A6.3; Dixit-Pindyck 1994 ch. 5).
     *
     * @param r     discount rate &gt; 0
     * @param delta payout yield &delta; &gt; 0 (so that &beta; &gt; 1)
     * @param sigma volatility &sigma; &gt; 0
     * @return &beta; &gt; 1
     */
    public static double beta(double r, double delta, double sigma) {
        positive("r", r);
        positive("delta", delta);
        positive("sigma", sigma);
        double s2 = sigma * sigma;
        double a = (r - delta) / s2;
        return 0.5 - a + Math.sqrt((a - 0.5) * (a - 0.5) + 2.0 * r / s2);
    }

    /**
     * Hurdle multiple M<sub>h</sub> = &beta;/(&beta;&minus;1) (MODEL.md A6.3): required value/cost ratio, i.e.
     * NPV/I &ge; M<sub>h</sub> &minus; 1. It rises with &sigma;; as &sigma; &rarr; 0 it falls to max(1, r/&delta;).
     *
     * @param r     discount rate &gt; 0
     * @param delta payout yield &gt; 0
     * @param sigma volatility &gt; 0
     * @return M<sub>h</sub> &gt; 1
     */
    public static double hurdleMultiple(double r, double delta, double sigma) {
        double b = beta(r, delta, sigma);
        return b / (b - 1.0);
    }

    private static void positive(String name, double x) {
        if (!(x > 0.0) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + x);
        }
    }
}
