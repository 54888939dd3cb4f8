package org.ngai.model.experiment;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;

/**
 * The outcome of an {@link Experiment}: for every (cell, replicate) the national series of the selected
 * indicators, and the statistics over replicates (docs/experiments.md):
 * <ul>
 * <li>{@link #at}: per cell, indicator and tick, the {@link Summary} (mean, sd, 95% t interval) over replicates;</li>
 * <li>{@link #pairedAt}: the paired difference cell − control per replicate (same seed), summarised;</li>
 * <li>{@link #window} / {@link #pairedWindow}: the same for the per-replicate mean over a window of ticks.</li>
 * </ul>
 * A value that is NaN (indicator undefined at a tick) drops that replicate (or replicate pair) from the
 * statistic; {@link Summary#n()} reports how many were used. Window means are taken per replicate over the
 * ticks where the value is defined; a paired window mean averages the per-tick differences over the ticks
 * where both cell and control are defined.
 */
public final class ExperimentResult {
    private final Experiment experiment;
    /** [cell][replicate][indicator index][tick − 1]. */
    private final double[][][][] data;
    private final List<List<TickIndicators>> firstReplicate;
    private final long elapsedNanos;

    ExperimentResult(Experiment experiment, double[][][][] data, List<List<TickIndicators>> firstReplicate, long elapsedNanos) {
        this.experiment = experiment;
        this.data = data;
        this.firstReplicate = firstReplicate;
        this.elapsedNanos = elapsedNanos;
    }

    /**
     * A result from runs made elsewhere (the pipeline's experiments, docs/experiments.md): {@code data[cell][replicate]}
     * is {@link ExperimentRunner#extract} of that run's series, or null for a run that has not ended (its values
     * count as undefined, so every statistic is over the replicates in so far).
     */
    public static ExperimentResult of(Experiment e, double[][][][] data, long elapsedNanos) {
        int cells = e.cells().size();
        int reps = e.replicates();
        if (data.length != cells) {
            throw new IllegalArgumentException("data has " + data.length + " cells, the experiment " + cells);
        }
        double[][][][] d = new double[cells][reps][][];
        for (int c = 0; c < cells; c++) {
            if (data[c].length != reps) {
                throw new IllegalArgumentException("data of cell " + c + " has " + data[c].length + " replicates, the experiment " + reps);
            }
            for (int r = 0; r < reps; r++) {
                if (data[c][r] == null) {
                    double[][] missing = new double[e.indicators().size()][e.ticks()];
                    for (double[] row : missing) {
                        java.util.Arrays.fill(row, Double.NaN);
                    }
                    d[c][r] = missing;
                } else {
                    d[c][r] = data[c][r];
                }
            }
        }
        return new ExperimentResult(e, d, null, elapsedNanos);
    }

    public Experiment experiment() {
        return experiment;
    }

    public int ticks() {
        return experiment.ticks();
    }

    public int cells() {
        return experiment.cells().size();
    }

    public int replicates() {
        return experiment.replicates();
    }

    /** Calendar quarter per tick (tick 1 first). */
    public List<String> quarters() {
        List<String> q = new ArrayList<>(ticks());
        for (int t = 1; t <= ticks(); t++) {
            q.add(TickIndicators.quarter(t));
        }
        return q;
    }

    /** Wall time of the whole experiment. */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    /**
     * The full indicator series of replicate 0 of a cell, if the runner was asked to keep them
     * ({@link ExperimentRunner#run(Experiment, int, ExperimentRunner.Progress, boolean)}), else null.
     */
    public List<TickIndicators> firstReplicateSeries(int cell) {
        return firstReplicate == null ? null : firstReplicate.get(cell);
    }

    private int index(Indicator i) {
        int k = experiment.indicators().indexOf(i);
        if (k < 0) {
            throw new IllegalArgumentException("indicator " + i.key + " was not kept by experiment " + experiment.name()
                    + " (add it to indicators:)");
        }
        return k;
    }

    /** The national series of one run (a copy; index tick − 1). */
    public double[] series(int cell, int replicate, Indicator i) {
        return data[cell][replicate][index(i)].clone();
    }

    /** Cell's value at a tick over replicates. */
    public Summary at(int cell, Indicator i, int tick) {
        int k = index(i);
        double[] v = new double[replicates()];
        for (int r = 0; r < v.length; r++) {
            v[r] = data[cell][r][k][tick - 1];
        }
        return Summary.of(v);
    }

    /** Paired difference cell − control at a tick over replicates. */
    public Summary pairedAt(int cell, Indicator i, int tick) {
        int k = index(i);
        int c = experiment.control();
        double[] v = new double[replicates()];
        for (int r = 0; r < v.length; r++) {
            v[r] = data[cell][r][k][tick - 1] - data[c][r][k][tick - 1];
        }
        return Summary.of(v);
    }

    /** Per replicate, the cell's mean over [from, to] (defined ticks only; NaN if none). */
    public double[] windowMeans(int cell, Indicator i, int from, int to) {
        checkWindow(from, to);
        int k = index(i);
        double[] v = new double[replicates()];
        for (int r = 0; r < v.length; r++) {
            double[] s = data[cell][r][k];
            double sum = 0;
            int n = 0;
            for (int t = from; t <= to; t++) {
                if (Double.isFinite(s[t - 1])) {
                    sum += s[t - 1];
                    n++;
                }
            }
            v[r] = n == 0 ? Double.NaN : sum / n;
        }
        return v;
    }

    /** Per replicate, the mean over [from, to] of cell − control (ticks where both are defined; NaN if none). */
    public double[] pairedWindowDifferences(int cell, Indicator i, int from, int to) {
        checkWindow(from, to);
        int k = index(i);
        int c = experiment.control();
        double[] v = new double[replicates()];
        for (int r = 0; r < v.length; r++) {
            double[] s = data[cell][r][k];
            double[] b = data[c][r][k];
            double sum = 0;
            int n = 0;
            for (int t = from; t <= to; t++) {
                double d = s[t - 1] - b[t - 1];
                if (Double.isFinite(d)) {
                    sum += d;
                    n++;
                }
            }
            v[r] = n == 0 ? Double.NaN : sum / n;
        }
        return v;
    }

    public Summary window(int cell, Indicator i, int from, int to) {
        return Summary.of(windowMeans(cell, i, from, to));
    }

    /** The cell's mean over the experiment's window, summarised over replicates. */
    public Summary window(int cell, Indicator i) {
        return window(cell, i, experiment.windowFrom(), experiment.windowTo());
    }

    public Summary pairedWindow(int cell, Indicator i, int from, int to) {
        return Summary.of(pairedWindowDifferences(cell, i, from, to));
    }

    /** The paired difference cell − control of the window means, summarised over replicates. */
    public Summary pairedWindow(int cell, Indicator i) {
        return pairedWindow(cell, i, experiment.windowFrom(), experiment.windowTo());
    }

    public Summary pairedWindow(String cell, Indicator i) {
        return pairedWindow(experiment.cellIndex(cell), i);
    }

    public Summary window(String cell, Indicator i) {
        return window(experiment.cellIndex(cell), i);
    }

    private void checkWindow(int from, int to) {
        if (from < 1 || to > ticks() || from > to) {
            throw new IllegalArgumentException("window [" + from + ", " + to + "] is not within the run [1, " + ticks() + "]");
        }
    }

    /** Whether two results hold bit-identical series (same experiment shape assumed). */
    public boolean sameData(ExperimentResult other) {
        return java.util.Arrays.deepEquals(data, other.data);
    }
}
