package org.ngai.factor.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ngai.factor.persistence.FactorRunEntity;
import org.ngai.factor.rest.Views.RunView;

@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "Runs whose factor owners this service holds")
public class RunResource {

    @GET
    @Operation(summary = "Runs known to factor-service, newest first",
            description = "Runs are created here by RUN_STARTED; runs are started through firm-service.")
    @APIResponse(responseCode = "200", description = "The runs (without their scenario documents)")
    public List<RunView> list() {
        return FactorRunEntity.newestFirst().stream().map(e -> RunView.of(e, false)).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One run with its scenario document and the last ticks supplied and applied")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "Unknown run")
    public RunView get(@PathParam("id") String id) {
        return RunView.of(Lookup.run(id), true);
    }
}
