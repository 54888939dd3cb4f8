package org.ngai.market.service;

import java.util.BitSet;
import java.util.TreeMap;
import org.ngai.model.market.MarketPhase;
import org.ngai.model.scenario.Scenario;

/**
 * In-memory state of one run (touched only under the {@link RunManager}'s lock): the scenario once
 * RUN_STARTED has arrived, the inputs of the ticks not cleared yet, and the ticks already settled.
 * Nothing survives a clearing: the market phase is pure, a cleared tick's inputs are freed at once. The
 * scenario, the settled ticks, lastCleared and paused are all a checkpoint needs ({@code market_checkpoints}).
 */
final class MarketRun {
    final String id;
    Scenario scenario;              // null until RUN_STARTED
    MarketPhase phase;
    final TreeMap<Integer, TickInputs> pending = new TreeMap<>();
    /** Ticks cleared or rejected: every later event for them changes nothing. */
    final BitSet settled = new BitSet();
    int lastCleared;
    /** RUN_PAUSED seen and no RUN_RESUMED since (kept in the checkpoint: those events are not re-read after it). */
    boolean paused;
    /**
     * The latest checkpoint tick whose TICK_CLOSED has been read: saved once every tick up to it is settled (a replay
     * can read the close before the tick's demands or supplies, which are on other topics). 0 when none is due.
     */
    int checkpointDue;
    /** Events held while the scenario is unknown (bounded by ngai.runs.early-limit). */
    int early;

    MarketRun(String id) {
        this.id = id;
    }

    TickInputs inputs(int tick) {
        return pending.computeIfAbsent(tick, TickInputs::new);
    }
}
