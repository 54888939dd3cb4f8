package org.ngai.model.matching;

/**
 * Search-and-matching with a Cobb-Douglas matching function (spec §B4; Petrongolo-Pissarides 2001,
 * JEL 39(2)), M = &mu;&middot;u<sup>&alpha;</sup>v<sup>1&minus;&alpha;</sup>, &alpha; = 0.5 [0.3, 0.7], used
 * per region&times;skill cell for LAB and with &mu;<sub>FIN</sub>, &mu;<sub>TECH</sub> for the other markets.
 */
public final class SearchMatching {
    /** Default elasticity of matches with respect to searchers, &alpha; (Petrongolo-Pissarides 2001). */
    public static final double DEFAULT_ALPHA = 0.5;
    /** Default lift of matching efficiency by AI screening, &psi;<sub>&mu;</sub> (Horton 2017: +20% fill rate). */
    public static final double DEFAULT_PSI_MU = 0.2;

    private SearchMatching() {
    }

    /**
     * Matches formed in a cell: min(u, v, &mu;&middot;u<sup>&alpha;</sup>v<sup>1&minus;&alpha;</sup>), and 0
     * if u &le; 0 or v &le; 0 (spec §B4). The min keeps matches feasible when &mu; is large.
     *
     * @param efficiency &mu; &ge; 0
     * @param unemployed u, searchers on the supply side (finite; &le; 0 means none)
     * @param vacancies  v, openings on the demand side (finite; &le; 0 means none)
     * @param alpha      &alpha; in [0, 1]
     * @return matches M
     */
    public static double matches(double efficiency, double unemployed, double vacancies, double alpha) {
        Checks.nonNegative("efficiency mu", efficiency);
        Checks.finite("unemployed u", unemployed);
        Checks.finite("vacancies v", vacancies);
        Checks.unit("alpha", alpha);
        if (unemployed <= 0.0 || vacancies <= 0.0) {
            return 0.0;
        }
        double m = efficiency * Math.pow(unemployed, alpha) * Math.pow(vacancies, 1.0 - alpha);
        return Math.min(m, Math.min(unemployed, vacancies));
    }

    /**
     * AI lifts matching efficiency: &mu;<sub>t</sub> = &mu;<sub>0</sub>(1 + &psi;<sub>&mu;</sub>S) (spec §B4;
     * Horton 2017, JOLE 35(2): algorithmic recommendations raised the fill rate by 20%, default &psi; = 0.2).
     *
     * @param mu0       &mu;<sub>0</sub> &ge; 0, efficiency without AI screening
     * @param psiMu     &psi;<sub>&mu;</sub> &gt; &minus;1
     * @param screening S in [0, 1]
     * @return &mu;<sub>t</sub>
     */
    public static double efficiency(double mu0, double psiMu, double screening) {
        Checks.nonNegative("mu0", mu0);
        Checks.finite("psiMu", psiMu);
        if (!(psiMu > -1.0)) {
            throw new IllegalArgumentException("psiMu must be > -1, got " + psiMu);
        }
        Checks.unit("screening S", screening);
        return mu0 * (1.0 + psiMu * screening);
    }

    /**
     * Implied matching efficiency &mu;&#770; = M/(u<sup>&alpha;</sup>v<sup>1&minus;&alpha;</sup>), the
     * Beveridge-shift indicator of spec §B4.
     *
     * @param matches    M &ge; 0
     * @param unemployed u (finite)
     * @param vacancies  v (finite)
     * @param alpha      &alpha; in [0, 1]
     * @return &mu;&#770;, or NaN if u &le; 0 or v &le; 0
     */
    public static double impliedEfficiency(double matches, double unemployed, double vacancies, double alpha) {
        Checks.nonNegative("matches M", matches);
        Checks.finite("unemployed u", unemployed);
        Checks.finite("vacancies v", vacancies);
        Checks.unit("alpha", alpha);
        if (unemployed <= 0.0 || vacancies <= 0.0) {
            return Double.NaN;
        }
        return matches / (Math.pow(unemployed, alpha) * Math.pow(vacancies, 1.0 - alpha));
    }

    /**
     * Splits a total pro rata to non-negative weights, uncapped. See
     * {@link #allocateProRata(double, double[], boolean)}.
     *
     * @param total   amount to split (finite, &ge; 0)
     * @param weights non-negative finite weights; they must not all be 0 when total &gt; 0
     * @return the shares
     */
    public static double[] allocateProRata(double total, double[] weights) {
        return allocateProRata(total, weights, false);
    }

    /**
     * Splits a total (e.g. a cell's matches M) across agents pro rata to weights (e.g. each firm's
     * vacancies). Deterministic: entry i is total&middot;w<sub>i</sub>/&Sigma;w within a few ulps of total, built
     * from cumulative targets rounded to multiples of ulp(total), so adding the entries in index order
     * gives exactly the allocated total. Zero weights get 0. With {@code capAtWeight} the allocated total
     * is min(total, &Sigma;w) (&Sigma;w summed in index order) and no entry exceeds its weight (no firm fills
     * more vacancies than it posted).
     *
     * @param total       amount to split (finite, &ge; 0)
     * @param weights     non-negative finite weights
     * @param capAtWeight whether entry i may not exceed weights[i]
     * @return the shares, same length as weights
     */
    public static double[] allocateProRata(double total, double[] weights, boolean capAtWeight) {
        Checks.nonNegative("total", total);
        Checks.notNull("weights", weights);
        double sumW = 0.0;
        int last = -1;
        for (int i = 0; i < weights.length; i++) {
            double w = weights[i];
            if (!(w >= 0.0) || w == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("weights[" + i + "] must be finite and >= 0, got " + w);
            }
            sumW += w;
            if (w > 0.0) {
                last = i;
            }
        }
        double[] out = new double[weights.length];
        if (capAtWeight && total >= sumW) {
            System.arraycopy(weights, 0, out, 0, weights.length);
            return out;
        }
        if (total == 0.0) {
            return out;
        }
        if (last < 0) {
            throw new IllegalArgumentException("weights must not all be 0 when total > 0, got total=" + total);
        }
        // Cumulative targets on the grid of ulp(total): every partial sum in index order is then exact.
        double grid = Math.ulp(total);
        double cum = 0.0;
        double previous = 0.0;
        for (int i = 0; i <= last; i++) {
            if (weights[i] == 0.0) {
                continue;
            }
            cum += weights[i];
            double target = i == last ? total : Math.min(total, Math.rint(total * (cum / sumW) / grid) * grid);
            if (capAtWeight) {
                target = Math.min(target, previous + Math.floor(weights[i] / grid) * grid);
            }
            target = Math.max(target, previous);
            out[i] = target - previous;
            previous = target;
        }
        // Capped only: a tiny last weight may not absorb the rounding; give the few ulps left to the latest
        // entries with room (shifting partial sums by multiples of the grid keeps them exact).
        for (int i = last; i >= 0 && previous < total; i--) {
            double add = Math.min(Math.floor((weights[i] - out[i]) / grid) * grid, total - previous);
            while (add > 0.0 && out[i] + add > weights[i]) {
                add -= grid;
            }
            if (add > 0.0) {
                out[i] += add;
                previous += add;
            }
        }
        return out;
    }
}
