package org.ngai.firm.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * One firm at the end of one tick (written in batches per tick, off the tick's critical path, by
 * {@link org.ngai.firm.service.SnapshotWriter}).
 *
 * <p>The key is the natural one, (runId, tick, firmId). Hibernate orders a composite key's columns by its
 * own rule (the primary key came out as (tick, firmId, runId) on PostgreSQL and (firmId, runId, tick) on H2),
 * so the primary key's index cannot serve the writer's
 * "delete the rows of (run, tick)" (done before every tick's insert, so a replayed tick overwrites itself):
 * without a second index that delete scanned the whole table, and every tick got slower with every run
 * ever stored (measured 2026-12-02: with 1.2 million rows, H2's server thread spent its time scanning, and 8
 * concurrent 2,000-firm runs slowed from 154 s to over 330 s between two rounds; on PostgreSQL, filling
 * the topics with 30 runs of 10,000 firms went from 52 s to 200 s per pair of runs). The index
 * {@code firm_snapshots_run_tick} on (runId, tick) serves that delete and the reads of a run's tick; rows
 * are written tick after tick, so it grows at its end. An earlier layout with a surrogate id and a second
 * index on (runId, firmId) made each tick's 10,000 inserts land all over that index.
 */
@Entity
@Table(name = "firm_snapshots", indexes = @Index(name = "firm_snapshots_run_tick", columnList = "runId,tick"))
@IdClass(FirmSnapshotEntity.Key.class)
public class FirmSnapshotEntity extends PanacheEntityBase {
    /** Composite key: run, tick, firm. */
    public static class Key implements Serializable {
        public String runId;
        public int tick;
        public long firmId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.tick == tick && k.firmId == firmId && java.util.Objects.equals(k.runId, runId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(runId, tick, firmId);
        }
    }

    @Id
    @Column(length = 64)
    public String runId;
    @Id
    public int tick;
    @Id
    public long firmId;
    @Column(length = 4)
    public String region;
    @Column(length = 32)
    public String sector;
    public int stage;
    /** 0 alive, 1 entered, 2 exited. */
    public int event;
    public int exitReason;
    public int adoption;
    public double output;
    public double revenue;
    public double valueAdded;
    public double price;
    public double employedLow;
    public double employedHigh;
    public double aiUnits;
    public double cash;
    public double debt;
    public double lnTfp;
    public double marketShare;
    public double capital;
    public double intangible;
}
