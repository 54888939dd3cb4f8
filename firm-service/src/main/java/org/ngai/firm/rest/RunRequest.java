package org.ngai.firm.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/runs}: a bundled scenario by name or a scenario document inline
 * (docs/scenarios.md), with optional overrides.
 */
@Schema(description = "A run request: scenario by name or inline document, optional overrides")
public record RunRequest(
        @Schema(description = "bundled scenario name (GET /api/scenarios)", example = "baseline") String scenario,
        @Schema(description = "inline scenario document (same fields as a scenario file)") JsonNode scenarioDocument,
        @Schema(description = "override the seed", example = "7") Long seed,
        @Schema(description = "override the number of firms (10..1,000,000)", example = "2000") Integer firms,
        @Schema(description = "override the number of quarters (1..200)", example = "20") Integer ticks) {
}
