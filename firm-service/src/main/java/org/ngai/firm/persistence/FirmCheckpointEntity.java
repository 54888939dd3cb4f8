package org.ngai.firm.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The latest checkpoint of a running run (docs/pipeline.md "Checkpoints"): the firm population after
 * tick {@link #tick} ({@code PopulationCodec}, deflated), the environment of the next tick and whether the
 * run is paused. One row per run, replaced every {@code firm.checkpoints.interval} ticks, deleted when
 * the run ends.
 */
@Entity
@Table(name = "firm_checkpoints")
public class FirmCheckpointEntity extends PanacheEntityBase {
    @Id
    @Column(length = 64)
    public String runId;
    public int tick;
    public boolean paused;
    @Column(columnDefinition = "text")
    public String nextEnvironmentJson;
    @Column(length = 1_000_000_000)
    public byte[] population;
    public Instant savedAt;
}
