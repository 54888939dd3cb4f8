package org.ngai.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one background thread a service's database writer runs on, so that the database never sits on
 * the tick's critical path: work runs in submission order; {@link #flush()} waits until everything
 * submitted so far is done; {@link #close()} lets queued work finish (on shutdown). Work submitted
 * after close is logged and dropped; the event log still holds it, and replay rewrites it.
 */
public final class WriterThread implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WriterThread.class);
    private final String name;
    private final ExecutorService executor;
    /** Heap the waiting work may hold, in KiB ({@link #inTransaction(String, long, Runnable)}). */
    private final Semaphore budget;
    private final int budgetKib;

    /**
     * Work items waiting at most, by default: beyond them the submitter waits (see {@link #WriterThread(String, int)}).
     * 64 holds a whole 60-tick run's ticks, so a run of a few thousand firms is never slowed by the database, while
     * many runs at once are; large items are bounded by bytes as well ({@link #DEFAULT_BUDGET_BYTES}).
     */
    public static final int DEFAULT_BACKLOG = 64;

    /**
     * Heap the waiting work may hold together, by default: 64 MB. The item bound alone did not bound the heap,
     * since an item's size grows with the run (a tick of firm snapshots is about 4.4 MB at 10,000 firms and
     * 115 MB at 260,000): at most this much is held however large the runs are. Each service's capacity margin
     * ({@code ngai.capacity.heap-margin}, 30% of the heap) covers it (docs/pipeline.md "Capacity").
     */
    public static final long DEFAULT_BUDGET_BYTES = 64L * 1024 * 1024;

    public WriterThread(String name) {
        this(name, DEFAULT_BACKLOG, DEFAULT_BUDGET_BYTES);
    }

    public WriterThread(String name, int backlog) {
        this(name, backlog, DEFAULT_BUDGET_BYTES);
    }

    /**
     * @param backlog work items that may wait; a submitter finding them all taken waits until one is done. The
     *                queue was unbounded: when the database was slower than the runs (two 10,000-firm runs writing
     *                every firm every tick), firm-service's snapshot backlog grew until the heap ran out. Waiting
     *                slows the runs to the database's pace instead.
     */
    public WriterThread(String name, int backlog, long budgetBytes) {
        this.name = name;
        this.budgetKib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / 1024));
        this.budget = new Semaphore(budgetKib, true);
        ThreadPoolExecutor e = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, backlog)), r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
        e.setRejectedExecutionHandler((r, ex) -> {
            if (ex.isShutdown()) {
                throw new RejectedExecutionException(name + " is stopped");
            }
            try {
                ex.getQueue().put(r);   // full: wait for room
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new RejectedExecutionException(name + ": interrupted while waiting for room", ie);
            }
        });
        this.executor = e;
    }

    /** Work items waiting now (tests). */
    int waiting() {
        return ((ThreadPoolExecutor) executor).getQueue().size();
    }

    /** Runs {@code work} in a transaction of its own on this thread; a failure is logged as "could not {what}". */
    public void inTransaction(String what, Runnable work) {
        inTransaction(what, 0, work);
    }

    /**
     * As {@link #inTransaction(String, Runnable)}, for work that holds about {@code bytes} of heap until it
     * has run: the submitter waits while the waiting work already holds the budget (work larger than the whole
     * budget waits until nothing else is waiting).
     */
    public void inTransaction(String what, long bytes, Runnable work) {
        execute(what, bytes, () -> {
            try {
                QuarkusTransaction.requiringNew().run(work);
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s could not %s", name, what);
            }
        });
    }

    /**
     * Runs {@code work} on this thread as it is, holding about {@code bytes} of the budget until it has run: the
     * submitter waits while the waiting work already holds the budget; work larger than the whole budget waits
     * until nothing else holds any.
     */
    public void execute(String what, long bytes, Runnable work) {
        int kib = (int) Math.min(budgetKib, Math.max(0, bytes) / 1024);
        if (kib > 0) {
            try {
                budget.acquire(kib);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                LOG.warnf("%s: interrupted while waiting for room; did not %s", name, what);
                return;
            }
        }
        boolean queued = false;
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } finally {
                    budget.release(kib);
                }
            });
            queued = true;
        } catch (RejectedExecutionException e) {
            LOG.warnf("%s is stopped; did not %s", name, what);
        } finally {
            if (!queued) {
                budget.release(kib);
            }
        }
    }

    /** KiB of the budget held by waiting work now (tests). */
    int heldKib() {
        return budgetKib - budget.availablePermits();
    }

    /** Runs {@code work} on this thread as it is (it handles its own transactions and failures). */
    public void execute(String what, Runnable work) {
        execute(what, 0, work);
    }

    /** Blocks until everything submitted so far is done (tests, shutdown). */
    public void flush() {
        try {
            executor.submit(() -> { }).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not drain", e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
