package org.ngai.market.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;
import org.ngai.service.WriterThread;
import org.ngai.market.persistence.MarketCheckpointEntity;
import org.ngai.market.persistence.MarketClearingEntity;
import org.ngai.market.persistence.MarketRunEntity;
import org.ngai.model.tick.MarketCleared;

/**
 * Persists runs and clearing summaries on one background thread, so the database never sits on the
 * tick's critical path. Jobs are written in order; whatever has queued up since the last write goes
 * into one transaction (a batch), and a batch that fails is retried job by job so that one bad job
 * loses only itself. {@link #flush()} waits until everything queued so far is written.
 */
@ApplicationScoped
public class ClearingWriter {
    private static final Logger LOG = Logger.getLogger(ClearingWriter.class);
    private static final int MAX_BATCH = 64;

    private final ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>();
    private final WriterThread writer = new WriterThread("market-clearing-writer");

    /** One unit of work, applied inside a transaction. */
    private interface Job {
        void apply();

        String describe();
    }

    /** Records a run (idempotent: an existing row is left as it is). */
    public void runStarted(String runId, String scenarioName, int ticks) {
        enqueue(new Job() {
            public void apply() {
                find(runId, scenarioName, ticks);
            }

            public String describe() {
                return "run " + runId;
            }
        });
    }

    /** Stores the summaries of one cleared tick (idempotent per (run, tick)) and advances the run's last tick. */
    public void cleared(String runId, int tick, List<MarketCleared> summaries) {
        enqueue(new Job() {
            public void apply() {
                MarketRunEntity run = find(runId, null, 0);
                if (MarketClearingEntity.count("runId = ?1 and tick = ?2", runId, tick) == 0) {
                    for (int i = 0; i < summaries.size(); i++) {
                        toEntity(runId, tick, i, summaries.get(i)).persist();
                    }
                }
                if (tick > run.lastClearedTick) {
                    run.lastClearedTick = tick;
                }
                run.updatedAt = Instant.now();
            }

            public String describe() {
                return "clearing of run " + runId + " tick " + tick;
            }
        });
    }

    public void status(String runId, MarketRunEntity.Status status) {
        status(runId, status, "");
    }

    /** Sets the run's status and its message (what a STALLED run waits for; empty otherwise). */
    public void status(String runId, MarketRunEntity.Status status, String message) {
        enqueue(new Job() {
            public void apply() {
                MarketRunEntity run = MarketRunEntity.findById(runId);
                if (run != null) {
                    run.status = status.name();
                    run.message = message;
                    run.updatedAt = Instant.now();
                }
            }

            public String describe() {
                return "status of run " + runId;
            }
        });
    }

    /**
     * The run has ended: its status, and its checkpoint is deleted in the same transaction (so a crash leaves
     * either a running run with its checkpoint or an ended run without one).
     */
    public void runEnded(String runId, MarketRunEntity.Status status) {
        enqueue(new Job() {
            public void apply() {
                MarketRunEntity run = MarketRunEntity.findById(runId);
                if (run != null) {
                    run.status = status.name();
                    run.message = "";
                    run.updatedAt = Instant.now();
                }
                MarketCheckpointEntity.delete("runId", runId);
            }

            public String describe() {
                return "end of run " + runId;
            }
        });
    }

    /** Blocks until everything queued so far is written (tests, shutdown). */
    public void flush() {
        writer.flush();
    }

    private void enqueue(Job job) {
        queue.add(job);
        writer.execute("persist " + job.describe(), this::drain);
    }

    /** Writes what has queued up, up to MAX_BATCH jobs per transaction. */
    private void drain() {
        while (!queue.isEmpty()) {
            List<Job> batch = new ArrayList<>();
            Job j;
            while (batch.size() < MAX_BATCH && (j = queue.poll()) != null) {
                batch.add(j);
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> batch.forEach(Job::apply));
            } catch (RuntimeException e) {
                if (batch.size() == 1) {
                    LOG.errorf(e, "could not persist %s", batch.get(0).describe());
                    continue;
                }
                for (Job one : batch) {
                    try {
                        QuarkusTransaction.requiringNew().run(one::apply);
                    } catch (RuntimeException ex) {
                        LOG.errorf(ex, "could not persist %s", one.describe());
                    }
                }
            }
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        writer.close();
    }

    private static MarketRunEntity find(String runId, String scenarioName, int ticks) {
        MarketRunEntity run = MarketRunEntity.findById(runId);
        if (run == null) {
            run = new MarketRunEntity();
            run.runId = runId;
            run.scenarioName = scenarioName;
            run.ticks = ticks;
            run.status = MarketRunEntity.Status.RUNNING.name();
            run.createdAt = Instant.now();
            run.updatedAt = run.createdAt;
            run.persist();
        } else if (scenarioName != null && run.scenarioName == null) {
            run.scenarioName = scenarioName;
            run.ticks = ticks;
        }
        return run;
    }

    static MarketClearingEntity toEntity(String runId, int tick, int ordinal, MarketCleared m) {
        MarketClearingEntity e = new MarketClearingEntity();
        e.runId = runId;
        e.tick = tick;
        e.ordinal = ordinal;
        e.market = m.market().name();
        e.region = m.region();
        e.skill = m.skill();
        e.regime = m.regime() == null ? null : m.regime().name();
        e.screening = sql(m.screening());
        e.disguiseCost = sql(m.disguiseCost());
        e.accuracy = sql(m.accuracy());
        e.demand = sql(m.demand());
        e.supply = sql(m.supply());
        e.matched = sql(m.matched());
        e.price = sql(m.price());
        e.tightness = sql(m.tightness());
        e.matchEfficiency = sql(m.matchEfficiency());
        e.nextPrice = sql(m.nextPrice());
        e.goodOffered = sql(m.goodOffered());
        e.badOffered = sql(m.badOffered());
        e.goodTraded = sql(m.goodTraded());
        e.badTraded = sql(m.badTraded());
        e.efficiency = sql(m.efficiency());
        e.daEfficiency = sql(m.daEfficiency());
        e.blockingRate = sql(m.blockingRate());
        return e;
    }

    /** NaN (a field that does not apply to the market) is stored as SQL NULL. */
    static Double sql(double v) {
        return Double.isNaN(v) ? null : v;
    }
}

