package org.ngai.firm.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/runs/{id}/fork} (docs/pipeline.md "Forks"): the tick from which the fork goes its own
 * way and the parameters that change there (any key of docs/parameters.md, within its range).
 */
@Schema(description = "A fork: the tick it starts at and the parameters in force from that tick on")
public record ForkRequest(
        @Schema(description = "first tick of the fork (1..the parent's ticks); ticks before it are the parent's", example = "28")
        Integer tick,
        @Schema(description = "parameter key -> value from the fork tick on; empty continues the parent unchanged",
                example = "{\"finance.cashFlowRatio\": 0.6}")
        Map<String, Double> parameters,
        @Schema(description = "the fork's scenario name (default: <parent>-fork<tick>)") String name) {
}
