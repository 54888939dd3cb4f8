package org.ngai.model.engine;

import java.util.List;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;

/** The indicator series of one run (one entry per tick, tick 1 first) and how long it took. */
public record RunResult(Scenario scenario, List<TickIndicators> series, long firmTicks, long elapsedNanos) {
    public RunResult {
        series = List.copyOf(series);
    }

    public TickIndicators last() {
        return series.get(series.size() - 1);
    }

    public TickIndicators at(int tick) {
        return series.get(tick - 1);
    }
}
