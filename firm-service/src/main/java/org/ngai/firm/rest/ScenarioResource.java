package org.ngai.firm.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ngai.service.rest.ErrorMappers.NotFound;
import org.ngai.model.scenario.ScenarioLoader;

@Path("/api/scenarios")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "scenarios", description = "Bundled scenarios (scenarios/*.yaml)")
public class ScenarioResource {

    @GET
    @Operation(summary = "Names of the bundled scenarios")
    public List<String> list() {
        return ScenarioLoader.bundledNames();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "A bundled scenario as a normalised document (every field explicit)")
    public JsonNode get(@PathParam("name") String name) {
        if (!ScenarioLoader.bundledNames().contains(name)) {
            throw new NotFound("scenario " + name + " is not bundled");
        }
        return ScenarioLoader.toTree(ScenarioLoader.bundled(name));
    }
}
