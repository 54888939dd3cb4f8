package org.ngai.model.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.ngai.model.core.AiType;
import org.ngai.model.matching.GameMode;

/**
 * A validated scenario: population size, horizon, seed, signalling-game mode (B3), AI type (A3a
 * Table 1), parameter values and timed policy changes. Build one with {@link ScenarioLoader} from a
 * file in {@code scenarios/} or with {@link #builder()}.
 */
public final class Scenario {
    public static final int MIN_FIRMS = 10;
    public static final int MAX_FIRMS = 1_000_000;
    public static final int MAX_TICKS = 200;

    private final String name;
    private final String description;
    private final long seed;
    private final int firms;
    private final int ticks;
    private final GameMode gameMode;
    private final AiType aiType;
    private final Params base;
    private final List<ScheduledChange> schedule;
    private final Params[] byTick;
    private final List<Expectation> expectations;

    private Scenario(Builder b) {
        if (b.name == null || b.name.isBlank()) {
            throw new ScenarioException("name", "must not be blank");
        }
        if (b.firms < MIN_FIRMS || b.firms > MAX_FIRMS) {
            throw new ScenarioException("firms", "= " + b.firms + " is outside the allowed range [" + MIN_FIRMS + ", " + MAX_FIRMS + "]");
        }
        if (b.ticks < 1 || b.ticks > MAX_TICKS) {
            throw new ScenarioException("ticks", "= " + b.ticks + " is outside the allowed range [1, " + MAX_TICKS + "]");
        }
        if (b.gameMode == null) {
            throw new ScenarioException("gameMode", "must be one of PAPER, GENERAL");
        }
        if (b.aiType == null) {
            throw new ScenarioException("aiType", "must be one of " + java.util.Arrays.toString(AiType.values()));
        }
        this.name = b.name;
        this.description = b.description == null ? "" : b.description;
        this.seed = b.seed;
        this.firms = b.firms;
        this.ticks = b.ticks;
        this.gameMode = b.gameMode;
        this.aiType = b.aiType;
        this.base = b.params;
        List<ScheduledChange> sorted = new ArrayList<>(b.schedule);
        for (int i = 0; i < sorted.size(); i++) {
            ScheduledChange c = sorted.get(i);
            if (c.tick() < 1 || c.tick() > b.ticks) {
                throw new ScenarioException("schedule[" + i + "].tick", "= " + c.tick() + " is outside the run [1, " + b.ticks + "]");
            }
            for (Map.Entry<Param, Double> e : c.set().entrySet()) {
                try {
                    Params.validate(e.getKey(), e.getValue());
                } catch (ScenarioException ex) {
                    throw new ScenarioException("schedule[" + i + "].set." + e.getKey().key, ex.getMessage().substring(ex.field().length() + 1));
                }
            }
        }
        sorted.sort(Comparator.comparingInt(ScheduledChange::tick));
        for (int i = 0; i < b.expectations.size(); i++) {
            Expectation e = b.expectations.get(i);
            if (!e.indicator().national) {
                throw new ScenarioException("expect[" + i + "].indicator", "= " + e.indicator().key + " has no national value");
            }
            if (!e.defaultWindow()) {
                if (e.from() < 1 || e.from() > MAX_TICKS) {
                    throw new ScenarioException("expect[" + i + "].from", "= " + e.from() + " is outside the allowed range [1, " + MAX_TICKS + "]");
                }
                if (e.to() < e.from() || e.to() > MAX_TICKS) {
                    throw new ScenarioException("expect[" + i + "].to", "= " + e.to() + " is outside the allowed range [" + e.from() + ", " + MAX_TICKS + "]");
                }
            }
        }
        this.expectations = List.copyOf(b.expectations);
        this.schedule = List.copyOf(sorted);
        this.byTick = new Params[ticks + 1];
        Params current = base;
        int next = 0;
        for (int t = 0; t <= ticks; t++) {
            while (next < schedule.size() && schedule.get(next).tick() <= t) {
                current = current.withAll(schedule.get(next).set());
                next++;
            }
            byTick[t] = current;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.description = description;
        b.seed = seed;
        b.firms = firms;
        b.ticks = ticks;
        b.gameMode = gameMode;
        b.aiType = aiType;
        b.params = base;
        b.schedule = new ArrayList<>(schedule);
        b.expectations = new ArrayList<>(expectations);
        return b;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public long seed() {
        return seed;
    }

    public int firms() {
        return firms;
    }

    public int ticks() {
        return ticks;
    }

    public GameMode gameMode() {
        return gameMode;
    }

    public AiType aiType() {
        return aiType;
    }

    /** Parameter values at t0 (before any scheduled change). */
    public Params params() {
        return base;
    }

    /** Parameter values in force at tick t (scheduled changes applied). */
    public Params paramsAt(int tick) {
        return byTick[Math.max(0, Math.min(tick, ticks))];
    }

    public List<ScheduledChange> schedule() {
        return schedule;
    }

    /**
     * The scenario's expected effects against the baseline (the file's {@code expect:} block; not inherited
     * through {@code extends}). They describe the run and do not change it: {@link #equals} and
     * {@link ScenarioLoader#toTree} leave them out.
     */
    public List<Expectation> expectations() {
        return expectations;
    }

    /** A copy with another seed. */
    public Scenario withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scenario s && s.name.equals(name) && s.seed == seed && s.firms == firms && s.ticks == ticks
                && s.gameMode == gameMode && s.aiType == aiType && s.base.equals(base) && s.schedule.equals(schedule);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, seed, firms, ticks, gameMode, aiType, base);
    }

    @Override
    public String toString() {
        return "Scenario[" + name + ", seed=" + seed + ", firms=" + firms + ", ticks=" + ticks + "]";
    }

    public static final class Builder {
        private String name = "custom";
        private String description = "";
        private long seed = 42;
        private int firms = 10_000;
        private int ticks = 60;
        private GameMode gameMode = GameMode.PAPER;
        private AiType aiType = AiType.MACHINE_LEARNING;
        private Params params = Params.defaults();
        private List<ScheduledChange> schedule = new ArrayList<>();
        private List<Expectation> expectations = new ArrayList<>();

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder firms(int v) {
            firms = v;
            return this;
        }

        public Builder ticks(int v) {
            ticks = v;
            return this;
        }

        public Builder gameMode(GameMode v) {
            gameMode = v;
            return this;
        }

        public Builder aiType(AiType v) {
            aiType = v;
            return this;
        }

        public Builder set(Param p, double value) {
            params = params.with(p, value);
            return this;
        }

        public Builder params(Params p) {
            params = p;
            return this;
        }

        public Builder schedule(int tick, Map<Param, Double> set) {
            schedule.add(new ScheduledChange(tick, set));
            return this;
        }

        public Builder clearSchedule() {
            schedule = new ArrayList<>();
            return this;
        }

        public Builder expect(Expectation e) {
            expectations.add(e);
            return this;
        }

        public Builder clearExpectations() {
            expectations = new ArrayList<>();
            return this;
        }

        public Scenario build() {
            return new Scenario(this);
        }
    }
}
