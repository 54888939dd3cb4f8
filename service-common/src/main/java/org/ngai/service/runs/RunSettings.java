package org.ngai.service.runs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The run table's settings, the same in every service ({@code ngai.runs.*}, overridable by environment
 * variables such as {@code NGAI_RUNS_STALL_AFTER}).
 */
@ConfigMapping(prefix = "ngai.runs")
public interface RunSettings {
    /** Event ids remembered per run to drop copies (the state machines drop later copies too). */
    @WithDefault("200000")
    int dedupWindow();

    /** Events kept for a run whose RUN_STARTED has not arrived; one more is rejected with the run's buffer. */
    @WithDefault("100000")
    int earlyLimit();

    /** Finished, cancelled or failed runs remembered in memory (older ones are looked up in the database). */
    @WithDefault("10000")
    int closedMemory();

    /** A running, unpaused run that makes no progress for this long is marked STALLED (with what it waits for). */
    @WithDefault("60s")
    Duration stallAfter();

    /** How often stalls are checked and resume offsets are saved. */
    @WithDefault("1s")
    Duration watchInterval();
}
