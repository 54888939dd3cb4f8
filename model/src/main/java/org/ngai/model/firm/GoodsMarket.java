package org.ngai.model.firm;

import java.util.Arrays;
import org.ngai.model.core.Num;

/**
 * Clears one sector's goods market (spec §A6.7: CES demand within a sector, market share ∝
 * (c_i/c̄_s)^(1−ε)). Firms post markup prices p_i = μ·c_i; a firm whose demand exceeds its capacity
 * sells its capacity at the price that clears its own demand. The sector price index X = P^(1−ε)
 * solves X = Σ_unconstrained d_i p_i^(1−ε) + (X/E)^((ε−1)/ε)·Σ_constrained d_i^(1/ε) cap_i^((ε−1)/ε),
 * so that revenue adds up to expenditure E exactly. Solved by bisection in ln X over thresholds
 * sorted once (deterministic; O(n log n)).
 */
final class GoodsMarket {
    private GoodsMarket() {
    }

    /**
     * @param shift    demand shifters d_i
     * @param price    posted prices p_i (overwritten with the prices charged)
     * @param capacity capacities (≥ 0)
     * @param output   filled with quantities sold
     * @return the price index P_s, or NaN if nothing can be sold
     */
    static double clear(double expenditure, double eps, double[] shift, double[] price, double[] capacity,
                        double[] output) {
        int n = shift.length;
        if (n == 0 || expenditure <= 0) {
            return Double.NaN;
        }
        double[] a = new double[n];
        double[] b = new double[n];
        double[] t = new double[n];
        double gamma = (eps - 1) / eps;
        double total = 0;
        for (int i = 0; i < n; i++) {
            a[i] = shift[i] * Num.powFast(price[i], 1 - eps);
            b[i] = capacity[i] > 0 ? Num.powFast(shift[i], 1 / eps) * Num.powFast(capacity[i], gamma) : 0;
            t[i] = capacity[i] > 0 ? shift[i] * Num.powFast(price[i], -eps) * expenditure / capacity[i] : Double.POSITIVE_INFINITY;
            total += a[i];
        }
        int[] order = org.ngai.model.core.IndexSort.byKey(t);
        double[] sortedT = new double[n];
        double[] prefixA = new double[n + 1];
        double[] suffixB = new double[n + 1];
        for (int k = 0; k < n; k++) {
            sortedT[k] = t[order[k]];
            prefixA[k + 1] = prefixA[k] + a[order[k]];
        }
        for (int k = n - 1; k >= 0; k--) {
            suffixB[k] = suffixB[k + 1] + b[order[k]];
        }
        if (total <= 0 && suffixB[0] <= 0) {
            Arrays.fill(output, 0);
            return Double.NaN;
        }
        // G(X) = RHS(X) − X is ≤ 0 at X = Σa and > 0 near 0: bisection in ln X
        double hi = Num.log(Math.max(total, 1e-300));
        double lo = hi - 80;
        for (int it = 0; it < 200 && hi - lo > 1e-14; it++) {
            double mid = 0.5 * (lo + hi);
            double x = Num.exp(mid);
            if (rhs(x, expenditure, gamma, sortedT, prefixA, suffixB) > x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double x = Num.exp(0.5 * (lo + hi));
        for (int i = 0; i < n; i++) {
            if (t[i] <= x) {
                output[i] = shift[i] * Num.powFast(price[i], -eps) * expenditure / x;
            } else if (capacity[i] > 0) {
                output[i] = capacity[i];
                price[i] = Num.powFast(shift[i] * expenditure / (capacity[i] * x), 1 / eps);
            } else {
                output[i] = 0;
            }
        }
        return Num.powFast(x, 1 / (1 - eps));
    }

    private static double rhs(double x, double e, double gamma, double[] sortedT, double[] prefixA, double[] suffixB) {
        int k = upperBound(sortedT, x);
        return prefixA[k] + Num.powFast(x / e, gamma) * suffixB[k];
    }

    /** Number of entries ≤ x in a sorted array. */
    private static int upperBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
