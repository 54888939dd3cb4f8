package org.ngai.model.indicator;

import java.util.Arrays;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Regional and size inequality indicators of spec §C ("Regional imbalance", "Unemployment /
 * distribution") and A3c: Theil T with its between/within split, Gini, cluster share (CR3 = JJJ + YRD +
 * PRD) and the Herfindahl index.
 */
public final class Inequality {
    private Inequality() {
    }

    /**
     * Theil T of X over units with population N: T = &Sigma;<sub>r</sub> (X<sub>r</sub>/X)
     * ln[(X<sub>r</sub>/X)/(N<sub>r</sub>/N)] (spec §C). Units with X<sub>r</sub> = 0 contribute 0.
     * T = 0 when X is spread like N and ln(N/N<sub>r</sub>) when it all sits in unit r.
     *
     * @param x quantity per unit (e.g. AI vendors, S=3 firms), finite &ge; 0
     * @param n population per unit (e.g. firms, people), finite &ge; 0 and &gt; 0 where x &gt; 0
     * @return T &ge; 0, or NaN if &Sigma;x = 0
     */
    public static double theil(double[] x, double[] n) {
        Checks.nonNegativeArray("x", x);
        Checks.nonNegativeArray("n", n);
        Checks.sameLength("n", n, "x", x.length);
        double sx = 0.0;
        double sn = 0.0;
        for (int r = 0; r < x.length; r++) {
            if (x[r] > 0.0 && n[r] <= 0.0) {
                throw new IllegalArgumentException("n[" + r + "] must be > 0 where x[" + r + "] > 0, got " + n[r]);
            }
            sx += x[r];
            sn += n[r];
        }
        if (sx == 0.0) {
            return Double.NaN;
        }
        double t = 0.0;
        for (int r = 0; r < x.length; r++) {
            if (x[r] > 0.0) {
                double sxr = x[r] / sx;
                t += sxr * Math.log(sxr / (n[r] / sn));
            }
        }
        return t;
    }

    /**
     * Theil split into between-group and within-group parts.
     *
     * @param total   Theil T over all units
     * @param between Theil T over group totals
     * @param within  &Sigma;<sub>g</sub> (X<sub>g</sub>/X)&middot;T<sub>g</sub>
     */
    public record TheilDecomposition(double total, double between, double within) {
    }

    /**
     * Theil T split between and within groups, e.g. macro-areas East/Central/West/NE (spec §C):
     * total = between + within, with between = Theil over group totals (X<sub>g</sub>, N<sub>g</sub>) and
     * within = &Sigma;<sub>g</sub> (X<sub>g</sub>/X)T<sub>g</sub>.
     *
     * @param x     quantity per unit, finite &ge; 0
     * @param n     population per unit, finite &ge; 0 and &gt; 0 where x &gt; 0
     * @param group group id per unit (any ints)
     * @return the decomposition; all NaN if &Sigma;x = 0
     */
    public static TheilDecomposition theilDecomposition(double[] x, double[] n, int[] group) {
        double total = theil(x, n);
        if (group == null || group.length != x.length) {
            throw new IllegalArgumentException("group must have the same length as x (" + x.length + "), got "
                    + (group == null ? "null" : group.length));
        }
        if (Double.isNaN(total)) {
            return new TheilDecomposition(Double.NaN, Double.NaN, Double.NaN);
        }
        TreeMap<Integer, int[]> members = new TreeMap<>();
        for (int g : group) {
            members.computeIfAbsent(g, k -> IntStream.range(0, x.length).filter(r -> group[r] == k).toArray());
        }
        int gCount = members.size();
        double[] xg = new double[gCount];
        double[] ng = new double[gCount];
        double sx = 0.0;
        int k = 0;
        for (int[] rs : members.values()) {
            for (int r : rs) {
                xg[k] += x[r];
                ng[k] += n[r];
            }
            sx += xg[k];
            k++;
        }
        double within = 0.0;
        k = 0;
        for (int[] rs : members.values()) {
            if (xg[k] > 0.0) {
                double[] xs = new double[rs.length];
                double[] ns = new double[rs.length];
                for (int q = 0; q < rs.length; q++) {
                    xs[q] = x[rs[q]];
                    ns[q] = n[rs[q]];
                }
                within += xg[k] / sx * theil(xs, ns);
            }
            k++;
        }
        return new TheilDecomposition(total, theil(xg, ng), within);
    }

