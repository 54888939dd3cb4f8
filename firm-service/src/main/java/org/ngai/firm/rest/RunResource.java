package org.ngai.firm.rest;

import jakarta.annotation.security.RolesAllowed;
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
import org.ngai.service.security.Accounts;

@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "Create and control simulation runs")
public class RunResource {
    // Creating and controlling runs needs the operator role (HTTP basic, docs/deployment.md); the HTTP
    // permissions in application.properties say the same for every POST/PUT/PATCH/DELETE under /api.
    @Inject
    RunService runs;

    @POST
    @Operation(summary = "Start a run", description = "Scenario by name (scenarios/) or inline document; seed, firms and ticks may be overridden.")
    @APIResponse(responseCode = "201", description = "Run created; Location points at it")
    @APIResponse(responseCode = "400", description = "Invalid scenario or overrides; the message names the field")
    @APIResponse(responseCode = "401", description = "No or wrong credentials (HTTP basic)")
    @APIResponse(responseCode = "403", description = "Signed in without the role run-operator")
    @APIResponse(responseCode = "422", description = "The run does not fit this instance's heap; the message names firms, the need, the limit and how many firms fit")
    @RolesAllowed(Accounts.OPERATOR_ROLE)
    public Response create(@RequestBody(description = "e.g. {\"scenario\":\"baseline\",\"firms\":2000,\"ticks\":20}") RunRequest request,
                           @jakarta.ws.rs.core.Context UriInfo uri) {
        RunEntity e = runs.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(e.id).build()).entity(RunView.of(e, false)).build();
    }

    @POST
    @Path("{id}/fork")
    @Operation(summary = "Fork a run at a tick with changed parameters",
            description = "A new run whose state when the tick begins is the parent's and which from then on runs under "
                    + "the changed parameters; its ticks before the fork are the parent's. It equals a run of the parent's "
                    + "scenario with the change scheduled at that tick (docs/pipeline.md \"Forks\").")
    @APIResponse(responseCode = "201", description = "Fork created; Location points at it")
    @APIResponse(responseCode = "400", description = "Invalid tick or parameters; the message names the field")
    @APIResponse(responseCode = "404", description = "Unknown parent run")
    @APIResponse(responseCode = "409", description = "The parent has not yet closed the tick before the fork")
    @APIResponse(responseCode = "422", description = "The fork does not fit this instance's heap")
    @RolesAllowed(Accounts.OPERATOR_ROLE)
    public Response fork(@PathParam("id") String id,
                         @RequestBody(description = "e.g. {\"tick\":28,\"parameters\":{\"finance.cashFlowRatio\":0.6}}") ForkRequest request,
                         @jakarta.ws.rs.core.Context UriInfo uri) {
        RunEntity e = runs.fork(id, request);
        return Response.created(uri.getBaseUriBuilder().path("api/runs").path(e.id).build()).entity(RunView.of(e, false)).build();
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
    @RolesAllowed(Accounts.OPERATOR_ROLE)
    public Response pause(@PathParam("id") String id) {
        return Response.accepted(RunView.of(runs.pause(id), false)).build();
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Resume a paused run")
    @APIResponse(responseCode = "202", description = "Resume requested")
    @RolesAllowed(Accounts.OPERATOR_ROLE)
    public Response resume(@PathParam("id") String id) {
        return Response.accepted(RunView.of(runs.resume(id), false)).build();
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a run")
    @APIResponse(responseCode = "202", description = "Cancellation requested")
    @RolesAllowed(Accounts.OPERATOR_ROLE)
    public Response cancel(@PathParam("id") String id) {
        return Response.accepted(RunView.of(runs.cancel(id), false)).build();
    }
}
