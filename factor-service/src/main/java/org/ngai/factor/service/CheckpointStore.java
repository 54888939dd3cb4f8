package org.ngai.factor.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.ngai.factor.persistence.FactorCheckpointEntity;

/**
 * The checkpoint rows ({@code factor_checkpoints}), written on the consumer thread: a checkpoint counts only once
 * it is committed, since the run table then stops keeping the log before it. Removal at a run's end goes with
 * the run's status through {@link OwnerStateWriter#runEnded}.
 */
@ApplicationScoped
public class CheckpointStore {

    /**
     * Replaces the run's checkpoint in one transaction, so a crash leaves the old one or the new one. The old row
     * is deleted in bulk, not loaded. A row of a later tick is kept (an instance that lost the run's partition and
     * had not noticed yet cannot move the checkpoint back).
     *
     * @return false when a checkpoint of a later (or the same) tick is stored already
     */
    public boolean save(String runId, int tick, boolean paused, String scenarioJson, byte[] owners) {
        return QuarkusTransaction.requiringNew().call(() -> {
            FactorCheckpointEntity.delete("runId = ?1 and tick < ?2", runId, tick);
            if (FactorCheckpointEntity.count("runId", runId) > 0) {
                return false;
            }
            FactorCheckpointEntity c = new FactorCheckpointEntity();
            c.runId = runId;
            c.tick = tick;
            c.paused = paused;
            c.scenarioJson = scenarioJson;
            c.owners = owners;
            c.savedAt = Instant.now();
            c.persist();
            return true;
        });
    }

    public Optional<FactorCheckpointEntity> find(String runId) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(FactorCheckpointEntity.findById(runId)));
    }
}
