package org.ngai.firm.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ngai.firm.persistence.RunEntity;
import org.ngai.firm.service.RunService;

@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "Create and control simulation runs")
public class RunResource {
    @Inject
    RunService runs;

    @POST
    @Operation(summary = "Start a run", description = "Scenario by name (scenarios/) or inline document; seed, firms and ticks may be overridden.")
    @APIResponse(responseCode = "201", description = "Run created; Location points at it")
    @APIResponse(responseCode = "400", description = "Invalid scenario or overrides; the message names the field")
    public Response create(@RequestBody(description = "e.g. {\"scenario\":\"baseline\",\"firms\":2000,\"ticks\":20}") RunRequest request,
                           @jakarta.ws.rs.core.Context UriInfo uri) {
        RunEntity e = runs.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(e.id).build()).entity(RunView.of(e, false)).build();
    }

    @GET
    @Operation(summary = "All runs, newest first")
    public List<RunView> list() {
        return RunEntity.newestFirst().stream().map(e -> RunView.of(e, false)).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One run with its scenario document")
    @APIResponse(responseCode = "404", description = "Unknown run")
    public RunView get(@PathParam("id") String id) {
        return RunView.of(runs.get(id), true);
    }

    @POST
    @Path("{id}/pause")
    @Operation(summary = "Pause before the next tick")
    @APIResponse(responseCode = "202", description = "Pause requested")
    @APIResponse(responseCode = "404", description = "Unknown run")
    @APIResponse(responseCode = "409", description = "Run already finished or cancelled")
    public Response pause(@PathParam("id") String id) {
        return Response.accepted(RunView.of(runs.pause(id), false)).build();
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Resume a paused run")
    @APIResponse(responseCode = "202", description = "Resume requested")
    public Response resume(@PathParam("id") String id) {
        return Response.accepted(RunView.of(runs.resume(id), false)).build();
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a run")
    @APIResponse(responseCode = "202", description = "Cancellation requested")
    public Response cancel(@PathParam("id") String id) {
        return Response.accepted(RunView.of(runs.cancel(id), false)).build();
    }
}
