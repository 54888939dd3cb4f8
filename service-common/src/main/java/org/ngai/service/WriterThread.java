package org.ngai.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.RejectedExecutionException;
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

    /**
     * Work items waiting at most, by default: beyond them the submitter waits (see {@link #WriterThread(String, int)}).
     * 64 holds a whole 60-tick run's firm snapshots (about 1.5 MB each at 10,000 firms), so a single run is never
     * slowed by the database, while many runs at once are (docs/pipeline.md "Capacity").
     */
    public static final int DEFAULT_BACKLOG = 64;

    public WriterThread(String name) {
        this(name, DEFAULT_BACKLOG);
    }

    /**
     * @param backlog work items that may wait; a submitter finding them all taken waits until one is done. The
     *                queue was unbounded: when the database was slower than the runs (two 10,000-firm runs writing
     *                every firm every tick), firm-service's snapshot backlog grew until the heap ran out. Waiting
     *                slows the runs to the database's pace instead.
     */
    public WriterThread(String name, int backlog) {
        this.name = name;
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
        execute(what, () -> {
            try {
                QuarkusTransaction.requiringNew().run(work);
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s could not %s", name, what);
            }
        });
    }

    /** Runs {@code work} on this thread as it is (it handles its own transactions and failures). */
    public void execute(String what, Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.warnf("%s is stopped; did not %s", name, what);
        }
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
