package org.ngai.market.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * market-service settings (application.properties, overridable by environment variables). The run table's
 * settings (duplicate window, early-event limit, ended-run memory, stall time) are {@code ngai.runs.*}.
 */
@ConfigMapping(prefix = "market")
public interface MarketConfig {
    /** Matches per FACTOR_MATCHED chunk. */
    @WithDefault("500")
    int chunkSize();

    Checkpoints checkpoints();

    interface Checkpoints {
        /**
         * Save each running run's scenario and settled ticks every this many ticks (0 = never: a restart then reads
         * the run's whole log and clears its ticks again). Bounds how much of the log a restarted instance re-reads.
         */
        @WithDefault("10")
        int interval();
    }
}
