package org.ngai.model.engine;

import java.util.Arrays;
import java.util.List;
import org.ngai.model.experiment.Experiment;
import org.ngai.model.experiment.ExperimentResult;
import org.ngai.model.experiment.ExperimentRunner;
import org.ngai.model.experiment.Summary;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioException;

/**
 * A scenario against a comparison scenario (usually a policy lever of spec §D against the baseline),
 * run with the same firms, quarters and seed: the one-cell special case of an {@link Experiment} (control
 * = the comparison scenario). Randomness comes only from streams seeded by (seed, entity, tick), so both
 * runs draw the same numbers wherever they make the same draws (common random numbers): the difference is
 * the lever's effect, not sampling noise. With R &gt; 1 replicates (seeds as in docs/experiments.md,
 * replicate 0 = the scenarios' seed) the differences come with 95% intervals over replicates.
 *
 * @param baseSeries   the comparison scenario's full series in replicate 0 (its own seed)
 * @param policySeries the scenario's full series in replicate 0
 * @param experiment   the replicated result (all national indicators kept)
 */
public record Comparison(Scenario base, List<TickIndicators> baseSeries, Scenario policy, List<TickIndicators> policySeries,
                         ExperimentResult experiment) {

    /** Runs both scenarios once in the reference engine; they must agree on firms, ticks and seed. */
    public static Comparison run(Scenario base, Scenario policy) {
        return run(base, policy, 1, 0, (d, t) -> { });
    }

    /**
     * Runs both scenarios for {@code replicates} seeds (replicate 0: their own seed) on {@code threads}
     * threads (0: all cores); they must agree on firms, ticks and seed.
     */
    public static Comparison run(Scenario base, Scenario policy, int replicates, int threads, ExperimentRunner.Progress progress) {
        requireSame("firms", base.firms(), policy.firms());
        requireSame("ticks", base.ticks(), policy.ticks());
        requireSame("seed", base.seed(), policy.seed());
        ExperimentResult r = ExperimentRunner.run(experiment(base, policy, replicates), threads, progress, true);
        return new Comparison(base, r.firstReplicateSeries(0), policy, r.firstReplicateSeries(1), r);
    }

    /** The experiment behind a comparison: control = base, one cell = policy, every national indicator kept. */
    public static Experiment experiment(Scenario base, Scenario policy, int replicates) {
        String cell = policy.name().equals(base.name()) ? policy.name() + " (scenario)" : policy.name();
        return Experiment.builder().name(policy.name() + "-vs-" + base.name()).replicates(replicates).baseSeed(base.seed())
                .cell(base.name(), base).cell(cell, policy).control(base.name())
                .indicators(Arrays.stream(Indicator.values()).filter(i -> i.national).toList()).build();
    }

    private static void requireSame(String field, long a, long b) {
        if (a != b) {
            throw new ScenarioException(field, "a comparison needs the same " + field + " in both scenarios, got " + a
                    + " and " + b + " (override it with --" + field + ")");
        }
    }

    public int replicates() {
        return experiment.replicates();
    }

    /** The scenario's value minus the comparison's at the last tick, mean over replicates (NaN where undefined). */
    public double finalDelta(Indicator i) {
        return finalEffect(i).mean();
    }

    /** The difference of the run means (each over the ticks where it is defined), mean over replicates. */
    public double meanDelta(Indicator i) {
        return meanEffect(i).mean();
    }

    /** Paired difference at the last tick over replicates, with its 95% interval. */
    public Summary finalEffect(Indicator i) {
        return experiment.pairedAt(1, i, experiment.ticks());
    }

    /** Per replicate the difference of the run means (each over its defined ticks), over replicates. */
    public Summary meanEffect(Indicator i) {
        double[] p = experiment.windowMeans(1, i, 1, experiment.ticks());
        double[] b = experiment.windowMeans(0, i, 1, experiment.ticks());
        double[] d = new double[p.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = p[k] - b[k];
        }
        return Summary.of(d);
    }

    /** Paired difference of the means over the last 8 ticks (the experiment's window), with its 95% interval. */
    public Summary windowEffect(Indicator i) {
        return experiment.pairedWindow(1, i);
    }

    static double last(List<TickIndicators> series, Indicator i) {
        return series.isEmpty() ? Double.NaN : series.get(series.size() - 1).get(i);
    }

    static double mean(List<TickIndicators> series, Indicator i) {
        double sum = 0;
        int n = 0;
        for (TickIndicators t : series) {
            double v = t.get(i);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Headline indicators. One replicate: both runs at the last quarter and over the run, and the
     * differences. Several: means over replicates at the last quarter and the paired differences of the
     * window (last 8 quarters) and run means with their 95% intervals ({@code *}: the interval excludes 0).
     */
    public String table() {
        String last = policySeries.isEmpty() ? "-" : policySeries.get(policySeries.size() - 1).quarter();
        StringBuilder b = new StringBuilder();
        if (replicates() == 1) {
            b.append(String.format("%-34s %11s %11s %11s   %11s %11s %11s%n", "indicator (national)",
                    "base " + last, "scen " + last, "Δ " + last, "base mean", "scen mean", "Δ mean"));
            for (Indicator i : IndicatorTable.HEADLINE) {
                b.append(String.format("%-34s %11s %11s %11s   %11s %11s %11s%n", i.key,
                        IndicatorTable.format(last(baseSeries, i)), IndicatorTable.format(last(policySeries, i)),
                        signed(finalDelta(i)), IndicatorTable.format(mean(baseSeries, i)),
                        IndicatorTable.format(mean(policySeries, i)), signed(meanDelta(i))));
            }
            return b.toString();
        }
        Experiment e = experiment.experiment();
        String window = TickIndicators.quarter(e.windowFrom()) + "–" + TickIndicators.quarter(e.windowTo());
        b.append(String.format("%d replicates (seeds from %d, common random numbers); means over replicates; "
                + "Δ: paired differences with 95%% t intervals; * interval excludes 0%n", replicates(), e.baseSeed()));
        b.append(String.format("%-34s %11s %11s %11s %-27s   %11s %-27s%n", "indicator (national)", "base window",
                "scen window", "Δ window", " 95% interval", "Δ run mean", " 95% interval"));
        for (Indicator i : IndicatorTable.HEADLINE) {
            Summary w = windowEffect(i);
            Summary m = meanEffect(i);
            b.append(String.format("%-34s %11s %11s %11s %-27s   %11s %-27s%n", i.key,
                    IndicatorTable.format(experiment.window(0, i).mean()), IndicatorTable.format(experiment.window(1, i).mean()),
                    signed(w.mean()), " " + interval(w) + (w.excludesZero() ? " *" : ""), signed(m.mean()),
                    " " + interval(m) + (m.excludesZero() ? " *" : "")));
        }
        b.append(String.format("(window: %s, ticks %d..%d)%n", window, e.windowFrom(), e.windowTo()));
        return b.toString();
    }

    private static String interval(Summary s) {
        return Double.isNaN(s.lo()) ? "–" : "[" + signed(s.lo()) + ", " + signed(s.hi()) + "]";
    }

    private static String signed(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        String s = IndicatorTable.format(v);
        return v > 0 ? "+" + s : s;
    }
}
