package org.ngai.factor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** factor-service settings (application.properties, overridable by environment variables). */
@ConfigMapping(prefix = "factor")
public interface FactorConfig {
    /** How many event ids the duplicate filter remembers. */
    @WithDefault("20000")
    int dedupWindow();

    /** Events kept for a run whose RUN_STARTED has not arrived yet; beyond that they are rejected. */
    @WithDefault("10000")
    int earlyLimit();

    Persist persist();

    interface Persist {
        /** Persist cohort, lender and AI-market states every this many ticks (0 = never). The last tick is always kept. */
        @WithDefault("1")
        int interval();
    }
}
