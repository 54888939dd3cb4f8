package org.ngai.market.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.ngai.market.persistence.MarketCheckpointEntity;

/**
 * The checkpoint rows ({@code market_checkpoints}), written on the consumer thread: a checkpoint counts only once
 * it is committed, since the run table then stops keeping the log before it. Removal at a run's end goes with the
 * run's status through {@link ClearingWriter#runEnded}.
 */
@ApplicationScoped
public class CheckpointStore {

    /**
     * Replaces the run's checkpoint in one transaction, so a crash leaves the old one or the new one. A row of a
     * later tick is kept (an instance that lost the run's partition and had not noticed yet cannot move the
     * checkpoint back).
     *
     * @return false when a checkpoint of a later (or the same) tick is stored already
     */
    public boolean save(String runId, int tick, int lastCleared, boolean paused, byte[] settled, String scenarioJson) {
        return QuarkusTransaction.requiringNew().call(() -> {
            MarketCheckpointEntity.delete("runId = ?1 and tick < ?2", runId, tick);
            if (MarketCheckpointEntity.count("runId", runId) > 0) {
                return false;
            }
            MarketCheckpointEntity c = new MarketCheckpointEntity();
            c.runId = runId;
            c.tick = tick;
            c.lastCleared = lastCleared;
            c.paused = paused;
            c.settled = settled;
            c.scenarioJson = scenarioJson;
            c.savedAt = Instant.now();
            c.persist();
            return true;
        });
    }

    public Optional<MarketCheckpointEntity> find(String runId) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(MarketCheckpointEntity.findById(runId)));
    }
}
