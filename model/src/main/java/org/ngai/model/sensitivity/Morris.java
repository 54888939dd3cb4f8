package org.ngai.model.sensitivity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.hipparchus.random.SobolSequenceGenerator;
import org.hipparchus.random.Well19937c;

/**
 * Morris elementary effects (Morris 1991; μ* of Campolongo, Cariboni and Saltelli 2007) on the unit
 * cube [0,1]^k. A trajectory starts at a point of a p-level grid and moves one factor at a time by
 * ±Δ, Δ = p/(2(p−1)), in a random order, so it has k+1 points and gives one elementary effect
 * EE_i = (y(x') − y(x))/(x'_i − x_i) per factor. Start levels come from a Sobol sequence
 * (Hipparchus), the factor order from a seeded Well19937c generator: the design is a pure function of
 * (k, r, p, seed).
 */
public final class Morris {
    private Morris() {
    }

    /** One trajectory: its k+1 points and, for step j (point j → j+1), the factor that moved. */
    public record Trajectory(double[][] points, int[] moved) {
    }

    /** The design: r trajectories and how many candidates were rejected as invalid. */
    public record Design(List<Trajectory> trajectories, int rejected, int levels) {
        public int runs() {
            int n = 0;
            for (Trajectory t : trajectories) {
                n += t.points.length;
            }
            return n;
        }
    }

    /** Statistics of one factor for one output: μ, μ* (mean |EE|), σ (sample sd of EE), n effects used. */
    public record Stats(double mu, double muStar, double sigma, int n) {
    }

    /** Δ for p levels. */
    public static double delta(int levels) {
        return levels / (2.0 * (levels - 1));
    }

    /**
     * r trajectories in k dimensions with p (even) levels. {@code snap} maps a design point to the point
     * actually evaluated (e.g. integer factors rounded), {@code valid} rejects points that cannot be
     * evaluated; a trajectory with an invalid point is dropped and another start point is drawn (at
     * most 20·r candidates, so the design may have fewer than r trajectories but never fails).
     */
    public static Design design(int k, int r, int levels, long seed, UnaryOperator<double[]> snap,
                                Predicate<double[]> valid) {
        if (levels < 2 || levels % 2 != 0) {
            throw new IllegalArgumentException("levels must be even and >= 2, got " + levels);
        }
        double delta = delta(levels);
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(k);
        sobol.nextVector(); // the origin
        List<Trajectory> out = new ArrayList<>(r);
        int rejected = 0;
        for (int candidate = 0; out.size() < r && candidate < 20 * r; candidate++) {
            double[] s = sobol.nextVector();
            Well19937c rng = new Well19937c(new int[] {(int) seed, (int) (seed >>> 32), candidate, 0x5e45});
            double[] x = new double[k];
            double[] dir = new double[k];
            for (int i = 0; i < k; i++) {
                int level = Math.min(levels - 1, (int) Math.floor(s[i] * levels));
                x[i] = (double) level / (levels - 1);
                dir[i] = x[i] + delta <= 1 + 1e-12 ? delta : -delta;
            }
            int[] order = new int[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            for (int i = k - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            double[][] pts = new double[k + 1][];
            pts[0] = snap.apply(x.clone());
            boolean ok = valid.test(pts[0]);
            for (int step = 0; step < k && ok; step++) {
                int i = order[step];
                x[i] = Math.max(0, Math.min(1, x[i] + dir[i]));
                pts[step + 1] = snap.apply(x.clone());
                ok = valid.test(pts[step + 1]);
            }
            if (ok) {
                out.add(new Trajectory(pts, order));
            } else {
                rejected++;
            }
        }
        return new Design(List.copyOf(out), rejected, levels);
    }

    /**
     * Statistics per factor from the outputs y[trajectory][point] of one scalar output. Effects whose
     * outputs are not finite, or whose realised step is zero, are left out (n counts those used).
     */
    public static Stats[] analyse(Design d, int k, double[][] y) {
        List<List<Double>> ee = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            ee.add(new ArrayList<>());
        }
        for (int t = 0; t < d.trajectories().size(); t++) {
            Trajectory tr = d.trajectories().get(t);
            for (int step = 0; step < tr.moved.length; step++) {
                int i = tr.moved[step];
                double dx = tr.points[step + 1][i] - tr.points[step][i];
                double y0 = y[t][step];
                double y1 = y[t][step + 1];
                if (dx != 0 && Double.isFinite(y0) && Double.isFinite(y1)) {
                    ee.get(i).add((y1 - y0) / dx);
                }
            }
        }
        Stats[] out = new Stats[k];
        for (int i = 0; i < k; i++) {
            List<Double> e = ee.get(i);
            int n = e.size();
            if (n == 0) {
                out[i] = new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
                continue;
            }
            double sum = 0;
            double abs = 0;
            for (double v : e) {
                sum += v;
                abs += Math.abs(v);
            }
            double mu = sum / n;
            double ss = 0;
            for (double v : e) {
                ss += (v - mu) * (v - mu);
            }
            out[i] = new Stats(mu, abs / n, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
        }
        return out;
    }
}
