package org.ngai.indicator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ngai.indicator.persistence.IndicatorRunEntity;
import org.ngai.model.indicator.Indicator;

/** Response bodies of the API. */
public final class Views {
    private Views() {
    }

    @Schema(description = "An indicator of the catalogue")
    public record IndicatorInfo(String key, String unit, String section, String description, List<String> scopes) {
        static IndicatorInfo of(Indicator i) {
            return new IndicatorInfo(i.key, i.unit, i.section, i.description, Scope.labels(i));
        }
    }

    @Schema(description = "A run as indicator-service knows it")
    public record RunView(String id, String scenario, long seed, int firms, int ticks, String status, int lastTick,
                          Instant createdAt, Instant updatedAt, Instant finishedAt, String message,
                          @Schema(description = "a fork's parent run (null for a run from tick 1)") String parentRunId,
                          @Schema(description = "a fork's first tick; its ticks before it are the parent's") Integer forkTick) {
        static RunView of(IndicatorRunEntity e) {
            return new RunView(e.id, e.scenarioName, e.seed, e.firms, e.ticks, e.status, e.lastTick, e.createdAt,
                    e.updatedAt, e.finishedAt, e.message, e.parentRunId, e.forkTick);
        }
    }

    @Schema(description = "One tick of a series: national values, or one region's or one sector's (null where undefined)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SeriesRow(int tick, String quarter, String region, String sector,
                            @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.ALWAYS)
                            Map<String, Double> values) {
    }
}
