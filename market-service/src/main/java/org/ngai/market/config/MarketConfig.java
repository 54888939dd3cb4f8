package org.ngai.market.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** market-service settings (application.properties, overridable by environment variables). */
@ConfigMapping(prefix = "market")
public interface MarketConfig {
    /** Matches per FACTOR_MATCHED chunk. */
    @WithDefault("500")
    int chunkSize();

    /** Event ids remembered by the duplicate filter. */
    @WithDefault("20000")
    int dedupWindow();

    /**
     * Events kept for a run whose RUN_STARTED has not arrived yet (it travels on another topic); beyond
     * that the run's buffer is dropped and the event is rejected.
     */
    @WithDefault("10000")
    int earlyLimit();

    /**
     * Finished or cancelled runs remembered, so that late or replayed copies of their events are dropped
     * instead of being buffered for a run that never starts again.
     */
    @WithDefault("100000")
    int closedRuns();
}
