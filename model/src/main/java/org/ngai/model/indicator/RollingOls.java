package org.ngai.model.indicator;

/**
 * Ordinary least squares slope and the intelligent-industrialisation loop gain of spec §A5:
 * G<sub>loop</sub> = &beta;&#770;(ln adopt on ln q)&middot;&beta;&#770;(ln q on ln R<sub>AI</sub>), estimated over a
 * rolling window of {@value #LOOP_GAIN_WINDOW} ticks.
 */
public final class RollingOls {
    /** Rolling window of the loop-gain regressions, in ticks (spec §A5). */
    public static final int LOOP_GAIN_WINDOW = 8;

    private RollingOls() {
    }

    /**
     * OLS slope of y on x (with intercept): &Sigma;(x&minus;x&#772;)(y&minus;y&#772;)/&Sigma;(x&minus;x&#772;)&sup2;.
     *
     * @param x regressor, finite
     * @param y regressand, finite, same length
     * @return the slope, or NaN if there are fewer than 3 points or x has no variance
     */
    public static double slope(double[] x, double[] y) {
        Checks.finiteArray("x", x);
        Checks.finiteArray("y", y);
        Checks.sameLength("y", y, "x", x.length);
        int n = x.length;
        if (n < 3) {
            return Double.NaN;
        }
        double mx = 0.0;
        double my = 0.0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0.0;
        double sxy = 0.0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            sxx += dx * dx;
            sxy += dx * (y[i] - my);
        }
        return sxx == 0.0 ? Double.NaN : sxy / sxx;
    }

    /**
     * Loop gain over the given points (the caller passes the window): &beta;(ln adopt on ln q) &times;
     * &beta;(ln q on ln R<sub>AI</sub>) (spec §A5). A gain above 0 means more AI revenue goes with
     * better AI, and better AI with more adoption: the loop is closing.
     *
     * @param lnAdopt   ln adoption (share or count of adopters), finite
     * @param lnQ       ln AI quality q<sub>AI</sub>, finite, same length
     * @param lnRevenue ln AI-vendor revenue R<sub>AI</sub>, finite, same length
     * @return G<sub>loop</sub>, or NaN if either slope is undefined
     */
    public static double loopGain(double[] lnAdopt, double[] lnQ, double[] lnRevenue) {
        Checks.finiteArray("lnAdopt", lnAdopt);
        Checks.finiteArray("lnQ", lnQ);
        Checks.finiteArray("lnRevenue", lnRevenue);
        Checks.sameLength("lnQ", lnQ, "lnAdopt", lnAdopt.length);
        Checks.sameLength("lnRevenue", lnRevenue, "lnAdopt", lnAdopt.length);
        return slope(lnQ, lnAdopt) * slope(lnRevenue, lnQ);
    }

    /**
     * Loop gain over the trailing {@code window} points of full series (spec §A5 uses 8 ticks).
     *
     * @param lnAdopt   ln adoption series, finite
     * @param lnQ       ln q<sub>AI</sub> series, same length
     * @param lnRevenue ln R<sub>AI</sub> series, same length
     * @param window    number of trailing ticks, &ge; 3
     * @return G<sub>loop</sub> over the last min(window, length) points, NaN if undefined
     */
    public static double loopGain(double[] lnAdopt, double[] lnQ, double[] lnRevenue, int window) {
        if (window < 3) {
            throw new IllegalArgumentException("window must be >= 3, got " + window);
        }
        Checks.array("lnAdopt", lnAdopt);
        Checks.array("lnQ", lnQ);
        Checks.array("lnRevenue", lnRevenue);
        Checks.sameLength("lnQ", lnQ, "lnAdopt", lnAdopt.length);
        Checks.sameLength("lnRevenue", lnRevenue, "lnAdopt", lnAdopt.length);
        int from = Math.max(0, lnAdopt.length - window);
        return loopGain(java.util.Arrays.copyOfRange(lnAdopt, from, lnAdopt.length),
                java.util.Arrays.copyOfRange(lnQ, from, lnQ.length),
                java.util.Arrays.copyOfRange(lnRevenue, from, lnRevenue.length));
    }
}
