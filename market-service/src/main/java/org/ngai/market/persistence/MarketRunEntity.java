package org.ngai.market.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A run as market-service knows it: the scenario it clears for and the last tick it cleared. */
@Entity
@Table(name = "market_runs")
public class MarketRunEntity extends PanacheEntityBase {
    public enum Status { RUNNING, STALLED, FINISHED, CANCELLED, FAILED }

    @Id
    @Column(length = 64)
    public String runId;
    public String scenarioName;
    public int ticks;
    /** Last tick cleared (0 before the first clearing). */
    public int lastClearedTick;
    @Column(length = 16)
    public String status;
    /** Why the run is STALLED (what market-service waits for), or empty. */
    @Column(length = 2000)
    public String message;
    public Instant createdAt;
    public Instant updatedAt;

    public static List<MarketRunEntity> newestFirst() {
        return list("order by createdAt desc, runId");
    }
}
