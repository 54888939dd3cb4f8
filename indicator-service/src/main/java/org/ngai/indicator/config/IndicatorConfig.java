package org.ngai.indicator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * indicator-service settings (application.properties, overridable by environment variables). The run
 * table's settings are {@code ngai.runs.*}.
 */
@ConfigMapping(prefix = "indicator")
public interface IndicatorConfig {
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
