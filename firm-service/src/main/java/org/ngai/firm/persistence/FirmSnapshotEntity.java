package org.ngai.firm.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One firm at the end of one tick (written in batches per tick, off the tick's critical path). */
@Entity
@Table(name = "firm_snapshots", indexes = {
    @Index(name = "firm_snap_run_tick", columnList = "runId,tick"),
    @Index(name = "firm_snap_run_firm", columnList = "runId,firmId")})
public class FirmSnapshotEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "firm_snap_seq")
    @SequenceGenerator(name = "firm_snap_seq", sequenceName = "firm_snap_seq", allocationSize = 1000)
    public Long id;
    @Column(length = 64)
    public String runId;
    public int tick;
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
