package org.ngai.firm.service;

import java.util.List;
import java.util.TreeMap;
import org.ngai.model.firm.FirmDecision;
import org.ngai.model.firm.FirmPhase;
import org.ngai.model.firm.FirmPopulation;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FirmMatch;

/** In-memory state of one run owned by this instance (hot state; touched only by the consumer thread). */
final class FirmRun {
    final String id;
    final Scenario scenario;
    final FirmPopulation population;
    final FirmPhase phase;
    int tick;                       // the tick in progress (decided, not yet closed)
    Environment env;                // environment of the tick in progress
    List<FirmDecision> decisions;   // private plans of the tick in progress (null once produced)
    int producedTick;               // last tick whose reports were published
    boolean paused;
    Environment pendingNext;        // TICK_CLOSED arrived while paused: the environment of tick + 1
    /** Inputs by tick, kept until their step: they may arrive ahead of it (replay reads topics in any interleaving). */
    final TreeMap<Integer, TickInbox> inbox = new TreeMap<>();

    /** What has arrived for one tick: match chunks, the clearing's closing marker, the tick's close. */
    static final class TickInbox {
        final TreeMap<Integer, List<FirmMatch>> matchParts = new TreeMap<>();
        Integer clearingParts;      // from CLEARING_CLOSED
        Environment closedNext;     // from TICK_CLOSED: the environment of tick + 1
    }

    FirmRun(String id, Scenario scenario, FirmPopulation population) {
        this.id = id;
        this.scenario = scenario;
        this.population = population;
        this.phase = new FirmPhase(scenario);
    }

    TickInbox inbox(int t) {
        return inbox.computeIfAbsent(t, k -> new TickInbox());
    }
}
