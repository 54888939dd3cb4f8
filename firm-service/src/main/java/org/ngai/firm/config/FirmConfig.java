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

    interface Snapshots {
        /** Persist firm snapshots every this many ticks (0 = never). The last tick is always kept. */
        @WithDefault("1")
        int interval();
    }
}
