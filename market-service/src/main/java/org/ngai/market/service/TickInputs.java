package org.ngai.market.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.ngai.events.Payloads;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.Supplies;

/** What market-service collects for one (run, tick) before it can clear (docs/pipeline.md step 3). */
final class TickInputs {
    final int tick;
    Environment env;                                            // TICK_STARTED
    Supplies supplies;                                          // FACTOR_SUPPLIED
    Payloads.Closed closed;                                     // DEMANDS_CLOSED
    final TreeMap<Integer, List<FactorDemand>> parts = new TreeMap<>();   // FACTOR_DEMANDS by part

    TickInputs(int tick) {
        this.tick = tick;
    }

    boolean complete() {
        return env != null && supplies != null && closed != null && parts.size() >= closed.parts();
    }

    int records() {
        int n = 0;
        for (List<FactorDemand> p : parts.values()) {
            n += p.size();
        }
        return n;
    }

    /** Every demand of the tick, sorted by firm id (MarketPhase.clear's contract). */
    List<FactorDemand> sortedDemands() {
        List<FactorDemand> all = new ArrayList<>(records());
        for (List<FactorDemand> p : parts.values()) {
            all.addAll(p);
        }
        all.sort(Comparator.comparingLong(FactorDemand::firmId));
        return all;
    }
}
