package org.ngai.events.audit;

/**
 * A run as its control topic tells it: the scenario of RUN_STARTED, how far it got, how it ended.
 *
 * @param runId          the run
 * @param scenario       scenario name
 * @param seed           seed
 * @param firms          firms at the start
 * @param ticks          the run's horizon
 * @param ticksStarted   highest tick with a TICK_STARTED on the log (0 if none)
 * @param ticksClosed    highest tick with a TICK_CLOSED on the log (0 if none)
 * @param end            FINISHED, CANCELLED, or null while the run has not ended (as far as the log says)
 * @param parentRunId    a fork's parent, else null
 * @param forkTick       a fork's first tick (its earlier ticks are the parent's), else 0
 * @param startedAt      epoch millis of RUN_STARTED's record timestamp
 */
public record RunInfo(String runId, String scenario, long seed, int firms, int ticks, int ticksStarted, int ticksClosed,
                      String end, String parentRunId, int forkTick, long startedAt) {
}
