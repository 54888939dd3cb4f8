package org.ngai.model.core;

/**
 * Strict math helpers. The model uses {@link StrictMath} for transcendental functions so that the
 * reference engine and the distributed services produce identical bits on any JVM.
 */
public final class Num {
    private Num() {
    }

    /** Λ(x) = 1/(1+e^(−x)) (MODEL 0. Conventions). */
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
