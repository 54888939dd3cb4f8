package org.ngai.indicator.experiment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ngai.model.experiment.Experiment;
import org.ngai.model.experiment.ExperimentResult;
import org.ngai.model.experiment.ExperimentWriter;
import org.ngai.model.experiment.Summary;
import org.ngai.model.indicator.Indicator;
import org.ngai.service.rest.ErrorMappers.BadRequest;
import org.ngai.service.security.Accounts;

/** Experiments through the pipeline (docs/experiments.md "Through the pipeline"). */
@Path("/api/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "experiments", description = "Replicated experiments run as ordinary runs on the pipeline")
public class ExperimentResource {
    @Inject
    Experiments experiments;

    @POST
    @Consumes({MediaType.TEXT_PLAIN, "application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
    @Operation(summary = "Start an experiment",
            description = "The experiment file's content (YAML or JSON, docs/experiments.md), checked like ./simulate experiment; "
                    + "cells name bundled scenarios. Its runs start at most `concurrency` at a time.")
    @APIResponse(responseCode = "201", description = "Experiment created; Location points at it")
    @APIResponse(responseCode = "400", description = "Invalid experiment; the message names the field")
    @APIResponse(responseCode = "401", description = "No or wrong credentials (HTTP basic)")
    @RolesAllowed(Accounts.OPERATOR_ROLE)
    public Response submit(@RequestBody(description = "e.g. the content of experiments/levers.yaml") String document,
                           @QueryParam("concurrency") Integer concurrency, @jakarta.ws.rs.core.Context UriInfo uri) {
        ExperimentEntity x = experiments.submit(document, concurrency);
        return Response.created(uri.getAbsolutePathBuilder().path(x.id).build()).entity(describe(experiments.view(x.id))).build();
    }

    @GET
    @Operation(summary = "All experiments, newest first")
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ExperimentEntity x : experiments.list()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", x.id);
            m.put("name", x.name);
            m.put("status", x.status);
            m.put("runs", x.runs);
            m.put("concurrency", x.concurrency);
            m.put("createdAt", x.createdAt);
            m.put("finishedAt", x.finishedAt);
            out.add(m);
        }
        return out;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Progress and per-cell summaries so far",
            description = "Runs by status; per cell and kept indicator the window mean over replicates and the paired "
                    + "difference to the control (mean, sd, 95% CI, n = replicates in so far).")
    @APIResponse(responseCode = "404", description = "Unknown experiment")
    public Map<String, Object> get(@PathParam("id") String id) {
        return describe(experiments.view(id));
    }

    @GET
    @Path("{id}/runs")
    @Operation(summary = "The experiment's runs: cell, replicate, run id (for the run APIs and the live page), status")
    public List<Map<String, Object>> runs(@PathParam("id") String id) {
        Experiment e = experiments.experiment(experiments.find(id));
        List<Map<String, Object>> out = new ArrayList<>();
        for (ExperimentRunEntity r : experiments.runs(id)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runId", r.id);
            m.put("cell", e.cells().get(r.cell).name());
            m.put("replicate", r.replicate);
            m.put("seed", e.seed(r.replicate));
            m.put("status", r.status);
            m.put("startedAt", r.startedAt);
            m.put("endedAt", r.endedAt);
            m.put("message", r.message);
            out.add(m);
        }
        return out;
    }

    @GET
    @Path("{id}/series")
    @Operation(summary = "One cell by quarter: per kept indicator the mean and 95% CI over replicates, and the paired difference to the control")
    @APIResponse(responseCode = "400", description = "Unknown cell; the message names the cells")
    public Map<String, Object> series(@PathParam("id") String id, @QueryParam("cell") String cell) {
        Experiments.View v = experiments.view(id);
        Experiment e = v.experiment();
        int c = cellIndex(e, cell);
        ExperimentResult r = v.result();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("experiment", id);
        out.put("cell", e.cells().get(c).name());
        out.put("control", e.controlCell().name());
        List<Integer> ticks = new ArrayList<>();
        for (int t = 1; t <= e.ticks(); t++) {
            ticks.add(t);
        }
        out.put("ticks", ticks);
        out.put("quarters", r.quarters());
        Map<String, Object> ind = new LinkedHashMap<>();
        for (Indicator i : e.indicators()) {
            List<Summary> at = new ArrayList<>();
            List<Summary> paired = new ArrayList<>();
            for (int t = 1; t <= e.ticks(); t++) {
                at.add(r.at(c, i, t));
                paired.add(r.pairedAt(c, i, t));
            }
            ind.put(i.key, Map.of("unit", i.unit, "at", at, "paired", paired));
        }
        out.put("indicators", ind);
        return out;
    }

    @GET
    @Path("{id}/values")
    @Operation(summary = "What the experiment keeps of each finished run, exactly",
            description = "Per run: cell, replicate, status and the kept indicators' national values [indicator][tick − 1] "
                    + "as big-endian IEEE-754 doubles, base64 (./simulate experiment --pipeline rebuilds the result from them).")
    public Map<String, Object> values(@PathParam("id") String id) {
        Experiments.View v = experiments.view(id);
        Experiment e = v.experiment();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("experiment", id);
        out.put("cells", e.cells().stream().map(Experiment.Cell::name).toList());
        out.put("replicates", e.replicates());
        out.put("indicators", e.indicators().stream().map(i -> i.key).toList());
        out.put("ticks", e.ticks());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (ExperimentRunEntity r : experiments.runs(id)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cell", r.cell);
            m.put("replicate", r.replicate);
            m.put("runId", r.id);
            m.put("status", r.status);
            m.put("values", r.values == null ? null : java.util.Base64.getEncoder().encodeToString(r.values));
            runs.add(m);
        }
        out.put("runs", runs);
        return out;
    }

    @GET
    @Path("{id}/export.csv")
    @Produces("text/csv")
    @Operation(summary = "The statistics so far as CSV: table=summary (per cell, indicator, tick), paired (cell − control per tick) or window")
    public Response csv(@PathParam("id") String id, @QueryParam("table") String table) {
        ExperimentResult r = experiments.view(id).result();
        StringBuilder b = new StringBuilder();
        try {
            switch (table == null ? "summary" : table) {
                case "summary" -> ExperimentWriter.writeSummaryCsv(r, b);
                case "paired" -> ExperimentWriter.writePairedCsv(r, b);
                case "window" -> ExperimentWriter.writeWindowCsv(r, b);
                default -> throw new BadRequest("table", "= '" + table + "' is not one of summary, paired, window");
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return Response.ok(b.toString()).header("Content-Disposition", "attachment; filename=\"" + id + "-"
                + (table == null ? "summary" : table) + ".csv\"").build();
    }

    @GET
    @Path("{id}/export.json")
    @Operation(summary = "The statistics so far as JSON (the same document ./simulate experiment writes)")
    public Response json(@PathParam("id") String id) {
        return Response.ok(ExperimentWriter.toJson(experiments.view(id).result()).toString(), MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel: running runs are cancelled, queued ones never start")
    @APIResponse(responseCode = "202", description = "Cancellation requested")
    @APIResponse(responseCode = "409", description = "The experiment has ended")
    @RolesAllowed(Accounts.OPERATOR_ROLE)
    public Response cancel(@PathParam("id") String id) {
        experiments.cancel(id);
        return Response.accepted(describe(experiments.view(id))).build();
    }

    private static int cellIndex(Experiment e, String cell) {
        if (cell == null) {
            return e.control();
        }
        for (int c = 0; c < e.cells().size(); c++) {
            if (e.cells().get(c).name().equals(cell)) {
                return c;
            }
        }
        throw new BadRequest("cell", "= '" + cell + "' is not a cell of the experiment: "
                + e.cells().stream().map(Experiment.Cell::name).toList());
    }

    static Map<String, Object> describe(Experiments.View v) {
        ExperimentEntity x = v.entity();
        Experiment e = v.experiment();
        ExperimentResult r = v.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", x.id);
        m.put("name", x.name);
        m.put("status", x.status);
        m.put("message", x.message);
        m.put("concurrency", x.concurrency);
        Map<String, Object> runs = new LinkedHashMap<>();
        runs.put("total", x.runs);
        for (ExperimentRunEntity.Status s : ExperimentRunEntity.Status.values()) {
            runs.put(s.name().toLowerCase(java.util.Locale.ROOT), v.count(s));
        }
        m.put("runs", runs);
        m.put("replicates", e.replicates());
        m.put("firms", e.firms());
        m.put("ticks", e.ticks());
        m.put("control", e.controlCell().name());
        m.put("window", List.of(e.windowFrom(), e.windowTo()));
        m.put("createdAt", x.createdAt);
        m.put("finishedAt", x.finishedAt);
        m.put("elapsedSeconds", ((x.finishedAt == null ? Instant.now() : x.finishedAt).toEpochMilli()
                - x.createdAt.toEpochMilli()) / 1000.0);
        List<Map<String, Object>> cells = new ArrayList<>();
        for (int c = 0; c < e.cells().size(); c++) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", e.cells().get(c).name());
            List<Map<String, Object>> ind = new ArrayList<>();
            for (Indicator i : e.indicators()) {
                Map<String, Object> im = new LinkedHashMap<>();
                im.put("indicator", i.key);
                im.put("window", r.window(c, i));
                if (c != e.control()) {
                    im.put("paired", r.pairedWindow(c, i));
                }
                ind.add(im);
            }
            cm.put("indicators", ind);
            cells.add(cm);
        }
        m.put("cells", cells);
        return m;
    }
}
