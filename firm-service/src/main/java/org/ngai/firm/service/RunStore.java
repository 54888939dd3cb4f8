package org.ngai.firm.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.ngai.firm.persistence.FirmCheckpointEntity;
import org.ngai.firm.persistence.RunEntity;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;

/** Transactions on the runs table. */
@ApplicationScoped
public class RunStore {

    /** A run's row; a fork's also names its parent and first tick. */
    public RunEntity create(String id, Scenario s, String parentRunId, Integer forkTick) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RunEntity e = new RunEntity();
            e.parentRunId = parentRunId;
            e.forkTick = forkTick;
            e.id = id;
            e.scenarioName = s.name();
            e.scenarioJson = ScenarioLoader.toJson(s);
            e.seed = s.seed();
            e.firms = s.firms();
            e.ticks = s.ticks();
            e.status = RunEntity.Status.CREATED.name();
            e.currentTick = 0;
            e.createdAt = Instant.now();
            e.updatedAt = e.createdAt;
            e.persist();
            return e;
        });
    }

    /** Creates the row if a run started elsewhere reaches this instance first. */
    public void ensure(String id, Scenario s, String parentRunId, Integer forkTick) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (RunEntity.findById(id) == null) {
                RunEntity e = new RunEntity();
                e.parentRunId = parentRunId;
                e.forkTick = forkTick;
                e.id = id;
                e.scenarioName = s.name();
                e.scenarioJson = ScenarioLoader.toJson(s);
                e.seed = s.seed();
                e.firms = s.firms();
                e.ticks = s.ticks();
                e.status = RunEntity.Status.CREATED.name();
                e.createdAt = Instant.now();
                e.updatedAt = e.createdAt;
                e.persist();
            }
        });
    }

    public void update(String id, RunEntity.Status status, int tick, String message) {
        QuarkusTransaction.requiringNew().run(() -> {
            RunEntity e = RunEntity.findById(id);
            if (e == null) {
                return;
            }
            if (status != null) {
                e.status = status.name();
                if (status == RunEntity.Status.FINISHED || status == RunEntity.Status.CANCELLED
                        || status == RunEntity.Status.FAILED) {
                    e.finishedAt = Instant.now();
                }
            }
            if (tick >= 0) {
                e.currentTick = tick;
            }
            if (message != null) {
                e.message = message;
            }
            e.updatedAt = Instant.now();
        });
    }

    /**
     * Replaces the run's checkpoint in one transaction, so a crash leaves the old one or the new one. The
     * old row is deleted in bulk, not loaded: a population of 10,000 firms is megabytes, and loading it (and
     * Hibernate's copy of it for dirty checking) only to overwrite it cost heap when several runs
     * checkpoint at once.
     */
    public void saveCheckpoint(String id, int tick, boolean paused, String nextEnvJson, byte[] population) {
        QuarkusTransaction.requiringNew().run(() -> {
            FirmCheckpointEntity.delete("runId", id);
            FirmCheckpointEntity c = new FirmCheckpointEntity();
            c.runId = id;
            c.tick = tick;
            c.paused = paused;
            c.nextEnvironmentJson = nextEnvJson;
            c.population = population;
            c.savedAt = Instant.now();
            c.persist();
        });
    }

    public Optional<FirmCheckpointEntity> checkpoint(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(FirmCheckpointEntity.findById(id)));
    }

    public void deleteCheckpoint(String id) {
        // in bulk: deleteById would load the row, population and all
        QuarkusTransaction.requiringNew().run(() -> FirmCheckpointEntity.delete("runId", id));
    }

    public Optional<RunEntity> find(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(RunEntity.findById(id)));
    }
}
