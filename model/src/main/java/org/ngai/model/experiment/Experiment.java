package org.ngai.model.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ngai.model.engine.IndicatorTable;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioException;

/**
 * A validated replicated experiment: cells (each a scenario with its own parameters and schedule), the
 * number of replicates R, the base seed, the indicators kept and the summary window.
 *
 * <p>Seeds (common random numbers): replicate k of <em>every</em> cell runs with the same seed
 * {@link #replicateSeed(long, int) seed_k}, so a cell and the control differ in replicate k only through
 * what the cell changes. Firms and ticks are the same in all cells; the experiment overrides each cell
 * scenario's seed (and firms/ticks when given), nothing else.
 *
 * <p>Build one with {@link #builder()} or read a file with {@link ExperimentLoader}; run it with
 * {@link ExperimentRunner}.
 */
public final class Experiment {
    public static final int MAX_REPLICATES = 1000;
    public static final int DEFAULT_WINDOW = 8;
    /** SplitMix64's increment (the golden ratio in 64 bits), as in core/Rng. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /**
     * One cell: a name and the scenario it runs (firms and ticks already the experiment's; seed set per replicate).
     * A cell with {@code from} changes its parameters from that tick on instead of from the start: its scenario is
     * {@link org.ngai.model.engine.Fork#scenario} of the given one, so each replicate is a fork at that tick of the run
     * of the given scenario with the same seed (through the pipeline, a fork of the control's run when they share
     * their path up to it; docs/experiments.md).
     */
    public record Cell(String name, Scenario scenario, From from) {
        public Cell(String name, Scenario scenario) {
            this(name, scenario, null);
        }
    }

    /** A cell's parameters that take effect at {@code tick} (a fork of every replicate at that tick). */
    public record From(int tick, java.util.Map<String, Double> parameters) {
        public From {
            parameters = java.util.Map.copyOf(parameters);
        }
    }

    private final String name;
    private final String description;
    private final long baseSeed;
    private final int replicates;
    private final int threads;
    private final List<Cell> cells;
    private final int control;
    private final List<Indicator> indicators;
    private final int windowFrom;
    private final int windowTo;

