package org.ngai.indicator.service;

import java.util.TreeMap;
import org.ngai.model.indicator.Aggregator;
import org.ngai.model.scenario.Scenario;

/** A run this instance aggregates: its aggregator (memory = the series so far) and the ticks in progress. */
final class RunState {
    final String id;
    final Scenario scenario;
    final Aggregator aggregator;
    /** The last tick aggregated (0 before the first). */
    int lastTick;
    /** Rebuilt from the database after a restart: the last stored tick's outputs may be re-emitted once. */
    boolean restored;
    final TreeMap<Integer, TickInputs> pending = new TreeMap<>();

    RunState(String id, Scenario scenario, Aggregator aggregator) {
        this.id = id;
        this.scenario = scenario;
        this.aggregator = aggregator;
    }
}
