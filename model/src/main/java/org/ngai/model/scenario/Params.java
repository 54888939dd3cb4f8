package org.ngai.model.scenario;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * The cross-parameter constraints, in one place (issue "model validity" §4): values each inside their own
     * range can still make a meaningless economy. The loader calls this for a scenario's parameters and for the
     * parameters in force after each schedule entry.
     * <ul>
     *   <li>Signalling game (paper §4.3, spec §B3): W &le; P &le; V with W &lt; V. The paper needs V &gt; P &gt; W;
     *       the ties P = W and P = V are allowed and resolved in {@code matching.SignallingGame}.</li>
     *   <li>Tasks (spec §A1): production.tasksInitial &le; production.tasksMax (the cap on tasks per firm).</li>
     *   <li>Initial stage shares (spec §A6.9): init.stageShareDigital + init.stageShareNetworked +
     *       init.stageShareIntelligent &le; 1 (the rest of the firms start at stage 0).</li>
     * </ul>
     *
     * @param p       the parameters in force
     * @param prefix  the field path the error names before the parameter key, e.g. {@code parameters} or
     *                {@code schedule[2].set}
     * @param changed the parameters the document sets there: a violated constraint is reported on the first of
     *                its parameters in this set, else on its first parameter
     * @throws ScenarioException naming the field, the constraint and the range allowed given the other values
     */
    public static void checkConsistent(Params p, String prefix, Set<Param> changed) {
        double price = p.get(Param.GAME_PRICE);
        double good = p.get(Param.GAME_GOOD_VALUE);
        double bad = p.get(Param.GAME_BAD_VALUE);
        String game = ": the paper's signalling game needs V > P > W (ties P = V and P = W are allowed)";
        if (price > good) {
            Param at = blame(changed, Param.GAME_PRICE, Param.GAME_GOOD_VALUE);
            throw at == Param.GAME_PRICE
                    ? problem(p, prefix, at, "must not exceed game.goodValue (" + num(good) + ")" + game
                            + "; allowed here: " + range(bad, good))
                    : problem(p, prefix, at, "must not be below game.price (" + num(price) + ")" + game
                            + "; allowed here: " + range(Math.max(price, at.min), at.max));
        }
        if (price < bad) {
            Param at = blame(changed, Param.GAME_PRICE, Param.GAME_BAD_VALUE);
            throw at == Param.GAME_PRICE
                    ? problem(p, prefix, at, "must not be below game.badValue (" + num(bad) + ")" + game
                            + "; allowed here: " + range(bad, good))
                    : problem(p, prefix, at, "must not exceed game.price (" + num(price) + ")" + game
                            + "; allowed here: " + range(at.min, price));
        }
        if (!(bad < good)) { // here W = P = V
            Param at = blame(changed, Param.GAME_BAD_VALUE, Param.GAME_GOOD_VALUE, Param.GAME_PRICE);
            throw problem(p, prefix, at, "makes game.badValue = game.price = game.goodValue (" + num(good)
                    + "): a good result must be worth more than a bad one (V > W)");
        }
        if (p.get(Param.TASKS_INITIAL) > p.get(Param.TASKS_MAX)) {
            Param at = blame(changed, Param.TASKS_INITIAL, Param.TASKS_MAX);
            throw at == Param.TASKS_INITIAL
                    ? problem(p, prefix, at, "must not exceed production.tasksMax (" + num(p.get(Param.TASKS_MAX))
                            + "): the cap on tasks per firm binds from t0; allowed here: "
                            + range(at.min, Math.min(at.max, p.get(Param.TASKS_MAX))))
                    : problem(p, prefix, at, "must not be below production.tasksInitial ("
                            + num(p.get(Param.TASKS_INITIAL)) + "): the cap on tasks per firm binds from t0; allowed here: "
                            + range(Math.max(at.min, p.get(Param.TASKS_INITIAL)), at.max));
        }
        List<Param> stages = List.of(Param.INIT_STAGE_1, Param.INIT_STAGE_2, Param.INIT_STAGE_3);
        double sum = 0;
        for (Param s : stages) {
            sum += p.get(s);
        }
        if (sum > 1 + 1e-9) {
            Param at = blame(changed, stages.toArray(new Param[0]));
            double others = sum - p.get(at);
            StringBuilder terms = new StringBuilder();
            for (Param s : stages) {
                terms.append(terms.length() == 0 ? "" : " + ").append(s.key).append(' ').append(num(p.get(s)));
            }
            throw problem(p, prefix, at, "makes the initial stage shares sum to " + num(sum) + " (" + terms
                    + "): shares of firms at stages 1-3 must sum to at most 1, the rest start at stage 0; allowed here: "
                    + range(0, Math.max(0, 1 - others)));
        }
    }

    /** {@link #checkConsistent(Params, String, Set)} for a scenario's own parameters (prefix {@code parameters}). */
    public static void checkConsistent(Params p) {
        checkConsistent(p, "parameters", Set.of());
    }

    private static Param blame(Set<Param> changed, Param... involved) {
        for (Param q : involved) {
            if (changed.contains(q)) {
                return q;
            }
        }
        return involved[0];
    }

    private static ScenarioException problem(Params p, String prefix, Param at, String what) {
        return new ScenarioException(prefix + "." + at.key, "= " + num(p.get(at)) + " " + what);
    }

    private static String range(double lo, double hi) {
        return "[" + num(lo) + ", " + num(hi) + "]";
    }

    /** A value in a message: 12 significant digits, so 1 − 0.7 shows as 0.3. */
    private static String num(double d) {
        return fmt(new java.math.BigDecimal(d).round(new java.math.MathContext(12)).doubleValue());
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
