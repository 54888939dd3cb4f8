package org.ngai.model.engine;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioException;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.scenario.ScheduledChange;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.tick.Environment;

/**
 * Counterfactual forks (docs/pipeline.md "Forks"). A fork of a run at tick t is a run whose state when
 * tick t begins is the parent's, and which from t on runs under changed parameters.
 * <p>
 * Its scenario is the parent's with the changes scheduled at t: the parent's schedule before t is kept,
 * its entries from t on lose the changed keys (the fork's values hold to the end of the run), and one
 * entry at t sets the changes. Because a scheduled value cannot act before its tick, ticks 1..t−1 of the
 * fork's scenario are the parent's, bit for bit ({@code ForkTest} checks it); the state at t is a function
 * of (scenario, seed, t), which {@link #stateAt} computes with the phase functions the services run.
 */
public final class Fork {
    private Fork() {
    }

    /**
     * The fork's scenario.
     *
     * @param changes parameter key → value in force from {@code tick} on (may be empty: a plain continuation)
     * @param name    the fork's name, or null for "{parent}-fork{tick}"
     * @throws ScenarioException naming {@code tick} or {@code parameters.<key>} when the fork is invalid
     */
    public static Scenario scenario(Scenario parent, int tick, Map<String, Double> changes, String name) {
        if (tick < 1 || tick > parent.ticks()) {
            throw new ScenarioException("tick", "= " + tick + " is outside the parent run [1, " + parent.ticks() + "]");
        }
        Map<Param, Double> set = new EnumMap<>(Param.class);
        StringJoiner what = new StringJoiner(", ");
        for (Map.Entry<String, Double> e : (changes == null ? Map.<String, Double>of() : changes).entrySet()) {
            Param p = Param.byKey(e.getKey());
            if (p == null) {
                throw new ScenarioException("parameters." + e.getKey(), "is not a parameter (see docs/parameters.md)");
            }
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new ScenarioException("parameters." + e.getKey(), "must be a finite number, got " + e.getValue());
            }
            set.put(p, e.getValue());
            what.add(e.getKey() + "=" + e.getValue());
        }
        Scenario.Builder b = parent.toBuilder().clearSchedule().clearExpectations()
                .name(name == null || name.isBlank() ? parent.name() + "-fork" + tick : name)
                .description("fork of " + parent.name() + " at tick " + tick
                        + (set.isEmpty() ? " (no change)" : ": " + what) + ". " + parent.description());
        for (ScheduledChange c : parent.schedule()) {
            if (c.tick() < tick) {
                b.schedule(c.tick(), c.set());
            } else {
                Map<Param, Double> rest = new LinkedHashMap<>(c.set());
                rest.keySet().removeAll(set.keySet());
                if (!rest.isEmpty()) {
                    b.schedule(c.tick(), rest);
                }
            }
        }
        if (!set.isEmpty()) {
            b.schedule(tick, set);   // added last: at the same tick it applies after the parent's entry
        }
        try {
            // through the document form: the same checks (ranges, cross-parameter rules after each entry) as a
            // scenario file or a RUN_STARTED event gets
            return ScenarioLoader.fromTree(ScenarioLoader.toTree(b.build()));
        } catch (ScenarioException ex) {
            String f = ex.field();
            int dot = f.indexOf(".set.");
            if (f.startsWith("schedule[") && dot > 0) {
                String key = f.substring(dot + ".set.".length());
                if (set.containsKey(Param.byKey(key))) {
                    throw new ScenarioException("parameters." + key, ex.getMessage().substring(f.length() + 1));
                }
            }
            throw new ScenarioException("parameters", "make the run inconsistent from tick " + tick + ": " + ex.getMessage());
        }
    }

    /**
     * The state of a run of {@code scenario} when tick {@code tick} begins: population, owners and indicator
     * history after tick−1, and the environment of tick. The listener sees each tick computed on the way, with
     * the environment it leaves for the next tick.
     */
    public static ReferenceEngine.Session stateAt(Scenario scenario, int tick, Prefix listener) {
        if (tick < 1 || tick > scenario.ticks()) {
            throw new IllegalArgumentException("fork tick " + tick + " is outside the run [1, " + scenario.ticks() + "]");
        }
        ReferenceEngine.Session s = new ReferenceEngine().start(scenario);
        while (s.tick() < tick) {
            TickIndicators ind = s.step();
            listener.tick(ind, s.environment());
        }
        return s;
    }

    /** The state at the start of {@code tick} (see {@link #stateAt(Scenario, int, Prefix)}). */
    public static ReferenceEngine.Session stateAt(Scenario scenario, int tick) {
        return stateAt(scenario, tick, (i, e) -> { });
    }

    /** One tick of the prefix: its indicators and the environment of the tick after it. */
    public interface Prefix {
        void tick(TickIndicators indicators, Environment next);
    }
}
