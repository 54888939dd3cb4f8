package org.ngai.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    public WriterThread(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
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
