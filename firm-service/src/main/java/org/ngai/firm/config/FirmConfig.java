package org.ngai.firm.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** firm-service settings (application.properties, overridable by environment variables). */
@ConfigMapping(prefix = "firm")
public interface FirmConfig {
    /** Firms per FACTOR_DEMANDS / FIRM_REPORTS chunk. */
    @WithDefault("500")
    int chunkSize();

    Snapshots snapshots();

    Checkpoints checkpoints();

    interface Checkpoints {
        /**
         * Save the population of each running run every this many ticks (0 = never: a restart then reads
         * the run's whole log). Bounds how much of the log a restarted instance re-runs.
         */
        @WithDefault("10")
        int interval();
    }

    interface Snapshots {
        /** Persist firm snapshots every this many ticks (0 = never). The last tick is always kept. */
        @WithDefault("1")
        int interval();
    }
}
