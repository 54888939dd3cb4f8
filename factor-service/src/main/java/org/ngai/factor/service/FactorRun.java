package org.ngai.factor.service;

import java.util.TreeMap;
import org.ngai.events.Payloads;
import org.ngai.model.factor.FactorOwners;
import org.ngai.model.factor.FactorPhase;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.Environment;

/**
 * In-memory state of one run owned by this instance (hot state; touched only by the consumer thread).
 * The owners advance tick by tick: supply(t) needs env_t and apply(t−1) done; apply(t) needs supply(t)
 * done and tick t's clearing. Inputs that arrive ahead of their step wait here, keyed by tick.
 */
final class FactorRun {
    final String id;
    final Scenario scenario;
    final FactorOwners owners;
    final FactorPhase phase;
    /** Last tick whose supplies were published (0 before tick 1). */
    int suppliedTick;
    /** Last tick whose owner reports were published (0 before tick 1). */
    int appliedTick;
    /** RUN_PAUSED seen and no RUN_RESUMED since (kept in the checkpoint: those events are not re-read after it). */
    boolean paused;
    /**
     * A tick whose TICK_CLOSED was read before this service applied it (a replay reads the control topic ahead of
     * the clearing topic): its checkpoint is taken once apply(tick) is done. 0 when none is due.
     */
    int checkpointDue;
    /** env_t of TICK_STARTED(t), kept until apply(t). */
    final TreeMap<Integer, Environment> envs = new TreeMap<>();
    /** MARKET_CLEARED(t) waiting for supply(t). */
    final TreeMap<Integer, Payloads.MarketClearing> clearings = new TreeMap<>();

    FactorRun(String id, Scenario scenario, FactorOwners owners) {
        this.id = id;
        this.scenario = scenario;
        this.owners = owners;
        this.phase = new FactorPhase(scenario);
    }
}
