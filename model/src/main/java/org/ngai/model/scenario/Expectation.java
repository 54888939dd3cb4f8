package org.ngai.model.scenario;

import org.ngai.model.indicator.Indicator;

/**
 * One expected effect of a scenario (a policy lever) against the baseline, from the scenario file's
 * {@code expect:} block: the national {@code indicator} should move {@code direction} over the ticks
 * [{@code from}, {@code to}]. {@code from} and {@code to} are 0 when the file leaves them out: then the
 * window is the last 8 ticks of whatever run is checked ({@link #window(int, int)}). Checked by
 * {@code org.ngai.model.experiment.ExpectationCheck} on replicated paired differences (docs/experiments.md).
 *
 * @param note free text (why the paper expects it), may be empty
 */
public record Expectation(Indicator indicator, Direction direction, int from, int to, String note) {
    /** Default window length (ticks) when {@code from}/{@code to} are not given. */
    public static final int DEFAULT_WINDOW = 8;

    public enum Direction {
        UP, DOWN;

        /** +1 for UP, −1 for DOWN. */
        public int sign() {
            return this == UP ? 1 : -1;
        }
    }

    public Expectation {
        if (indicator == null || direction == null) {
            throw new IllegalArgumentException("indicator and direction are required");
        }
        note = note == null ? "" : note;
    }

    /** An expectation over the last {@value #DEFAULT_WINDOW} ticks of the run. */
    public Expectation(Indicator indicator, Direction direction) {
        this(indicator, direction, 0, 0, "");
    }

    /** Whether the window was left to the default (the last {@value #DEFAULT_WINDOW} ticks). */
    public boolean defaultWindow() {
        return from == 0 && to == 0;
    }

    /**
     * The window [from, to] (1-based, inclusive) to use on a run of {@code runTicks} ticks when the
     * expectation was written for a scenario of {@code scenarioTicks} ticks. Rule: with no explicit window,
     * the last 8 ticks of the run (all of it if shorter); if the run is shorter than the scenario, each tick
     * t maps to ceil(t · runTicks / scenarioTicks) (the window keeps its place in the run's time line);
     * otherwise the ticks are used as written; finally the window is clamped to [1, runTicks].
     */
    public int[] window(int scenarioTicks, int runTicks) {
        if (defaultWindow()) {
            return new int[] {Math.max(1, runTicks - DEFAULT_WINDOW + 1), runTicks};
        }
        int f = from;
        int t = to;
        if (runTicks < scenarioTicks) {
            f = (int) Math.ceil((double) f * runTicks / scenarioTicks);
            t = (int) Math.ceil((double) t * runTicks / scenarioTicks);
        }
        f = Math.max(1, Math.min(f, runTicks));
        t = Math.max(f, Math.min(t, runTicks));
        return new int[] {f, t};
    }

    /** E.g. "stage.intelligent up over ticks 9..60" or "... over the last 8 ticks". */
    public String describe() {
        String w = defaultWindow() ? "over the last " + DEFAULT_WINDOW + " ticks" : "over ticks " + from + ".." + to;
        return indicator.key + " " + direction.name().toLowerCase(java.util.Locale.ROOT) + " " + w;
    }
}
