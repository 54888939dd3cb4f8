package org.ngai.model.scenario;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** An immutable, validated value for every {@link Param}; reads are array lookups (hot path). */
public final class Params {
    private final double[] values;

    private Params(double[] values) {
        this.values = values;
    }

    public static Params defaults() {
        Param[] ps = Param.values();
        double[] v = new double[ps.length];
        for (Param p : ps) {
            v[p.ordinal()] = p.defaultValue;
        }
        return new Params(v);
    }

    public double get(Param p) {
        return values[p.ordinal()];
    }

    public int getInt(Param p) {
        return (int) values[p.ordinal()];
    }

    /** A copy with one value changed, after validation (error names the key and the range). */
    public Params with(Param p, double value) {
        validate(p, value);
        double[] v = values.clone();
        v[p.ordinal()] = value;
        return new Params(v);
    }

    public Params withAll(Map<Param, Double> changes) {
        double[] v = values.clone();
        for (Map.Entry<Param, Double> e : changes.entrySet()) {
            validate(e.getKey(), e.getValue());
            v[e.getKey().ordinal()] = e.getValue();
        }
        return new Params(v);
    }

    public static void validate(Param p, double value) {
        if (!Double.isFinite(value)) {
            throw new ScenarioException("parameters." + p.key, "must be a finite number, got " + value);
        }
        if (value < p.min || value > p.max) {
            throw new ScenarioException("parameters." + p.key,
                    "= " + value + " is outside the allowed range [" + fmt(p.min) + ", " + fmt(p.max) + "]");
        }
        if (p.integer && value != Math.rint(value)) {
            throw new ScenarioException("parameters." + p.key, "must be a whole number, got " + value);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Values that differ from the defaults, in catalogue order. */
    public Map<String, Double> overrides() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Param p : Param.values()) {
            if (values[p.ordinal()] != p.defaultValue) {
                m.put(p.key, values[p.ordinal()]);
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}
