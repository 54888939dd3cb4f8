package org.ngai.firm.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * One firm at the end of one tick (written in batches per tick, off the tick's critical path, by
 * {@link org.ngai.firm.service.SnapshotWriter}).
 *
 * <p>The key is the natural one, (runId, tick, firmId), and it is the only index: rows are written in
 * that order, so every tick appends to the end of the tree. An earlier layout with a surrogate id and
 * a second index on (runId, firmId) made each tick's 10,000 inserts land all over that index, so the
 * writer's cost grew with the run's length (measured: most of the firm service's CPU at 10,000 firms
 * x 60 ticks on H2). A firm's history is a range scan of the run's key range instead.
 */
@Entity
@Table(name = "firm_snapshots")
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
