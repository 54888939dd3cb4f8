package org.ngai.model.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.scenario.Expectation;
import org.ngai.model.scenario.Scenario;

/**
 * Checks a lever scenario's {@code expect:} block against an experiment in which the lever is a cell and
 * the baseline the control (docs/experiments.md). For each expectation: per replicate, the mean of the
 * indicator over the expectation's window in the lever's run minus the same in the baseline's run (same
 * seed), summarised over replicates with a 95% t interval; the expectation passes iff the whole interval
 * lies on the expected side of zero (above for up, below for down).
 *
 * <p>Window: the ticks [from, to] as written for the scenario's own horizon ({@code lever.ticks()}); with no
 * from/to, the last 8 ticks of the experiment's run; if the experiment runs fewer ticks than the scenario,
 * tick t maps to ceil(t · runTicks / scenarioTicks); always clamped to the run ({@link Expectation#window}).
 */
public final class ExpectationCheck {
    /**
     * The outcome of one expectation.
     *
     * @param from   first tick of the window actually used
     * @param to     last tick of the window actually used
     * @param effect paired difference lever − control of the window means (n, mean, sd, 95% interval)
     * @param pass   whether the interval lies entirely on the expected side of zero
     */
    public record Outcome(Expectation expectation, int from, int to, Summary effect, boolean pass) {
        /** E.g. "PASS stage.intelligent up over ticks 33..40: Δ = +0.0123 [+0.0101, +0.0145], n = 10". */
        public String describe() {
            String verdict = pass ? "PASS" : effect.n() < 2 ? "N/A " : "FAIL";
            return String.format(Locale.ROOT, "%s %s %s over ticks %d..%d: Δ = %s [%s, %s], n = %d%s", verdict,
                    expectation.indicator().key, expectation.direction().name().toLowerCase(Locale.ROOT), from, to,
                    signed(effect.mean()), signed(effect.lo()), signed(effect.hi()), effect.n(),
                    expectation.note().isBlank() ? "" : " (" + expectation.note() + ")");
        }
    }

    private ExpectationCheck() {
    }

    /** Checks the lever's expectations; its cell is the one whose scenario has the lever's name. */
    public static List<Outcome> check(Scenario lever, ExperimentResult result) {
        Experiment e = result.experiment();
        for (int i = 0; i < e.cells().size(); i++) {
            if (e.cells().get(i).scenario().name().equals(lever.name()) && i != e.control()) {
                return check(lever, result, i);
            }
        }
        throw new IllegalArgumentException("scenario " + lever.name() + " is not a (non-control) cell of experiment " + e.name());
    }

    public static List<Outcome> check(Scenario lever, ExperimentResult result, String cell) {
        return check(lever, result, result.experiment().cellIndex(cell));
    }

    /** Checks the lever's expectations against cell {@code cell} of the result (vs its control). */
    public static List<Outcome> check(Scenario lever, ExperimentResult result, int cell) {
        List<Outcome> out = new ArrayList<>();
        for (Expectation x : lever.expectations()) {
            out.add(check(x, lever.ticks(), result, cell));
        }
        return out;
    }

    /** One expectation written for a scenario of {@code scenarioTicks} ticks. */
    public static Outcome check(Expectation x, int scenarioTicks, ExperimentResult result, int cell) {
        int[] w = x.window(scenarioTicks, result.ticks());
        Summary s = result.pairedWindow(cell, x.indicator(), w[0], w[1]);
        boolean pass = x.direction() == Expectation.Direction.UP ? s.lo() > 0 : s.hi() < 0;
        return new Outcome(x, w[0], w[1], s, pass);
    }

    /** The indicators the given scenarios' expectations need (to add to an experiment's indicators). */
    public static List<Indicator> indicators(List<Scenario> levers) {
        Set<Indicator> s = new LinkedHashSet<>();
        for (Scenario l : levers) {
            for (Expectation x : l.expectations()) {
                s.add(x.indicator());
            }
        }
        return List.copyOf(s);
    }

    static String signed(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%+.4g", v);
    }
}