    private Experiment(Builder b) {
        if (b.name == null || b.name.isBlank()) {
            throw new ScenarioException("name", "must not be blank");
        }
        if (b.replicates < 1 || b.replicates > MAX_REPLICATES) {
            throw new ScenarioException("replicates", "= " + b.replicates + " is outside the allowed range [1, " + MAX_REPLICATES + "]");
        }
        if (b.threads < 0 || b.threads > 1024) {
            throw new ScenarioException("threads", "= " + b.threads + " is outside the allowed range [1, 1024]");
        }
        if (b.cells.isEmpty()) {
            throw new ScenarioException("cells", "must list at least one cell");
        }
        List<Cell> resolved = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < b.cells.size(); i++) {
            Cell c = b.cells.get(i);
            if (c.name() == null || c.name().isBlank()) {
                throw new ScenarioException("cells[" + i + "].name", "must not be blank");
            }
            if (!names.add(c.name())) {
                throw new ScenarioException("cells[" + i + "].name", "= '" + c.name() + "' names two cells");
            }
            Scenario s = c.scenario();
            if (b.firms != null || b.ticks != null) {
                Scenario.Builder sb = s.toBuilder();
                if (b.firms != null) {
                    sb.firms(b.firms);
                }
                if (b.ticks != null) {
                    sb.ticks(b.ticks);
                }
                try {
                    s = sb.build();
                } catch (ScenarioException e) {
                    String field = e.field().equals("firms") || e.field().equals("ticks") ? e.field() : "cells[" + i + "].scenario";
                    throw new ScenarioException(field, e.getMessage().substring(e.field().length() + 1)
                            + (field.startsWith("cells") ? " (in " + e.field() + " of scenario " + s.name() + ")" : ""));
                }
            }
            if (c.from() != null) {
                try {
                    s = org.ngai.model.engine.Fork.scenario(s, c.from().tick(), c.from().parameters(), null);
                } catch (ScenarioException e) {
                    String field = e.field().equals("tick") ? "cells[" + i + "].from" : "cells[" + i + "]." + e.field();
                    throw new ScenarioException(field, e.getMessage().substring(e.field().length() + 1));
                }
            }
            resolved.add(new Cell(c.name(), s, c.from()));
        }
        int ctl = 0;
        if (b.control != null) {
            ctl = -1;
            for (int i = 0; i < resolved.size(); i++) {
                if (resolved.get(i).name().equals(b.control)) {
                    ctl = i;
                }
            }
            if (ctl < 0) {
                throw new ScenarioException("control", "= '" + b.control + "' is not a cell; cells: "
                        + resolved.stream().map(Cell::name).toList());
            }
        }
        Scenario ref = resolved.get(ctl).scenario();
        for (int i = 0; i < resolved.size(); i++) {
            Scenario s = resolved.get(i).scenario();
            if (s.firms() != ref.firms() || s.ticks() != ref.ticks()) {
                throw new ScenarioException("cells[" + i + "].scenario", "runs " + s.firms() + " firms for " + s.ticks()
                        + " ticks but the control runs " + ref.firms() + " for " + ref.ticks()
                        + "; cells must agree (set firms: and ticks: in the experiment)");
            }
        }
        List<Indicator> inds = b.indicators == null ? IndicatorTable.HEADLINE : b.indicators;
        if (inds.isEmpty()) {
            throw new ScenarioException("indicators", "must list at least one indicator");
        }
        Set<Indicator> seen = new HashSet<>();
        for (int i = 0; i < inds.size(); i++) {
            Indicator ind = inds.get(i);
            if (ind == null || !ind.national) {
                throw new ScenarioException("indicators[" + i + "]", (ind == null ? "is null" : "= " + ind.key + " has no national value"));
            }
            if (!seen.add(ind)) {
                throw new ScenarioException("indicators[" + i + "]", "= " + ind.key + " is listed twice");
            }
        }
        int ticks = ref.ticks();
        int from = b.windowFrom == null ? Math.max(1, ticks - DEFAULT_WINDOW + 1) : b.windowFrom;
        int to = b.windowTo == null ? ticks : b.windowTo;
        if (from < 1 || from > ticks) {
            throw new ScenarioException("window[0]", "= " + from + " is outside the run [1, " + ticks + "]");
        }
        if (to < from || to > ticks) {
            throw new ScenarioException("window[1]", "= " + to + " is outside [" + from + ", " + ticks + "]");
        }
        this.name = b.name;
        this.description = b.description == null ? "" : b.description;
        this.baseSeed = b.baseSeed != null ? b.baseSeed : ref.seed();
        this.replicates = b.replicates;
        this.threads = b.threads;
        this.cells = List.copyOf(resolved);
        this.control = ctl;
        this.indicators = List.copyOf(inds);
        this.windowFrom = from;
        this.windowTo = to;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The seed of replicate k: seed_0 = baseSeed; seed_k (k &ge; 1) is the k-th output of a SplitMix64
     * generator started at baseSeed, i.e. mix64(baseSeed + k · 0x9E3779B97F4A7C15) with Stafford's
     * "mix13" finaliser (the one core/Rng uses). Deterministic, and distinct replicates get well-separated seeds.
     */
    public static long replicateSeed(long baseSeed, int k) {
        if (k == 0) {
            return baseSeed;
        }
        long z = baseSeed + k * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Cells of a parameter grid: the cartesian product of the values given per parameter, applied to
     * {@code base}; each cell named "key=value key=value" (the first parameter varies slowest).
     */
    public static List<Cell> grid(Scenario base, Map<Param, List<Double>> axes) {
        List<Cell> out = new ArrayList<>();
        List<Map.Entry<Param, List<Double>>> dims = new ArrayList<>(axes.entrySet());
        expand(base, dims, 0, new LinkedHashMap<>(), out);
        return out;
    }

    private static void expand(Scenario base, List<Map.Entry<Param, List<Double>>> dims, int d, LinkedHashMap<Param, Double> chosen,
                               List<Cell> out) {
        if (d == dims.size()) {
            Scenario.Builder b = base.toBuilder();
            StringBuilder name = new StringBuilder();
            for (Map.Entry<Param, Double> e : chosen.entrySet()) {
                b.set(e.getKey(), e.getValue());
                name.append(name.length() == 0 ? "" : " ").append(e.getKey().key).append('=').append(format(e.getValue()));
            }
            out.add(new Cell(name.toString(), b.build()));
            return;
        }
        for (double v : dims.get(d).getValue()) {
            chosen.put(dims.get(d).getKey(), v);
            expand(base, dims, d + 1, chosen, out);
        }
        chosen.remove(dims.get(d).getKey());
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public long baseSeed() {
        return baseSeed;
    }

    public int replicates() {
        return replicates;
    }

    /** Threads asked for; 0: all available processors. */
    public int threads() {
        return threads;
    }

    public List<Cell> cells() {
        return cells;
    }

    /** Index of the control cell in {@link #cells()}. */
    public int control() {
        return control;
    }

    public Cell controlCell() {
        return cells.get(control);
    }

    /** Index of the cell with this name; throws if there is none. */
    public int cellIndex(String cellName) {
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).name().equals(cellName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no cell '" + cellName + "' in experiment " + name + "; cells: "
                + cells.stream().map(Cell::name).toList());
    }

    public List<Indicator> indicators() {
        return indicators;
    }

    public int firms() {
        return cells.get(control).scenario().firms();
    }

    public int ticks() {
        return cells.get(control).scenario().ticks();
    }

    /** First tick of the summary window (1-based, inclusive). */
    public int windowFrom() {
        return windowFrom;
    }

    /** Last tick of the summary window (inclusive). */
    public int windowTo() {
        return windowTo;
    }

    public long seed(int replicate) {
        return replicateSeed(baseSeed, replicate);
    }

    /** The scenario run for (cell, replicate): the cell's scenario with the replicate's seed. */
    public Scenario scenario(int cell, int replicate) {
        return cells.get(cell).scenario().withSeed(seed(replicate));
    }

    public int runs() {
        return cells.size() * replicates;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Experiment[%s, %d cells × %d replicates, %d firms, %d ticks]", name, cells.size(),
                replicates, firms(), ticks());
    }

