package org.ngai.model.scenario;

import java.util.Map;

/** Parameter values that take effect from {@code tick} on (a policy switched on mid-run, spec §D). */
public record ScheduledChange(int tick, Map<Param, Double> set) {
    public ScheduledChange {
        set = Map.copyOf(set);
    }
}
