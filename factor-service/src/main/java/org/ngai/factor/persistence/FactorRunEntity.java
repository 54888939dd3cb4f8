package org.ngai.factor.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A run as factor-service knows it: its scenario and the last tick whose owner states were applied. */
@Entity
@Table(name = "factor_runs")
public class FactorRunEntity extends PanacheEntityBase {
    public enum Status { RUNNING, STALLED, FINISHED, CANCELLED, FAILED }

    @Id
    @Column(length = 64)
    public String runId;
    public String scenarioName;
    @Column(columnDefinition = "text")
    public String scenarioJson;
    public long seed;
    public int firms;
    public int ticks;
    @Column(length = 16)
    public String status;
    /** Last tick whose FACTOR_SUPPLIED was published (0 before tick 1). */
    public int lastTickSupplied;
    /** Last tick whose OWNERS_REPORTED was published and whose owner states are stored (0 before tick 1). */
    public int lastTickApplied;
    /** Why the run is STALLED (what factor-service waits for), or empty. */
    @Column(length = 2000)
    public String message;
    public Instant createdAt;
    public Instant updatedAt;

    public static List<FactorRunEntity> newestFirst() {
        return list("order by createdAt desc, runId");
    }
}
