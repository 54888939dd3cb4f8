package org.ngai.market.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Signalling-game regimes of one tick, market by region (for dashboards). */
@Schema(description = "Regime of every game cell of one tick: market -> region code (or \"national\") -> regime")
public record RegimeTable(
        @Schema(description = "run id") String run,
        @Schema(description = "the tick (null when the run has no clearing yet)", example = "3") Integer tick,
        @Schema(description = "market (LAB, FIN, TECH) -> region -> POOLING_FAILURE | SEPARATING | POOLING_TRADE",
                example = "{\"LAB\":{\"BJ\":\"SEPARATING\"},\"FIN\":{\"BJ\":\"POOLING_FAILURE\"}}")
        Map<String, Map<String, String>> regimes) {
}