    /**
     * Gini coefficient of non-negative values (e.g. wages), every value weighted equally (spec §C).
     * G = &Sigma;<sub>i</sub>&Sigma;<sub>j</sub>|x<sub>i</sub>&minus;x<sub>j</sub>| / (2n&sup2;&mu;); 0 for equal
     * values, (n&minus;1)/n when one unit holds everything.
     *
     * @param values finite &ge; 0, not empty
     * @return G in [0, 1); 0 if all values are 0
     */
    public static double gini(double[] values) {
        Checks.array("values", values);
        double[] ones = new double[values.length];
        Arrays.fill(ones, 1.0);
        return gini(values, ones);
    }

    /**
     * Population-weighted Gini (e.g. wage Gini over region&times;skill cohorts of given size, spec §C):
     * G = &Sigma;<sub>i</sub>&Sigma;<sub>j</sub> w<sub>i</sub>w<sub>j</sub>|x<sub>i</sub>&minus;x<sub>j</sub>| /
     * (2W&sup2;&mu;<sub>w</sub>), computed in O(n log n) after sorting.
     *
     * @param values  finite &ge; 0, not empty
     * @param weights finite &ge; 0 population weights, positive sum
     * @return G in [0, 1); 0 if the weighted mean is 0
     */
    public static double gini(double[] values, double[] weights) {
        Checks.nonNegativeArray("values", values);
        Checks.notEmpty("values", values);
        Checks.nonNegativeArray("weights", weights);
        Checks.sameLength("weights", weights, "values", values.length);
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double totalW = 0.0;
        double totalWx = 0.0;
        for (int i = 0; i < values.length; i++) {
            totalW += weights[i];
            totalWx += weights[i] * values[i];
        }
        if (!(totalW > 0.0)) {
            throw new IllegalArgumentException("weights must have a positive sum, got " + totalW);
        }
        if (totalWx == 0.0) {
            return 0.0;
        }
        // sum over ordered pairs of w_i w_j |x_i - x_j| = 2 sum_i w_i x_i (W_below_i - W_above_i)
        double below = 0.0;
        double acc = 0.0;
        for (int idx : order) {
            double w = weights[idx];
            double above = totalW - below - w;
            acc += w * values[idx] * (below - above);
            below += w;
        }
        double mean = totalWx / totalW;
        return 2.0 * acc / (2.0 * totalW * totalW * mean);
    }

    /**
     * Share of the total held by the masked units, e.g. CR3 = share of JJJ + YRD + PRD (spec §C).
     *
     * @param x    finite &ge; 0
     * @param mask same length as x
     * @return share in [0, 1], or NaN if &Sigma;x = 0
     */
    public static double share(double[] x, boolean[] mask) {
        Checks.nonNegativeArray("x", x);
        if (mask == null || mask.length != x.length) {
            throw new IllegalArgumentException("mask must have the same length as x (" + x.length + "), got "
                    + (mask == null ? "null" : mask.length));
        }
        double all = 0.0;
        double in = 0.0;
        for (int i = 0; i < x.length; i++) {
            all += x[i];
            if (mask[i]) {
                in += x[i];
            }
        }
        return all == 0.0 ? Double.NaN : in / all;
    }

    /**
     * Herfindahl-Hirschman index on shares of x, &Sigma;(x<sub>i</sub>/&Sigma;x)&sup2; (spec §A3c
     * concentration, C AI-vendor HHI); in [1/n, 1].
     *
     * @param x finite &ge; 0 (e.g. sales)
     * @return HHI, or NaN if &Sigma;x = 0
     */
    public static double hhi(double[] x) {
        Checks.nonNegativeArray("x", x);
        double all = 0.0;
        for (double v : x) {
            all += v;
        }
        if (all == 0.0) {
            return Double.NaN;
        }
        double h = 0.0;
        for (double v : x) {
            double s = v / all;
            h += s * s;
        }
        return h;
    }
}
