package org.ngai.firm.service;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.hibernate.StatelessSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.ngai.service.WriterThread;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.tick.FirmReport;

/**
 * Persists firm snapshots in batches on one background thread, in tick order, so the database never
 * sits on the tick's critical path. {@link #flush()} waits until everything queued is written.
 */
@ApplicationScoped
public class SnapshotWriter {
    @Inject
    StatelessSession stateless;
    private final WriterThread writer = new WriterThread("firm-snapshot-writer");

    /**
     * Heap one firm's report holds while it waits to be written: the record (44 doubles, 12 ints, a long and
     * the header: 432 bytes) and its reference in the list, rounded up. At 10,000 firms a tick is 4.4 MB, so
     * the writer's budget ({@link WriterThread#DEFAULT_BUDGET_BYTES}) holds about 14 ticks of one such run.
     */
    static final long BYTES_PER_REPORT = 440;

    public void enqueue(String runId, int tick, List<FirmReport> reports) {
        writer.inTransaction("persist snapshots of run " + runId + " tick " + tick, reports.size() * BYTES_PER_REPORT,
                () -> stateless.doWork(c -> write(c, runId, tick, reports)));
    }

    /**
     * Replaces the tick's rows (idempotent: a replayed tick overwrites what an earlier pass wrote) with
     * one JDBC batch. Plain JDBC rather than entity inserts: the rows are write-once and Hibernate's
     * per-entity binding was the writer's main cost; reads still go through the Panache entity, whose
     * mapping names the same columns.
     */
    static void write(Connection c, String runId, int tick, List<FirmReport> reports) throws SQLException {
        try (PreparedStatement del = c.prepareStatement(DELETE)) {
            del.setString(1, runId);
            del.setInt(2, tick);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement(INSERT)) {
            int n = 0;
            for (FirmReport r : reports) {
                int i = 1;
                ins.setString(i++, runId);
                ins.setInt(i++, tick);
                ins.setLong(i++, r.firmId());
                ins.setString(i++, Region.of(r.region()).code());
                ins.setString(i++, Sector.of(r.sector()).name());
                ins.setInt(i++, r.stage());
                ins.setInt(i++, r.event());
                ins.setInt(i++, r.exitReason());
                ins.setInt(i++, r.adoption());
                ins.setDouble(i++, r.output());
                ins.setDouble(i++, r.revenue());
                ins.setDouble(i++, r.valueAdded());
                ins.setDouble(i++, r.price());
                ins.setDouble(i++, r.employedL());
                ins.setDouble(i++, r.employedH());
                ins.setDouble(i++, r.aiUnits());
                ins.setDouble(i++, r.cash());
                ins.setDouble(i++, r.debt());
                ins.setDouble(i++, r.lnZ());
                ins.setDouble(i++, r.marketShare());
                ins.setDouble(i++, r.capital());
                ins.setDouble(i++, r.intangible());
                ins.addBatch();
                if (++n % BATCH == 0) {
                    ins.executeBatch();
                }
            }
            if (n % BATCH != 0) {
                ins.executeBatch();
            }
        }
    }

    private static final int BATCH = 1000;
    private static final String DELETE = "delete from firm_snapshots where runId = ? and tick = ?";
    private static final String INSERT = "insert into firm_snapshots (runId, tick, firmId, region, sector, stage, event,"
            + " exitReason, adoption, output, revenue, valueAdded, price, employedLow, employedHigh, aiUnits, cash,"
            + " debt, lnTfp, marketShare, capital, intangible) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?)";

    /** Blocks until everything queued so far is written (tests, shutdown). */
    public void flush() {
        writer.flush();
    }

    void onStop(@Observes ShutdownEvent ev) {
        writer.close();
    }
}
