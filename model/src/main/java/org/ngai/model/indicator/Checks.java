package org.ngai.model.indicator;

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

    static double[] array(String name, double[] x) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return x;
    }

    static double[] finiteArray(String name, double[] x) {
        array(name, x);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + x[i]);
            }
        }
        return x;
    }

    static double[] nonNegativeArray(String name, double[] x) {
        array(name, x);
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= 0.0) || x[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite and >= 0, got " + x[i]);
            }
        }
        return x;
    }

    static double[] positiveArray(String name, double[] x) {
        array(name, x);
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0.0) || x[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite and > 0, got " + x[i]);
            }
        }
        return x;
    }

    static void sameLength(String a, double[] x, String b, int len) {
        if (x.length != len) {
            throw new IllegalArgumentException(a + " must have the same length as " + b + " (" + len + "), got "
                    + x.length);
        }
    }

    static void notEmpty(String name, double[] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
