package org.ngai.market.rest;

import org.ngai.service.rest.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ngai.service.rest.ErrorMappers.NotFound;
import org.ngai.market.service.ClearingStore;

@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "Runs market-service has cleared for (runs are created through firm-service)")
public class RunResource {
    @Inject
    ClearingStore store;

    @GET
    @Operation(summary = "Runs known to market-service, newest first")
    @APIResponse(responseCode = "200", description = "The runs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView[].class)))
    public List<RunView> list() {
        return store.runs().stream().map(RunView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One run: scenario, length, last tick cleared, status")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "Unknown run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public RunView get(@Parameter(description = "run id") @PathParam("id") String id) {
        return store.run(id).map(RunView::of).orElseThrow(() -> new NotFound("run " + id + " is unknown to market-service"));
    }
}