    public static final class Builder {
        private String name = "experiment";
        private String description = "";
        private Long baseSeed;
        private int replicates = 1;
        private Integer firms;
        private Integer ticks;
        private int threads;
        private String control;
        private final List<Cell> cells = new ArrayList<>();
        private List<Indicator> indicators;
        private Integer windowFrom;
        private Integer windowTo;

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        /** Default: the control scenario's seed. */
        public Builder baseSeed(long v) {
            baseSeed = v;
            return this;
        }

        public Builder replicates(int v) {
            replicates = v;
            return this;
        }

        /** Overrides every cell's number of firms (default: the scenarios'). */
        public Builder firms(Integer v) {
            firms = v;
            return this;
        }

        /** Overrides every cell's number of ticks (default: the scenarios'). */
        public Builder ticks(Integer v) {
            ticks = v;
            return this;
        }

        /** 0 (default): all available processors. */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /** Name of the control cell (default: the first cell). */
        public Builder control(String cellName) {
            control = cellName;
            return this;
        }

        public Builder cell(String cellName, Scenario scenario) {
            cells.add(new Cell(cellName, scenario));
            return this;
        }

        /** A cell whose {@code parameters} apply to {@code scenario} from {@code from.tick()} on. */
        public Builder cell(String cellName, Scenario scenario, From from) {
            cells.add(new Cell(cellName, scenario, from));
            return this;
        }

        /** A cell named after its scenario. */
        public Builder cell(Scenario scenario) {
            return cell(scenario.name(), scenario);
        }

        public Builder cells(List<Cell> more) {
            cells.addAll(more);
            return this;
        }

        /** Indicators kept (national series); default {@link IndicatorTable#HEADLINE}. */
        public Builder indicators(List<Indicator> v) {
            indicators = v == null ? null : new ArrayList<>(v);
            return this;
        }

        /** Summary window [from, to] (ticks, inclusive); default the last 8 ticks. */
        public Builder window(int from, int to) {
            windowFrom = from;
            windowTo = to;
            return this;
        }

        public Experiment build() {
            return new Experiment(this);
        }
    }
}
