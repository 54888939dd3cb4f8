package org.ngai.model.sensitivity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;

/**
 * The factors of the sensitivity analysis: every {@link Param} except the excluded ones, each mapped
 * from u in [0,1] onto its documented range [min, max] — linearly, or on a log scale when min &gt; 0
 * and max/min &gt; 100 (ranges over more than two orders of magnitude, where a linear scale would put
 * almost every draw in the top decade). Integer parameters are rounded to the nearest whole value.
 */
public final class Factors {
    /** Parameters left out, with the reason (printed in docs/sensitivity.md). */
    public static final Map<Param, String> EXCLUDED;

    static {
        Map<Param, String> m = new LinkedHashMap<>();
        m.put(Param.AI_ENABLED, "switch (0/1): the no-AI counterfactual, not an economic parameter");
        m.put(Param.AI_FROZEN, "switch (0/1): the frozen-AI counterfactual (used for the AI TFP gain output instead)");
        m.put(Param.FIRMS_REAL, "unit conversion: real firms per modelled firm, used only to report real totals");
        m.put(Param.VENDORS_REAL0, "unit conversion: real AI firms per modelled vendor, used only to report vendors.count");
        m.put(Param.YUAN_PER_UNIT, "unit conversion: model money to bn yuan, used only in ai.revenueBnYuan");
        m.put(Param.LENDERS, "agent count (resolution of the lender population), not an economic parameter");
        m.put(Param.VENDORS0, "agent count (resolution of the vendor population; each stands for realInitial/initial real firms)");
        m.put(Param.EXPORT_CONTROL_TICK, "event timing with 0 = no shock (a switch); the shock's size parameters stay in and are inert without it");
        m.put(Param.PROTECTION_SUNSET, "policy timing with 0 = no sunset (a switch, discontinuous at 0)");
        EXCLUDED = Collections.unmodifiableMap(new EnumMap<>(m));
    }

    private static final List<Param> FACTORS;

    static {
        List<Param> f = new ArrayList<>();
        for (Param p : Param.values()) {
            if (!EXCLUDED.containsKey(p)) {
                f.add(p);
            }
        }
        FACTORS = List.copyOf(f);
    }

    private Factors() {
    }

    /** The factors, in catalogue order. */
    public static List<Param> all() {
        return FACTORS;
    }

    public static int count() {
        return FACTORS.size();
    }

    public static boolean log(Param p) {
        return p.min > 0 && p.max / p.min > 100;
    }

    /** The parameter value at u in [0,1] (rounded for integer parameters). */
    public static double value(Param p, double u) {
        double v = log(p) ? p.min * Math.pow(p.max / p.min, u) : p.min + u * (p.max - p.min);
        v = Math.max(p.min, Math.min(p.max, v));
        return p.integer ? Math.rint(v) : v;
    }

    /** The scaled coordinate of a value (inverse of {@link #value}). */
    public static double unit(Param p, double v) {
        if (p.max == p.min) {
            return 0;
        }
        return log(p) ? Math.log(v / p.min) / Math.log(p.max / p.min) : (v - p.min) / (p.max - p.min);
    }

    /** The design point moved onto the values actually evaluated (integer factors rounded). */
    public static double[] snap(double[] u) {
        for (int i = 0; i < FACTORS.size(); i++) {
            Param p = FACTORS.get(i);
            if (p.integer) {
                u[i] = unit(p, value(p, u[i]));
            }
        }
        return u;
    }

    /** The point where every factor is at its default. */
    public static double[] defaults() {
        double[] u = new double[FACTORS.size()];
        for (int i = 0; i < u.length; i++) {
            Param p = FACTORS.get(i);
            u[i] = unit(p, p.defaultValue);
        }
        return u;
    }

    /** The raw parameter values of a design point, before repair. */
    public static Map<Param, Double> values(double[] u) {
        Map<Param, Double> m = new EnumMap<>(Param.class);
        for (int i = 0; i < FACTORS.size(); i++) {
            Param p = FACTORS.get(i);
            m.put(p, value(p, u[i]));
        }
        return m;
    }

    /**
     * Cross-parameter repairs, applied to every design point (the analysis is of y∘repair):
     * <ul>
     * <li>initial stage shares: stage 3 first, then 2, then 1, each cut to what is left of 1 (the order
     * in which the population generator fills them, so outputs do not change);</li>
     * <li>vendor layer shares at t0 and among entrants: TECH cut to 1 − BASE (as the vendor draw does);</li>
     * <li>production.tasksInitial cut to production.tasksMax (a firm cannot start above the cap);</li>
     * <li>signalling game W &lt; P &lt; V: P cut to max(V)/1.01, V raised to at least 1.01·P and W lowered to at
     * most 0.99·P.</li>
     * </ul>
     */
    public static String[] repairRules() {
        return new String[] {
            "initial stage shares: `init.stageShareIntelligent` kept, `init.stageShareNetworked` cut to 1 − intelligent, "
                    + "`init.stageShareDigital` cut to 1 − intelligent − networked (the order in which the population generator fills them)",
            "vendor layers: `vendors.layerTech0` cut to 1 − `vendors.layerBase0`, `vendors.layerTechEntry` cut to 1 − "
                    + "`vendors.layerBaseEntry` (as the vendor draw truncates them)",
            "`production.tasksInitial` cut to `production.tasksMax`",
            "signalling game W < P < V: `game.price` cut to `game.goodValue`'s maximum / 1.01, then `game.goodValue` raised "
                    + "to at least 1.01·`game.price` and `game.badValue` lowered to at most 0.99·`game.price`",
        };
    }

    public static Map<Param, Double> repair(Map<Param, Double> m) {
        double s3 = m.get(Param.INIT_STAGE_3);
        double s2 = Math.min(m.get(Param.INIT_STAGE_2), Math.max(0, 1 - s3));
        double s1 = Math.min(m.get(Param.INIT_STAGE_1), Math.max(0, 1 - s3 - s2));
        m.put(Param.INIT_STAGE_2, s2);
        m.put(Param.INIT_STAGE_1, s1);
        m.put(Param.LAYER_TECH0, Math.min(m.get(Param.LAYER_TECH0), 1 - m.get(Param.LAYER_BASE0)));
        m.put(Param.LAYER_TECH_ENTRY, Math.min(m.get(Param.LAYER_TECH_ENTRY), 1 - m.get(Param.LAYER_BASE_ENTRY)));
        m.put(Param.TASKS_INITIAL, Math.min(m.get(Param.TASKS_INITIAL), m.get(Param.TASKS_MAX)));
        double price = Math.min(m.get(Param.GAME_PRICE), Param.GAME_GOOD_VALUE.max / 1.01);
        m.put(Param.GAME_PRICE, price);
        m.put(Param.GAME_GOOD_VALUE, Math.min(Param.GAME_GOOD_VALUE.max, Math.max(m.get(Param.GAME_GOOD_VALUE), 1.01 * price)));
        m.put(Param.GAME_BAD_VALUE, Math.max(Param.GAME_BAD_VALUE.min, Math.min(m.get(Param.GAME_BAD_VALUE), 0.99 * price)));
        return m;
    }

    /**
     * The validated parameters of a design point (after repair, and checked against the cross-parameter
     * constraints of {@link Params#checkConsistent}); throws ScenarioException if still invalid.
     */
    public static Params params(double[] u) {
        Params p = Params.defaults().withAll(repair(values(u)));
        Params.checkConsistent(p);
        return p;
    }
}
