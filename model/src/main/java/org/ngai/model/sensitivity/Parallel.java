package org.ngai.model.sensitivity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Evaluates design points on a fixed thread pool; each evaluation runs on one thread and its result
 * is stored at its index, so results do not depend on the number of threads.
 */
final class Parallel {
    /** Progress callback: called once per finished evaluation, from the worker threads. */
    interface Progress {
        void done();
    }

    private Parallel() {
    }

    static double[][] map(int n, int threads, IntFunction<double[]> f, Progress progress) {
        double[][] out = new double[n][];
        if (threads <= 1) {
            for (int i = 0; i < n; i++) {
                out[i] = f.apply(i);
                progress.done();
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sensitivity");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int idx = i;
                futures.add(pool.submit(() -> {
                    out[idx] = f.apply(idx);
                    progress.done();
                }));
            }
            for (Future<?> fu : futures) {
                fu.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }
}
