package org.ngai.indicator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.ngai.indicator.persistence.IndicatorRunEntity;
import org.ngai.service.rest.ErrorMappers.BadRequest;
import org.ngai.service.rest.ErrorMappers.NotFound;
import org.ngai.indicator.rest.Views.RunView;
import org.ngai.indicator.rest.Views.SeriesRow;
import org.ngai.indicator.service.IndicatorStore;
import org.ngai.indicator.service.LiveStreams;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.engine.SeriesExport;
import org.ngai.model.engine.SeriesReport;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;

@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "Indicator series of runs: query, export, live stream")
public class RunResource {
    @Inject
    IndicatorStore store;
    @Inject
    LiveStreams streams;

    @GET
    @Operation(summary = "All runs with their status and last tick aggregated, newest first")
    public List<RunView> list() {
        return store.runs().stream().map(RunView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One run with its status and last tick aggregated")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "Unknown run")
    public RunView get(@PathParam("id") String id) {
        return RunView.of(run(id));
    }

    @GET
    @Path("{id}/indicators")
    @Operation(summary = "Indicator series of a run",
            description = "National: [{tick, quarter, values{key: value|null}}]; region and sector scopes add the "
                    + "region code or sector name to each row (one row per tick and region/sector).")
    @APIResponse(responseCode = "200", description = "The series, tick order")
    @APIResponse(responseCode = "400", description = "Unknown key, scope, region or sector, or a bad tick range; the message names the field")
    @APIResponse(responseCode = "404", description = "Unknown run")
    public List<SeriesRow> series(
            @PathParam("id") String id,
            @Parameter(description = "national (default), region or sector") @QueryParam("scope") String scope,
            @Parameter(description = "indicator keys, comma-separated (default: every key of the scope), e.g. tfp.measured,ai.penetration")
            @QueryParam("key") List<String> key,
            @Parameter(description = "region codes, comma-separated (scope=region; default all), e.g. GD")
            @QueryParam("region") List<String> region,
            @Parameter(description = "sector names, comma-separated (scope=sector; default all), e.g. FINANCE")
            @QueryParam("sector") List<String> sector,
            @Parameter(description = "first tick (default 1)") @QueryParam("from") String from,
            @Parameter(description = "last tick (default: the latest)") @QueryParam("to") String to) {
        run(id);
        Scope sc = Scope.parse(scope);
        List<Indicator> keys = keys(key, sc);
        List<Region> regions = regions(region, sc);
        List<Sector> sectors = sectors(sector, sc);
        int first = tick("from", from, 1);
        int last = tick("to", to, Integer.MAX_VALUE);
        if (last < first) {
            throw new BadRequest("to", "to (" + last + ") must not be before from (" + first + ")");
        }
        List<SeriesRow> rows = new ArrayList<>();
        for (TickIndicators t : store.series(id, first, last)) {
            switch (sc) {
                case NATIONAL -> rows.add(new SeriesRow(t.tick(), t.quarter(), null, null, values(keys, t::get)));
                case REGION -> {
                    for (Region r : regions) {
                        rows.add(new SeriesRow(t.tick(), t.quarter(), r.code(), null,
                                values(keys, i -> t.region(i, r.index()))));
                    }
                }
                case SECTOR -> {
                    for (Sector s : sectors) {
                        rows.add(new SeriesRow(t.tick(), t.quarter(), null, s.name(),
                                values(keys, i -> t.sector(i, s.ordinal()))));
                    }
                }
            }
        }
        return rows;
    }

    @GET
    @Path("{id}/indicators/latest")
    @Operation(summary = "The latest tick of a run",
            description = "{tick, quarter, national{key: value}, regions{code: {key: value}}, sectors{name: {key: value}}} "
                    + "as in the per-tick entries of export.json; null where undefined")
    @APIResponse(responseCode = "200", description = "The latest tick")
    @APIResponse(responseCode = "404", description = "Unknown run, or no tick aggregated yet")
    public JsonNode latest(@PathParam("id") String id) {
        IndicatorRunEntity run = run(id);
        TickIndicators t = store.latest(id).orElseThrow(() -> new NotFound("run " + id + " has no indicators yet"));
        return SeriesExport.toJson(scenario(run), List.of(t)).get("series").get(0);
    }

    @GET
    @Path("{id}/export.csv")
    @Produces("text/csv")
    @Operation(summary = "The series as CSV", description = "Exactly as SeriesExport writes national.csv, regions.csv or sectors.csv")
    @APIResponse(responseCode = "200", description = "CSV, one row per tick (and region or sector)",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Unknown scope")
    @APIResponse(responseCode = "404", description = "Unknown run")
    public Response exportCsv(@PathParam("id") String id,
                              @Parameter(description = "national (default), region or sector") @QueryParam("scope") String scope) {
        run(id);
        Scope sc = Scope.parse(scope);
        List<TickIndicators> series = store.series(id);
        StringBuilder out = new StringBuilder();
        try {
            switch (sc) {
                case NATIONAL -> SeriesExport.writeNationalCsv(series, out);
                case REGION -> SeriesExport.writeRegionsCsv(series, out);
                case SECTOR -> SeriesExport.writeSectorsCsv(series, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String file = id + "-" + (sc == Scope.NATIONAL ? "national" : sc == Scope.REGION ? "regions" : "sectors") + ".csv";
        return Response.ok(out.toString(), "text/csv")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    @GET
    @Path("{id}/export.json")
    @Operation(summary = "The series as one JSON document",
            description = "SeriesExport.toJson: {scenario, indicators (catalogue), series[{tick, quarter, national, regions, sectors}]}")
    @APIResponse(responseCode = "200", description = "The document")
    @APIResponse(responseCode = "404", description = "Unknown run")
    public ObjectNode exportJson(@PathParam("id") String id) {
        IndicatorRunEntity run = run(id);
        return SeriesExport.toJson(scenario(run), store.series(id));
    }

    @GET
    @Path("{id}/report.html")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The series as charts",
            description = "SeriesReport: one self-contained HTML page of line charts (inline SVG), one per mechanism of docs/specification.md, "
                    + "each with the stylised fact it should show; the same page the local run writes as report.html")
    @APIResponse(responseCode = "200", description = "HTML")
    @APIResponse(responseCode = "404", description = "Unknown run")
    public String report(@PathParam("id") String id) {
        IndicatorRunEntity run = run(id);
        return SeriesReport.html(scenario(run), store.series(id));
    }

    @GET
    @Path("{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Live stream of closed ticks (Server-Sent Events)",
            description = "One event per tick: {tick, quarter, status, values{headline national indicators}}; the ticks "
                    + "already stored first, then live ones; after the run ends a final element with status FINISHED "
                    + "or CANCELLED, then the stream completes.")
    @APIResponse(responseCode = "200", description = "text/event-stream of JSON elements")
    @APIResponse(responseCode = "404", description = "Unknown run")
    public Multi<LiveStreams.TickElement> stream(
            @Parameter(in = ParameterIn.PATH, description = "run id") @PathParam("id") String id) {
        run(id);
        return streams.stream(id, () -> {
            IndicatorRunEntity now = run(id);
            List<TickIndicators> stored = store.series(id);
            return new LiveStreams.Replay(stored, now.terminal() ? now.status : null);
        });
    }

    // ---------------------------------------------------------------------------------- helpers

    private IndicatorRunEntity run(String id) {
        return store.findRun(id).orElseThrow(() -> new NotFound("unknown run '" + id + "'"));
    }

    private static Scenario scenario(IndicatorRunEntity run) {
        return ScenarioLoader.parse(run.scenarioJson);
    }

    private static Map<String, Double> values(List<Indicator> keys, java.util.function.ToDoubleFunction<Indicator> f) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Indicator i : keys) {
            double v = f.applyAsDouble(i);
            m.put(i.key, Double.isFinite(v) ? v : null);
        }
        return m;
    }

    /** Splits repeated and comma-separated parameter values. */
    static List<String> split(List<String> raw) {
        List<String> out = new ArrayList<>();
        if (raw != null) {
            for (String r : raw) {
                if (r == null) {
                    continue;
                }
                for (String s : r.split(",")) {
                    if (!s.isBlank()) {
                        out.add(s.trim());
                    }
                }
            }
        }
        return out;
    }

    static List<Indicator> keys(List<String> raw, Scope scope) {
        List<String> names = split(raw);
        List<Indicator> out = new ArrayList<>();
        if (names.isEmpty()) {
            return SeriesExport.scope(scope.code);
        }
        for (String k : names) {
            Indicator i = Indicator.byKey(k);
            if (i == null) {
                throw new BadRequest("key", "unknown indicator key '" + k + "' (see GET /api/indicators)");
            }
            if (!scope.covers(i)) {
                throw new BadRequest("key", "indicator '" + k + "' is not defined for scope " + scope.label()
                        + " (its scopes: " + String.join(", ", Scope.labels(i)) + ")");
            }
            out.add(i);
        }
        return out;
    }

    static List<Region> regions(List<String> raw, Scope scope) {
        List<String> codes = split(raw);
        if (!codes.isEmpty() && scope != Scope.REGION) {
            throw new BadRequest("region", "region applies only to scope=region");
        }
        if (codes.isEmpty()) {
            return Region.ALL;
        }
        List<Region> out = new ArrayList<>();
        for (String c : codes) {
            try {
                out.add(Region.byCode(c));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("region", "unknown region code '" + c + "'");
            }
        }
        return out;
    }

    static List<Sector> sectors(List<String> raw, Scope scope) {
        List<String> names = split(raw);
        if (!names.isEmpty() && scope != Scope.SECTOR) {
            throw new BadRequest("sector", "sector applies only to scope=sector");
        }
        if (names.isEmpty()) {
            return List.of(Sector.values());
        }
        List<Sector> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(Sector.valueOf(n.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("sector", "unknown sector '" + n + "'");
            }
        }
        return out;
    }

    static int tick(String field, String raw, int dflt) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        int v;
        try {
            v = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(field, field + " must be a tick number, got '" + raw + "'");
        }
        if (v < 1) {
            throw new BadRequest(field, field + " must be >= 1, got " + v);
        }
        return v;
    }
}
