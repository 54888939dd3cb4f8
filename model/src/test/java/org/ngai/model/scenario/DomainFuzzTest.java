package org.ngai.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.engine.RunResult;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.matching.GameMode;
import org.ngai.model.testing.Cases;

/**
 * Issue "model validity" §4 (domain and input): whatever {@code validate} accepts runs without an exception,
 * and every national indicator is finite or NaN (NaN = not defined / not computable this tick, as
 * {@link TickIndicators} documents); never ±Infinity.
 *
 * <p>Cases are parameter vectors with every {@link Param} independently at its min, max, default or a
 * uniform value in its range (integer parameters whole), plus targeted edges (P = W, P = V, C<sub>0</sub> = P,
 * drift at its minimum and = r, uncertainty at its bounds, AI progress all at max / all at min, AI off, AI
 * frozen, no lender capacity, ...). Most vectors are "repaired" to satisfy the cross-parameter constraints of
 * {@link Params#checkConsistent} (the paper's V &gt; P &gt; W with ties allowed, tasksInitial &le; tasksMax, stage shares
 * summing to at most 1), so they must be accepted; the others are raw and must be either accepted and run, or
 * rejected with a {@link ScenarioException} naming a {@code parameters.} field. Every case goes through the
 * user's path ({@link ScenarioLoader#fromTree}), then runs the {@link ReferenceEngine} with a small population.
 *
 * <p>A failing case prints its label, seed, firms, ticks, game mode, schedule and the non-default parameters,
 * as a scenario document that reproduces it ({@code ./simulate validate} then {@code ./simulate reference}).
 */
class DomainFuzzTest {
    private static final int TRIES = 320;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parameters that drive AI progress: "all at max" / "all at min" cases. */
    private static final Set<Param> AI_PROGRESS = EnumSet.of(Param.THETA0, Param.THETA_GROWTH, Param.THETA_RD,
            Param.THETA_MAX, Param.THETA_US0, Param.THETA_US_GROWTH, Param.CATCH_UP, Param.Q0, Param.QMAX,
            Param.DATA_EXPONENT, Param.DATA_PER_UNIT, Param.PRICE_DECLINE, Param.AI_PRODUCTIVITY,
            Param.THETA_TACIT0, Param.THETA_TACIT_GROWTH, Param.COMPUTE_GROWTH, Param.AUG_GAIN,
            Param.AUG_GAIN_NOVICE, Param.ENERGY_EFFICIENCY_GAIN, Param.PUBLIC_BASE_RD, Param.VENDOR_RD_SHARE,
            Param.COMPUTE0, Param.INTERMEDIARY_P, Param.INTERMEDIARY_Q, Param.INTERMEDIARY_SHARE0);

    /** Parameters whose extreme values make a run much slower (population or agent counts); kept moderate. */
    private static final Set<Param> SIZE = EnumSet.of(Param.VENDORS0);

    /**
     * One fuzz case: a scenario document. {@code repaired} cases satisfy the cross-parameter constraints by
     * construction and must be accepted by validation.
     */
    record FuzzCase(String label, Map<Param, Double> set, long seed, int firms, int ticks, GameMode mode,
                    int scheduleTick, Map<Param, Double> scheduleSet, boolean repaired) {

        ObjectNode document() {
            ObjectNode n = JSON.createObjectNode();
            n.put("name", "fuzz");
            n.put("seed", seed);
            n.put("firms", firms);
            n.put("ticks", ticks);
            n.put("gameMode", mode.name());
            ObjectNode params = n.putObject("parameters");
            set.forEach((p, v) -> params.put(p.key, v));
            if (scheduleTick > 0) {
                ObjectNode e = n.putArray("schedule").addObject();
                e.put("tick", scheduleTick);
                ObjectNode s = e.putObject("set");
                scheduleSet.forEach((p, v) -> s.put(p.key, v));
            }
            return n;
        }

        /** The reproduction: label and the scenario document with only non-default parameters. */
        @Override
        public String toString() {
            return "[" + label + (repaired ? "" : ", raw") + "] " + document();
        }
    }

