package org.ngai.model.experiment;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean, sample standard deviation and two-sided 95% confidence interval of n values (replicates),
 * mean ± t(0.975, n−1) · sd / √n (Student t). Values that are NaN or infinite (an indicator undefined at
 * a tick) are dropped and not counted in n. With n = 0 everything is NaN; with n = 1 the mean is the
 * value and sd and the interval are NaN; with sd = 0 the interval has zero width.
 */
public record Summary(int n, double mean, double sd, double lo, double hi) {
    public static final double LEVEL = 0.95;
    private static final ConcurrentHashMap<Integer, Double> T = new ConcurrentHashMap<>();

    public static Summary of(double[] values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        if (n == 1) {
            return new Summary(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double sd = Math.sqrt(ss / (n - 1));
        double half = tQuantile(n - 1) * sd / Math.sqrt(n);
        return new Summary(n, mean, sd, mean - half, mean + half);
    }

    /** The 97.5% quantile of Student's t with df degrees of freedom (commons-math3). */
    public static double tQuantile(int df) {
        return T.computeIfAbsent(df, d -> new TDistribution(null, d).inverseCumulativeProbability(0.5 + LEVEL / 2));
    }

    /** Whether the interval lies entirely above or entirely below zero. */
    public boolean excludesZero() {
        return lo > 0 || hi < 0;
    }

    /** Half-width of the interval (NaN when undefined). */
    public double halfWidth() {
        return (hi - lo) / 2;
    }
}
