package org.ngai.model.core;

/**
 * Strict math helpers. The model uses {@link StrictMath} for transcendental functions so that the
 * reference engine and the distributed services produce identical bits on any JVM.
 */
public final class Num {
    private Num() {
    }

    /** Λ(x) = 1/(1+e^(−x)) (spec §0. Conventions). */
    public static double logistic(double x) {
        return 1.0 / (1.0 + StrictMath.exp(-x));
    }

    public static double pow(double a, double b) {
        return StrictMath.pow(a, b);
    }

    public static double exp(double x) {
        return StrictMath.exp(x);
    }

    public static double log(double x) {
        return StrictMath.log(x);
    }

    /** x^(−2): exact fast path used when ε = 3. */
    public static double powMinus2(double x) {
        return 1.0 / (x * x);
    }

    /**
     * a^b with exact fast paths for the exponents that ε = 3 and σ = 0.5 produce (±1/3, ±2/3, ±2, ±3,
     * ±0.5); every path is deterministic on any JVM.
     */
    public static double powFast(double a, double b) {
        if (b == 2) {
            return a * a;
        } else if (b == -2) {
            return 1.0 / (a * a);
        } else if (b == -3) {
            return 1.0 / (a * a * a);
        } else if (b == 3) {
            return a * a * a;
        } else if (b == 0.5) {
            return Math.sqrt(a);
        } else if (b == -0.5) {
            return 1.0 / Math.sqrt(a);
        } else if (b == 1.0 / 3) {
            return StrictMath.cbrt(a);
        } else if (b == 2.0 / 3) {
            double c = StrictMath.cbrt(a);
            return c * c;
        } else if (b == -1.0 / 3) {
            return 1.0 / StrictMath.cbrt(a);
        }
        return StrictMath.pow(a, b);
    }

    public static double clamp(double x, double lo, double hi) {
        return x < lo ? lo : (x > hi ? hi : x);
    }

    /** a/b, or {@code fallback} when b is zero. */
    public static double ratio(double a, double b, double fallback) {
        return b == 0 ? fallback : a / b;
    }

    /** Sum in index order (the order is part of the determinism contract). */
    public static double sum(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s;
    }
}