    private static final AtomicInteger RAN = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();

    @Test
    void everyScenarioValidationAcceptsRunsWithFiniteIndicators() {
        RAN.set(0);
        REJECTED.set(0);
        Cases.forAll("DomainFuzzTest.everyScenarioValidationAcceptsRunsWithFiniteIndicators", TRIES, cases(),
                DomainFuzzTest::acceptedRunsRejectedNamesTheField);
        assertThat(RAN.get()).as("cases that ran (the rest were raw vectors rejected by validation)")
                .isGreaterThan(TRIES * 3 / 4);
    }

    static void acceptedRunsRejectedNamesTheField(FuzzCase c) {
        Scenario s;
        try {
            s = ScenarioLoader.fromTree(c.document());
        } catch (ScenarioException e) {
            if (c.repaired()) {
                throw new AssertionError("validation rejected a vector inside the domain: " + e.getMessage(), e);
            }
            assertThat(e.field()).as(e.getMessage()).matches("(parameters|schedule\\[0]\\.set)\\..+");
            assertThat(e.getMessage()).as("names the allowed range or the constraint").containsAnyOf("[", "must");
            REJECTED.incrementAndGet();
            return;
        }
        RunResult r;
        try {
            r = new ReferenceEngine().run(s);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("validated scenario crashed the run: " + e + top(e), e);
        }
        assertThat(r.series()).hasSize(c.ticks());
        for (TickIndicators t : r.series()) {
            for (Indicator i : Indicator.values()) {
                double v = t.get(i);
                if (Double.isInfinite(v)) {
                    throw new AssertionError("national indicator " + i.key + " = " + v + " at tick " + t.tick());
                }
            }
        }
        RAN.incrementAndGet();
    }

    private static String top(Throwable e) {
        StringBuilder b = new StringBuilder();
        StackTraceElement[] st = e.getStackTrace();
        for (int k = 0; k < Math.min(4, st.length); k++) {
            b.append("\n    at ").append(st[k]);
        }
        return b.toString();
    }

    // ---- the generator ----------------------------------------------------------------------------------

    static Cases.Gen<FuzzCase> cases() {
        List<FuzzCase> edges = edgeCases();
        return new Cases.Gen<>() {
            @Override
            public FuzzCase next(SplittableRandom rng) {
                return randomCase(rng);
            }

            @Override
            public List<FuzzCase> edges() {
                return edges;
            }
        };
    }

    private static FuzzCase randomCase(SplittableRandom rng) {
        Map<Param, Double> set = new EnumMap<>(Param.class);
        double mix = rng.nextDouble(0.05, 1.0); // share of parameters away from their default in this case
        for (Param p : Param.values()) {
            if (rng.nextDouble() >= mix) {
                continue;
            }
            double v = switch (rng.nextInt(4)) {
                case 0 -> p.min;
                case 1 -> p.max;
                case 2 -> p.defaultValue;
                default -> uniform(p, rng);
            };
            set.put(p, moderate(p, v));
        }
        boolean repaired = rng.nextInt(8) != 0;
        if (repaired) {
            repair(set);
        }
        int ticks = 8 + rng.nextInt(5);
        int scheduleTick = 0;
        Map<Param, Double> scheduleSet = Map.of();
        if (repaired && rng.nextInt(4) == 0) {
            // a mid-run change of a few parameters; the parameters in force afterwards stay consistent
            scheduleTick = 2 + rng.nextInt(ticks - 1);
            Map<Param, Double> after = new EnumMap<>(set);
            Map<Param, Double> change = new EnumMap<>(Param.class);
            Param[] all = Param.values();
            for (int k = 1 + rng.nextInt(3); k > 0; k--) {
                Param p = all[rng.nextInt(all.length)];
                double v = moderate(p, rng.nextBoolean() ? uniform(p, rng) : rng.nextBoolean() ? p.min : p.max);
                change.put(p, v);
                after.put(p, v);
            }
            Map<Param, Double> fixed = new EnumMap<>(after);
            repair(fixed);
            for (Map.Entry<Param, Double> e : fixed.entrySet()) {
                if (!e.getValue().equals(after.get(e.getKey())) || change.containsKey(e.getKey())) {
                    change.put(e.getKey(), e.getValue()); // repairs of the combined vector go into the change
                }
            }
            scheduleSet = change;
        }
        GameMode mode = rng.nextBoolean() ? GameMode.PAPER : GameMode.GENERAL;
        return new FuzzCase("random", nonDefault(set), rng.nextLong(), 60 + rng.nextInt(91), ticks, mode,
                scheduleTick, scheduleSet, repaired);
    }

