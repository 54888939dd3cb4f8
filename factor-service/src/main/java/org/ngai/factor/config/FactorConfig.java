package org.ngai.factor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * factor-service settings (application.properties, overridable by environment variables). The run table's
 * settings are {@code ngai.runs.*}.
 */
@ConfigMapping(prefix = "factor")
public interface FactorConfig {
    Persist persist();

    Checkpoints checkpoints();

    interface Persist {
        /** Persist cohort, lender and AI-market states every this many ticks (0 = never). The last tick is always kept. */
        @WithDefault("1")
        int interval();
    }

    interface Checkpoints {
        /**
         * Save the owners of each running run every this many ticks (0 = never: a restart then reads the run's
         * whole log). Bounds how much of the log a restarted instance re-reads.
         */
        @WithDefault("10")
        int interval();
    }
}
