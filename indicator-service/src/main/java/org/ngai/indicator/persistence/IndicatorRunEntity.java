package org.ngai.indicator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A run as indicator-service knows it: its scenario document and the last tick aggregated. */
@Entity
@Table(name = "indicator_runs")
public class IndicatorRunEntity extends PanacheEntityBase {
    public enum Status { RUNNING, STALLED, FINISHED, CANCELLED, FAILED }

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
    public int lastTick;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant finishedAt;
    @Column(length = 2000)
    public String message;
    /** A fork's parent run (docs/pipeline.md "Forks"), null for a run from tick 1. */
    @Column(length = 64)
    public String parentRunId;
    /** A fork's first tick: its series before it is the parent's path. */
    public Integer forkTick;

    public boolean terminal() {
        return Status.FINISHED.name().equals(status) || Status.CANCELLED.name().equals(status)
                || Status.FAILED.name().equals(status);
    }

    public static List<IndicatorRunEntity> newestFirst() {
        return list("order by createdAt desc");
    }

    public static List<IndicatorRunEntity> running() {
        return list("status in ?1 order by createdAt", List.of(Status.RUNNING.name(), Status.STALLED.name()));
    }
}