    private static double uniform(Param p, SplittableRandom rng) {
        double v = p.min + (p.max - p.min) * rng.nextDouble();
        if (p.integer) {
            return Math.rint(v);
        }
        // 4 significant digits: readable reproductions
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.4g", v));
    }

    /** Caps the few parameters whose range end is only a cost in run time (not a different economy). */
    private static double moderate(Param p, double v) {
        return SIZE.contains(p) ? Math.min(v, 2000) : v;
    }

    /**
     * Makes a vector satisfy the cross-parameter constraints of {@link Params#checkConsistent}: W &le; P &le; V
     * with W &lt; V, tasksInitial &le; tasksMax and initial stage shares summing to at most 1 (moving as few values
     * as possible).
     */
    static void repair(Map<Param, Double> set) {
        double w = get(set, Param.GAME_BAD_VALUE);
        double pr = get(set, Param.GAME_PRICE);
        double v = get(set, Param.GAME_GOOD_VALUE);
        double[] sorted = {w, pr, v};
        java.util.Arrays.sort(sorted);
        w = sorted[0];
        pr = Math.max(Param.GAME_PRICE.min, sorted[1]);
        v = Math.max(pr, sorted[2]);
        if (!(w < v)) {
            w = v / 2;
        }
        put(set, Param.GAME_BAD_VALUE, w);
        put(set, Param.GAME_PRICE, pr);
        put(set, Param.GAME_GOOD_VALUE, v);
        if (get(set, Param.TASKS_INITIAL) > get(set, Param.TASKS_MAX)) {
            put(set, Param.TASKS_INITIAL, get(set, Param.TASKS_MAX));
        }
        double stages = get(set, Param.INIT_STAGE_1) + get(set, Param.INIT_STAGE_2) + get(set, Param.INIT_STAGE_3);
        if (stages > 1) {
            for (Param p : List.of(Param.INIT_STAGE_1, Param.INIT_STAGE_2, Param.INIT_STAGE_3)) {
                put(set, p, Math.floor(get(set, p) / stages * 1e6) / 1e6);
            }
        }
    }

    private static double get(Map<Param, Double> set, Param p) {
        return set.getOrDefault(p, p.defaultValue);
    }

    private static void put(Map<Param, Double> set, Param p, double v) {
        set.put(p, v);
    }

    private static Map<Param, Double> nonDefault(Map<Param, Double> set) {
        Map<Param, Double> out = new EnumMap<>(Param.class);
        set.forEach((p, v) -> {
            if (v != p.defaultValue) {
                out.put(p, v);
            }
        });
        return out;
    }

    /** Edge cases that may break a cross-parameter constraint: validation may reject them (naming the field). */
    private static final Set<String> RAW_EDGES = Set.of("tasksInitial 12 > tasksMax 4", "quality0 above qualityMax",
            "theta0 above thetaMax", "accuracy base above max");

