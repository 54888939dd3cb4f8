package org.ngai.model.matching;

/** Argument checks shared by this package; every message names the offending argument. */
final class Checks {
    private Checks() {
    }

    static double finite(String name, double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(name + " must be finite, got " + x);
        }
        return x;
    }

    static double nonNegative(String name, double x) {
        if (!(x >= 0.0) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + x);
        }
        return x;
    }

    static double unit(String name, double x) {
        if (!(x >= 0.0 && x <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + x);
        }
        return x;
    }

    static <T> T notNull(String name, T o) {
        if (o == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return o;
    }
}
