package org.ngai.market.rest;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ngai.market.persistence.MarketRunEntity;

/** A run as market-service knows it. */
@Schema(description = "A run market-service has seen: its scenario, length and the last tick it cleared")
public record RunView(
        @Schema(description = "run id", example = "3f6c0e5e-...") String id,
        @Schema(description = "scenario name", example = "baseline") String scenario,
        @Schema(description = "number of ticks (quarters) of the run", example = "20") int ticks,
        @Schema(description = "last tick cleared, 0 before the first clearing", example = "7") int lastClearedTick,
        @Schema(description = "RUNNING, STALLED, FINISHED, CANCELLED or FAILED", example = "RUNNING") String status,
        @Schema(description = "what a STALLED run waits for; empty otherwise") String message,
        Instant createdAt,
        Instant updatedAt) {

    static RunView of(MarketRunEntity e) {
        return new RunView(e.runId, e.scenarioName, e.ticks, e.lastClearedTick, e.status, e.message == null ? "" : e.message, e.createdAt, e.updatedAt);
    }
}