    /** The targeted edges (all of them run in every test run, before the random cases). */
    private static List<FuzzCase> edgeCases() {
        Map<String, Map<Param, Double>> e = new LinkedHashMap<>();
        e.put("defaults", Map.of());
        e.put("P = W, C0 > P (separating from t0)", Map.of(Param.GAME_PRICE, 0.4, Param.GAME_BAD_VALUE, 0.4));
        e.put("P = W, C0 < P", Map.of(Param.GAME_PRICE, 1.0, Param.GAME_BAD_VALUE, 1.0));
        e.put("P = W = 0.01 (minimum price)", Map.of(Param.GAME_PRICE, 0.01, Param.GAME_BAD_VALUE, 0.01));
        e.put("P = V", Map.of(Param.GAME_PRICE, 1.6));
        e.put("P = V = 100, W = 0", Map.of(Param.GAME_PRICE, 100.0, Param.GAME_GOOD_VALUE, 100.0,
                Param.GAME_BAD_VALUE, 0.0));
        e.put("C0 = P (all markets)", Map.of(Param.GAME_PRICE, 0.5));
        e.put("C0 = P = 0.9, kappa_C = 0", Map.of(Param.GAME_PRICE, 0.9, Param.DISGUISE_COST_TECH, 0.9,
                Param.DISGUISE_COST_FIN, 0.9, Param.DISGUISE_COST_LAB, 0.9, Param.KAPPA_C_TECH, 0.0,
                Param.KAPPA_C_FIN, 0.0, Param.KAPPA_C_LAB, 0.0));
        e.put("C0 = P = 0.1, W = 0", Map.of(Param.GAME_PRICE, 0.1, Param.GAME_BAD_VALUE, 0.0,
                Param.DISGUISE_COST_TECH, 0.1, Param.DISGUISE_COST_FIN, 0.1, Param.DISGUISE_COST_LAB, 0.1));
        e.put("goodShare 0", Map.of(Param.GAME_GOOD_SHARE, 0.0));
        e.put("goodShare 1", Map.of(Param.GAME_GOOD_SHARE, 1.0));
        e.put("drift at its minimum", Map.of(Param.DRIFT, Param.DRIFT.min));
        e.put("drift at its minimum, r max, sigma min, trust max", Map.of(Param.DRIFT, Param.DRIFT.min,
                Param.DISCOUNT_RATE, Param.DISCOUNT_RATE.max, Param.UNCERTAINTY, Param.UNCERTAINTY.min,
                Param.TRUST_BOOST, Param.TRUST_BOOST.max));
        e.put("drift = r = 0.01", Map.of(Param.DRIFT, 0.01, Param.DISCOUNT_RATE, 0.01));
        e.put("drift = r = 0.2", Map.of(Param.DRIFT, 0.2, Param.DISCOUNT_RATE, 0.2));
        e.put("drift max, r min", Map.of(Param.DRIFT, Param.DRIFT.max, Param.DISCOUNT_RATE, Param.DISCOUNT_RATE.min));
        e.put("uncertainty min", Map.of(Param.UNCERTAINTY, Param.UNCERTAINTY.min));
        e.put("uncertainty max", Map.of(Param.UNCERTAINTY, Param.UNCERTAINTY.max));
        e.put("uncertainty min, trust max", Map.of(Param.UNCERTAINTY, Param.UNCERTAINTY.min,
                Param.TRUST_BOOST, Param.TRUST_BOOST.max));
        e.put("hazard slope 0", Map.of(Param.HAZARD_SLOPE, 0.0));
        e.put("Bass p = q = 0", Map.of(Param.BASS_P, 0.0, Param.BASS_Q, 0.0));
        Map<Param, Double> aiMax = new EnumMap<>(Param.class);
        Map<Param, Double> aiMin = new EnumMap<>(Param.class);
        for (Param p : AI_PROGRESS) {
            aiMax.put(p, p.max);
            aiMin.put(p, p.min);
        }
        e.put("AI progress all at max", aiMax);
        e.put("AI progress all at min", aiMin);
        e.put("ai.enabled 0", Map.of(Param.AI_ENABLED, 0.0));
        e.put("ai.frozen 1", Map.of(Param.AI_FROZEN, 1.0));
        e.put("ai.enabled 0, ai.frozen 1", Map.of(Param.AI_ENABLED, 0.0, Param.AI_FROZEN, 1.0));
        e.put("no lender capacity", Map.of(Param.LENDER_CAPACITY, 0.0));
        e.put("one lender, no capacity, no guarantee", Map.of(Param.LENDERS, 1.0, Param.LENDER_CAPACITY, 0.0,
                Param.CASHFLOW_RATIO, 0.0));
        e.put("200 lenders, full capacity", Map.of(Param.LENDERS, 200.0, Param.LENDER_CAPACITY, 1.0));
        e.put("no credit at all", Map.of(Param.LENDER_CAPACITY, 0.0, Param.CASHFLOW_RATIO, 0.0,
                Param.PLEDGEABLE_BASE, 0.0, Param.GUARANTEE, 0.0, Param.LIQUIDITY_BUFFER, 0.0));
        e.put("stage shares sum to 1", Map.of(Param.INIT_STAGE_1, 0.5, Param.INIT_STAGE_2, 0.3,
                Param.INIT_STAGE_3, 0.2));
        e.put("all firms intelligent at t0", Map.of(Param.INIT_STAGE_1, 0.0, Param.INIT_STAGE_2, 0.0,
                Param.INIT_STAGE_3, 1.0));
        e.put("all firms manual at t0", Map.of(Param.INIT_STAGE_1, 0.0, Param.INIT_STAGE_2, 0.0,
                Param.INIT_STAGE_3, 0.0));
        e.put("tasksInitial = tasksMax = 4", Map.of(Param.TASKS_INITIAL, 4.0, Param.TASKS_MAX, 4.0));
        e.put("tasksInitial 12 > tasksMax 4", Map.of(Param.TASKS_INITIAL, 12.0, Param.TASKS_MAX, 4.0));
        e.put("export control at tick 1, full cut", Map.of(Param.EXPORT_CONTROL_TICK, 1.0,
                Param.EXPORT_CONTROL_CUT, 1.0, Param.CHIP_PRICE_SHOCK, 3.0, Param.IMPORT_SHARE, 0.95));
        e.put("no compute growth, minimal headroom", Map.of(Param.COMPUTE0, Param.COMPUTE0.min,
                Param.COMPUTE_GROWTH, 0.0, Param.COMPUTE_RESPONSE, 0.0));
        e.put("full synthetic data", Map.of(Param.SYNTHETIC_SHARE, 0.9, Param.SYNTHETIC_CAP, 0.0,
                Param.COLLAPSE_RATE, 5.0));
        e.put("no fixed cost, no entry", Map.of(Param.FIXED_COST, 0.0, Param.ENTRY_RATE, 0.0));
        e.put("max fixed cost, fast exit", Map.of(Param.FIXED_COST, 1.0, Param.EXIT_LOSS_TICKS, 1.0,
                Param.SLOW_DEATH_TICKS, 1.0));
        e.put("no wage adjustment, no separation floor", Map.of(Param.WAGE_ADJUST, 0.0, Param.WAGE_MAX_STEP, 0.0,
                Param.MAX_LAYOFF, 0.0, Param.HOARDING, 1.0));
        e.put("initial size sd 0, tfp sd 0, wedge sd 0", Map.of(Param.INIT_SIZE_SD, 0.0, Param.INIT_TFP_SD, 0.0,
                Param.WEDGE_SD0, 0.0));
        e.put("smallest firms", Map.of(Param.INIT_SIZE_MEDIAN, 2.0, Param.INIT_SIZE_SD, 3.0));
        e.put("largest firms", Map.of(Param.INIT_SIZE_MEDIAN, 10000.0));
        e.put("one real firm represented", Map.of(Param.FIRMS_REAL, 1.0));
        e.put("fewest vendors", Map.of(Param.VENDORS0, 10.0, Param.VENDORS_REAL0, 1.0));
        e.put("vendor layers sum to 1", Map.of(Param.LAYER_BASE0, 0.5, Param.LAYER_TECH0, 0.5,
                Param.LAYER_BASE_ENTRY, 1.0, Param.LAYER_TECH_ENTRY, 0.0));
        e.put("quality0 above qualityMax", Map.of(Param.Q0, 0.95, Param.QMAX, 0.5));
        e.put("theta0 above thetaMax", Map.of(Param.THETA0, 1.0, Param.THETA_MAX, 0.5));
        e.put("accuracy base above max", Map.of(Param.ACCURACY_BASE, 1.0, Param.ACCURACY_MAX, 0.5));
        e.put("nominal growth max", Map.of(Param.NOMINAL_GROWTH, 0.05));
        e.put("horizon min, review max", Map.of(Param.HORIZON, 4.0, Param.REVIEW_BASE, 8.0));
        e.put("closed economy, long protection", Map.of(Param.OPENNESS, 0.0, Param.PROTECTION_SUNSET, 200.0,
                Param.PROTECTION_INERTIA, 1.0));
        e.put("no matching", Map.of(Param.MATCH_EFFICIENCY, 0.05, Param.MATCH_AI_GAIN, 0.0,
                Param.VISIBILITY_BASE, 0.0));
        e.put("elasticities at min", Map.of(Param.SIGMA, 0.3, Param.DEMAND_ELASTICITY, 1.5,
                Param.TIER_PRICE_ELASTICITY, 1.1));
        e.put("elasticities at max", Map.of(Param.SIGMA, 1.2, Param.DEMAND_ELASTICITY, 10.0,
                Param.TIER_PRICE_ELASTICITY, 5.0));
        e.put("sigma = 1 (Cobb-Douglas tasks)", Map.of(Param.SIGMA, 1.0));
        List<FuzzCase> out = new ArrayList<>();
        long seed = 1;
        for (Map.Entry<String, Map<Param, Double>> x : e.entrySet()) {
            Map<Param, Double> set = new EnumMap<>(Param.class);
            set.putAll(x.getValue());
            boolean repaired = !RAW_EDGES.contains(x.getKey());
            GameMode mode = seed % 2 == 0 ? GameMode.GENERAL : GameMode.PAPER;
            out.add(new FuzzCase(x.getKey(), set, seed, 60 + (int) (seed * 37 % 91), 8 + (int) (seed % 5), mode,
                    0, Map.of(), repaired));
            seed++;
        }
        Map<Param, Double> allMin = new EnumMap<>(Param.class);
        Map<Param, Double> allMax = new EnumMap<>(Param.class);
        for (Param p : Param.values()) {
            allMin.put(p, moderate(p, p.min));
            allMax.put(p, moderate(p, p.max));
        }
        repair(allMin);
        repair(allMax);
        out.add(new FuzzCase("every parameter at min", nonDefault(allMin), 101, 60, 8, GameMode.PAPER, 0, Map.of(),
                true));
        out.add(new FuzzCase("every parameter at max", nonDefault(allMax), 102, 150, 12, GameMode.GENERAL, 0,
                Map.of(), true));
        // schedules: the parameters in force after a change move onto the edges
        out.add(new FuzzCase("schedule: P = W from tick 4", Map.of(), 103, 90, 10, GameMode.PAPER, 4,
                Map.of(Param.GAME_PRICE, 0.4), true));
        out.add(new FuzzCase("schedule: AI frozen and economy closed from tick 3", Map.of(), 104, 90, 10,
                GameMode.GENERAL, 3, Map.of(Param.AI_FROZEN, 1.0, Param.OPENNESS, 0.0), true));
        out.add(new FuzzCase("schedule: AI switched off at tick 5", Map.of(), 105, 90, 10, GameMode.PAPER, 5,
                Map.of(Param.AI_ENABLED, 0.0), true));
        out.add(new FuzzCase("schedule: price above V from tick 2 (must be rejected)", Map.of(), 106, 60, 8,
                GameMode.PAPER, 2, Map.of(Param.GAME_PRICE, 2.0), false));
        out.add(new FuzzCase("firms at the minimum", Map.of(), 107, Scenario.MIN_FIRMS, 12, GameMode.PAPER, 0,
                Map.of(), true));
        return out;
    }
}
