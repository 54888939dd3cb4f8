package org.ngai.firm.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.ngai.firm.persistence.FirmSnapshotEntity;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.tick.FirmReport;

/**
 * Persists firm snapshots in batches on one background thread, in tick order, so the database never
 * sits on the tick's critical path. {@link #flush()} waits until everything queued is written.
 */
@ApplicationScoped
public class SnapshotWriter {
    private static final Logger LOG = Logger.getLogger(SnapshotWriter.class);
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "firm-snapshot-writer");
        t.setDaemon(true);
        return t;
    });

    public void enqueue(String runId, int tick, List<FirmReport> reports) {
        executor.submit(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    // idempotent: a replayed tick replaces what an earlier pass wrote
                    FirmSnapshotEntity.delete("runId = ?1 and tick = ?2", runId, tick);
                    for (FirmReport r : reports) {
                        toEntity(runId, tick, r).persist();
                    }
                });
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not persist snapshots of run %s tick %d", runId, tick);
            }
        });
    }

    /** Blocks until every snapshot queued so far is written (tests, shutdown). */
    public void flush() {
        try {
            executor.submit(() -> { }).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("snapshot writer did not drain", e);
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static FirmSnapshotEntity toEntity(String runId, int tick, FirmReport r) {
        FirmSnapshotEntity e = new FirmSnapshotEntity();
        e.runId = runId;
        e.tick = tick;
        e.firmId = r.firmId();
        e.region = Region.of(r.region()).code();
        e.sector = Sector.of(r.sector()).name();
        e.stage = r.stage();
        e.event = r.event();
        e.exitReason = r.exitReason();
        e.adoption = r.adoption();
        e.output = r.output();
        e.revenue = r.revenue();
        e.valueAdded = r.valueAdded();
        e.price = r.price();
        e.employedLow = r.employedL();
        e.employedHigh = r.employedH();
        e.aiUnits = r.aiUnits();
        e.cash = r.cash();
        e.debt = r.debt();
        e.lnTfp = r.lnZ();
        e.marketShare = r.marketShare();
        e.capital = r.capital();
        e.intangible = r.intangible();
        return e;
    }
}
