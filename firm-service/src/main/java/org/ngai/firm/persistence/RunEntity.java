package org.ngai.firm.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A run: its scenario document and where it stands. */
@Entity
@Table(name = "firm_runs")
public class RunEntity extends PanacheEntityBase {
    public enum Status { CREATED, RUNNING, PAUSED, STALLED, FINISHED, CANCELLED, FAILED }

    @Id
    @Column(length = 64)
    public String id;
    public String scenarioName;
    @Column(columnDefinition = "text")
    public String scenarioJson;
    public long seed;
    public int firms;
    public int ticks;
    @Column(length = 16)
    public String status;
    public int currentTick;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant finishedAt;
    @Column(length = 2000)
    public String message;
    /** A fork's parent run (docs/pipeline.md "Forks"), null for a run from tick 1. */
    @Column(length = 64)
    public String parentRunId;
    /** A fork's first tick: ticks before it are the parent's. */
    public Integer forkTick;

    public static List<RunEntity> newestFirst() {
        return list("order by createdAt desc");
    }
}
