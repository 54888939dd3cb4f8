package org.ngai.market.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The latest checkpoint of a running run (docs/pipeline.md "Checkpoints"). The matcher holds nothing between
 * ticks but the run's scenario and which ticks are settled, so that is the checkpoint: every tick up to
 * {@link #tick} is settled (cleared, or rejected), {@link #settled} lists them ({@code BitSet.toByteArray}), and the
 * scenario comes with the row (market_runs does not keep it). One row per run, replaced every
 * {@code market.checkpoints.interval} ticks, deleted when the run ends.
 */
@Entity
@Table(name = "market_checkpoints")
public class MarketCheckpointEntity extends PanacheEntityBase {
    @Id
    @Column(length = 64)
    public String runId;
    /** The checkpoint covers ticks 1..tick: their TICK_CLOSED has been read and the matcher settled each. */
    public int tick;
    /** Last tick cleared up to {@link #tick}. */
    public int lastCleared;
    public boolean paused;
    /** Settled ticks as {@code java.util.BitSet.toByteArray()} (bit t = tick t). */
    @Column(length = 1_000_000)
    public byte[] settled;
    @Column(columnDefinition = "text")
    public String scenarioJson;
    public Instant savedAt;
}
