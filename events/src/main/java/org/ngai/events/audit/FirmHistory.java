package org.ngai.events.audit;

import java.util.List;
import org.ngai.model.tick.AdoptionIntent;
import org.ngai.model.tick.FirmReport;

/**
 * One firm over a run, from the log: every upgrade decision (FIRM_ADOPTED) and, when asked for, its report of
 * every tick.
 *
 * @param runId   the run
 * @param firmId  the firm
 * @param ticks   one row per tick at which the firm has a decision or (with reports) a report, by tick
 * @param decisions how many upgrade decisions the firm took
 * @param read    what the answer read and cost
 */
public record FirmHistory(String runId, long firmId, List<Tick> ticks, int decisions, ReadStats read) {
    public FirmHistory {
        ticks = List.copyOf(ticks);
    }

    /**
     * @param tick         the tick
     * @param quarter      its quarter
     * @param answeredFrom the run whose log holds it (a fork's parent for ticks before the fork)
     * @param decision     the upgrade decision, or null
     * @param report       the report, or null when reports were not read
     */
    public record Tick(int tick, String quarter, String answeredFrom, AdoptionIntent decision, FirmReport report) {
    }
}
