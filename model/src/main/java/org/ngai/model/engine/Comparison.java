package org.ngai.model.engine;

import java.util.List;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioException;

/**
 * A scenario against a comparison scenario (usually a policy lever of MODEL.md D against the baseline),
 * run with the same firms, quarters and seed. Randomness comes only from streams seeded by (seed,
 * entity, tick), so both runs draw the same numbers wherever they make the same draws (common random
 * numbers): the difference is the lever's effect, not sampling noise.
 */
public record Comparison(Scenario base, List<TickIndicators> baseSeries, Scenario policy, List<TickIndicators> policySeries) {

    /** Runs both scenarios in the reference engine; they must agree on firms, ticks and seed. */
    public static Comparison run(Scenario base, Scenario policy) {
        requireSame("firms", base.firms(), policy.firms());
        requireSame("ticks", base.ticks(), policy.ticks());
        requireSame("seed", base.seed(), policy.seed());
        ReferenceEngine engine = new ReferenceEngine();
        return new Comparison(base, engine.run(base).series(), policy, engine.run(policy).series());
    }

    private static void requireSame(String field, long a, long b) {
        if (a != b) {
            throw new ScenarioException(field, "a comparison needs the same " + field + " in both scenarios, got " + a
                    + " and " + b + " (override it with --" + field + ")");
        }
    }

    /** The scenario's value minus the comparison's at the last tick (NaN where either is undefined). */
    public double finalDelta(Indicator i) {
        return last(policySeries, i) - last(baseSeries, i);
    }

    /** The difference of the run means (over the ticks where each is defined). */
    public double meanDelta(Indicator i) {
        return mean(policySeries, i) - mean(baseSeries, i);
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

    /** Headline indicators: both runs at the last quarter and over the run, and the differences. */
    public String table() {
        String last = policySeries.isEmpty() ? "-" : policySeries.get(policySeries.size() - 1).quarter();
        StringBuilder b = new StringBuilder();
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

    private static String signed(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        String s = IndicatorTable.format(v);
        return v > 0 ? "+" + s : s;
    }
}
