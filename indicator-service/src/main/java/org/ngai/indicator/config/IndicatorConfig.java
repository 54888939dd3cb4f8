package org.ngai.indicator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** indicator-service settings (application.properties, overridable by environment variables). */
@ConfigMapping(prefix = "indicator")
public interface IndicatorConfig {
    /** How many recent event ids the duplicate filter remembers. */
    @WithDefault("20000")
    int dedupWindow();

    /** Events buffered per unknown run before its RUN_STARTED arrives; beyond this they are rejected. */
    @WithDefault("100000")
    int earlyLimit();

    DeadLetters deadLetters();

    Metrics metrics();

    interface DeadLetters {
        /** Dead letters kept for GET /api/dead-letters. */
        @WithDefault("100")
        int keep();
    }

    interface Metrics {
        /** Runs whose gauges stay registered; the oldest finished runs' gauges are removed beyond this. */
        @WithDefault("50")
        int maxRuns();
    }
}
