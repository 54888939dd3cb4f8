package org.ngai.market.rest;

import org.ngai.service.rest.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ngai.market.persistence.MarketClearingEntity;
import org.ngai.market.persistence.MarketRunEntity;
import org.ngai.service.rest.ErrorMappers.BadRequest;
import org.ngai.service.rest.ErrorMappers.NotFound;
import org.ngai.market.service.ClearingStore;
import org.ngai.model.core.MarketKind;
import org.ngai.model.core.Region;

@Path("/api/runs/{id}/clearing")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "clearing", description = "Clearing summaries per market cell and signalling-game regimes")
public class ClearingResource {
    @Inject
    ClearingStore store;

    @GET
    @Operation(summary = "Clearing summaries of one tick (default: the latest cleared tick)",
            description = "One entry per market cell in the model's order (labour by region and skill, finance, technology, "
                    + "each with a national cell, then AI capital). Fields that do not apply to a market are null. "
                    + "An empty list when the tick has not been cleared (yet).")
    @APIResponse(responseCode = "200", description = "The summaries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClearingView[].class)))
    @APIResponse(responseCode = "400", description = "Invalid tick, market or region; the message names the field",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Unknown run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public List<ClearingView> summaries(
            @Parameter(description = "run id") @PathParam("id") String id,
            @Parameter(description = "tick, 1..ticks (default: the latest cleared tick)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("tick") String tick,
            @Parameter(description = "market: LAB, FIN, TECH or AI", schema = @Schema(enumeration = {"LAB", "FIN", "TECH", "AI"}))
            @QueryParam("market") String market,
            @Parameter(description = "province code (e.g. GD) or \"national\"") @QueryParam("region") String region) {
        MarketRunEntity run = run(id);
        String m = market(market);
        Integer r = region(region);
        Integer t = tick(run, tick);
        if (t == null) {
            return List.of();
        }
        return store.summaries(id, t, m, r).stream().map(ClearingView::of).toList();
    }

    @GET
    @Path("regimes")
    @Operation(summary = "Regime of every signalling-game cell of one tick, market by region (default: the latest cleared tick)",
            description = "Cells without a game (low-skill labour, national aggregates, AI capital) are left out.")
    @APIResponse(responseCode = "200", description = "The regime table",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegimeTable.class)))
    @APIResponse(responseCode = "400", description = "Invalid tick; the message names the field",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Unknown run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public RegimeTable regimes(@Parameter(description = "run id") @PathParam("id") String id,
                               @Parameter(description = "tick, 1..ticks (default: the latest cleared tick)",
                                       schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
                               @QueryParam("tick") String tick) {
        MarketRunEntity run = run(id);
        Integer t = tick(run, tick);
        Map<String, Map<String, String>> table = new LinkedHashMap<>();
        if (t != null) {
            for (MarketClearingEntity e : store.summaries(id, t, null, null)) {
                if (e.regime != null) {
                    table.computeIfAbsent(e.market, k -> new LinkedHashMap<>()).put(ClearingView.regionKey(e.region), e.regime);
                }
            }
        }
        return new RegimeTable(id, t, table);
    }

    private MarketRunEntity run(String id) {
        return store.run(id).orElseThrow(() -> new NotFound("run " + id + " is unknown to market-service"));
    }

    /** The requested tick, or the latest cleared one (null when there is none). */
    private Integer tick(MarketRunEntity run, String value) {
        if (value == null || value.isBlank()) {
            return store.latestTick(run.runId);
        }
        int tick;
        try {
            tick = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("tick", "tick must be an integer, got '" + value + "'");
        }
        if (tick < 1) {
            throw new BadRequest("tick", "tick must be >= 1, got " + tick);
        }
        if (run.ticks > 0 && tick > run.ticks) {
            throw new BadRequest("tick", "tick must be <= " + run.ticks + " (the run's ticks), got " + tick);
        }
        return tick;
    }

    private static String market(String market) {
        if (market == null || market.isBlank()) {
            return null;
        }
        try {
            return MarketKind.valueOf(market.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new BadRequest("market", "unknown market '" + market + "'; known: " + Arrays.toString(MarketKind.values()));
        }
    }

    /** Region index, −1 for "national", null for all. */
    private static Integer region(String region) {
        if (region == null || region.isBlank()) {
            return null;
        }
        if (ClearingView.NATIONAL.equalsIgnoreCase(region.trim())) {
            return -1;
        }
        try {
            return Region.byCode(region.trim()).index();
        } catch (IllegalArgumentException e) {
            throw new BadRequest("region", "unknown region '" + region + "'; use a province code such as GD, or national");
        }
    }
}
