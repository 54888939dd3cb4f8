package org.ngai.model.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.engine.RunResult;
import org.ngai.model.indicator.CouplingCalibration;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;

/**
 * Runs every (cell, replicate) of an {@link Experiment} in the reference engine on a fixed thread pool.
 * Each run is single-threaded and bit-reproducible, and its series is stored at its (cell, replicate)
 * index, so the result does not depend on the number of threads or the order in which runs finish. Per
 * run only the selected indicators' national series are kept (a double[ticks] each).
 */
public final class ExperimentRunner {
    /** Progress: runs done out of total; called from worker threads, one call at a time, done increasing. */
    public interface Progress {
        void update(int done, int total);
    }

    private ExperimentRunner() {
    }

    /** Runs with the experiment's thread count and no progress reporting. */
    public static ExperimentResult run(Experiment e) {
        return run(e, e.threads(), (d, t) -> { }, false);
    }

    public static ExperimentResult run(Experiment e, int threads, Progress progress) {
        return run(e, threads, progress, false);
    }

    /**
     * @param threads worker threads (0: all available processors; never more than the number of runs)
     * @param keepFirstReplicate also keep the full indicator series (all scopes) of replicate 0 of each cell,
     *                           for the single-run outputs of {@code compare}
     */
    public static ExperimentResult run(Experiment e, int threads, Progress progress, boolean keepFirstReplicate) {
        long start = System.nanoTime();
        int cells = e.cells().size();
        int reps = e.replicates();
        int total = cells * reps;
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        n = Math.max(1, Math.min(n, total));
        CouplingCalibration calibration = CouplingCalibration.shipped();
        double[][][][] data = new double[cells][reps][][];
        List<List<TickIndicators>> first = keepFirstReplicate ? new ArrayList<>(java.util.Collections.nCopies(cells, null)) : null;
        AtomicInteger done = new AtomicInteger();
        Object progressLock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "experiment-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(total);
            // replicate-major order: the first results to arrive cover all cells
            for (int r = 0; r < reps; r++) {
                for (int c = 0; c < cells; c++) {
                    final int cell = c;
                    final int rep = r;
                    futures.add(pool.submit(() -> {
                        Scenario s = e.scenario(cell, rep);
                        RunResult result = new ReferenceEngine(calibration).run(s);
                        data[cell][rep] = extract(result.series(), e.indicators(), s.ticks());
                        if (first != null && rep == 0) {
                            synchronized (first) {
                                first.set(cell, result.series());
                            }
                        }
                        synchronized (progressLock) {
                            progress.update(done.incrementAndGet(), total);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException ex) {
                    Throwable cause = ex.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("experiment interrupted", ex);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // the futures' completion (Future.get) orders the workers' writes before these reads
        return new ExperimentResult(e, data, first == null ? null : List.copyOf(first), System.nanoTime() - start);
    }

    /** What an experiment keeps of one run: the national values of its indicators, {@code [indicator][tick − 1]}. */
    public static double[][] extract(List<TickIndicators> series, List<Indicator> indicators, int ticks) {
        double[][] out = new double[indicators.size()][ticks];
        for (double[] row : out) {
            Arrays.fill(row, Double.NaN);
        }
        for (TickIndicators t : series) {
            for (int k = 0; k < indicators.size(); k++) {
                out[k][t.tick() - 1] = t.get(indicators.get(k));
            }
        }
        return out;
    }
}
