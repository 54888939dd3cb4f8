package org.ngai.model.core;

/**
 * Counter-based random stream: SplitMix64 seeded by a hash of (seed, stream, entity, tick).
 *
 * <p>docs/specification.md §0 (randomness): randomness comes only from streams keyed by (seed, entity,
 * tick), so the same draw is made whatever the processing order, the number of service instances
 * or a restart. A stream is cheap to create ({@link #of}) or to re-key in place ({@link #reset}).
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    private Rng(long state) {
        this.state = state;
    }

    /** A new stream for (seed, stream, entity, tick). */
    public static Rng of(long seed, Stream stream, long entity, int tick) {
        return new Rng(key(seed, stream, entity, tick));
    }

    /** Re-keys this stream in place (no allocation on the hot path). */
    public Rng reset(long seed, Stream stream, long entity, int tick) {
        state = key(seed, stream, entity, tick);
        hasSpare = false;
        return this;
    }

    static long key(long seed, Stream stream, long entity, int tick) {
        long h = mix(seed ^ GOLDEN);
        h = mix(h ^ (stream.ordinal() + 1L) * 0xD1B54A32D192ED03L);
        h = mix(h ^ entity * 0xAEF17502108EF2D9L);
        h = mix(h ^ ((long) tick + 0x5851F42D4C957F2DL) * 0x9E3779B97F4A7C15L);
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0,1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Uniform in [lo,hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    public boolean bernoulli(double p) {
        return nextDouble() < p;
    }

    /** Uniform integer in [0,n). */
    public int nextInt(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        return (int) Math.floorMod(nextLong(), (long) n);
    }

    /** Standard normal (Marsaglia polar method, strict math so every JVM draws the same). */
    public double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }

    /** Gamma(shape, 1) by Marsaglia-Tsang; shape &gt; 0. */
    public double gamma(double shape) {
        if (shape < 1) {
            double g = gamma(shape + 1);
            return g * StrictMath.pow(nextDouble(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / StrictMath.sqrt(9 * d);
        while (true) {
            double x = gaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x
                    || StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
                return d * v;
            }
        }
    }

    /** Beta(a, b) via two gammas. */
    public double beta(double a, double b) {
        double x = gamma(a);
        double y = gamma(b);
        return x / (x + y);
    }

    /** Index drawn from cumulative weights (last entry = total). */
    public int pick(double[] cumulative) {
        double u = nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** Poisson draw (inversion; fine for the small means used here). */
    public int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + StrictMath.sqrt(mean) * gaussian()));
        }
        double l = StrictMath.exp(-mean);
        int k = 0;
        double p = nextDouble();
        while (p > l) {
            k++;
            p *= nextDouble();
        }
        return k;
    }

    /** Named streams: one per purpose, so adding draws in one phase never shifts another. */
    public enum Stream {
        FIRM_INIT, FIRM_DECIDE, FIRM_PRODUCE, FIRM_ENTRY, TASK_NEW, WORKERS, LENDERS, TECH_OFFERS,
        TECH_MATCH, VENDORS, FINANCE_SCREEN, MARKET, INNOVATION
    }
}
