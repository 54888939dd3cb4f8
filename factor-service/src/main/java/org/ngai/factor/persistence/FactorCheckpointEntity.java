package org.ngai.factor.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The latest checkpoint of a running run (docs/pipeline.md "Checkpoints"): the factor owners after tick
 * {@link #tick} ({@code FactorOwnersCodec}, deflated), the run's scenario and whether the run is paused. One row
 * per run, replaced every {@code factor.checkpoints.interval} ticks, deleted when the run ends.
 *
 * <p>The row holds the scenario itself rather than relying on {@code factor_runs}: that row is written off the
 * critical path by {@code OwnerStateWriter} and may not be stored yet when the checkpoint is.
 */
@Entity
@Table(name = "factor_checkpoints")
public class FactorCheckpointEntity extends PanacheEntityBase {
    @Id
    @Column(length = 64)
    public String runId;
    /** The owners are the state after this tick: supply and apply are done through it. */
    public int tick;
    public boolean paused;
    @Column(columnDefinition = "text")
    public String scenarioJson;
    @Column(length = 1_000_000_000)
    public byte[] owners;
    public Instant savedAt;
}
