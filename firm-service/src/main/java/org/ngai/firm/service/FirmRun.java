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
    List<FirmDecision> decisions;   // private plans of the tick in progress
    int producedTick;               // last tick whose reports were published
    final TreeMap<Integer, List<FirmMatch>> matchParts = new TreeMap<>();
    Integer clearingParts;          // from CLEARING_CLOSED
    boolean paused;
    Environment pendingNext;        // TICK_CLOSED arrived while paused
    int pendingNextTick;

    FirmRun(String id, Scenario scenario, FirmPopulation population) {
        this.id = id;
        this.scenario = scenario;
        this.population = population;
        this.phase = new FirmPhase(scenario);
    }
}
