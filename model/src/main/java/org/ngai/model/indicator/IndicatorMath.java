package org.ngai.model.indicator;

import org.ngai.model.core.Num;

/** Small arithmetic the indicator groups share; undefined values are NaN, never ±Infinity. */
final class IndicatorMath {
    private IndicatorMath() {
    }

    /** a / b, NaN unless b > 0. */
    static double ratio(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }

    static double zeroIfNaN(double x) {
        return Double.isNaN(x) ? 0 : x;
    }

    /** Sum in index order (the order matters for bit-identical results). */
    static double sum(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s;
    }

    /** ln x where it is defined; NaN (undefined, not ±Infinity) when x <= 0 or x is not finite. */
    static double lnPos(double x) {
        return x > 0 && Double.isFinite(x) ? Num.log(x) : Double.NaN;
    }
}
