package org.ngai.factor.rest;

import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ngai.factor.persistence.AiMarketEntity;
import org.ngai.factor.persistence.FactorRunEntity;
import org.ngai.factor.rest.Views.AiMarketView;

@Path("/api/runs/{id}/ai-market")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ai-market", description = "The AI capital market: frontier, quality, price, compute, data, vendors")
public class AiMarketResource {

    @GET
    @Operation(summary = "The AI market series of a run, one point per applied tick, in tick order")
    @APIResponse(responseCode = "200", description = "The series (empty before the first tick is applied)")
    @APIResponse(responseCode = "404", description = "Unknown run")
    public List<AiMarketView> series(@PathParam("id") String id) {
        Lookup.run(id);
        return AiMarketEntity.<AiMarketEntity>list("runId", Sort.by("tick"), id).stream().map(AiMarketView::of).toList();
    }

    @GET
    @Path("{tick}")
    @Operation(summary = "The AI market after one tick")
    @APIResponse(responseCode = "200", description = "The AI market state that opens tick+1 and the vendors of the tick")
    @APIResponse(responseCode = "400", description = "Invalid tick; the message names the field")
    @APIResponse(responseCode = "404", description = "Unknown run, or no owner state stored for that tick")
    public AiMarketView at(@PathParam("id") String id,
                           @Parameter(description = "tick in [1, ticks]", schema = @Schema(type = SchemaType.INTEGER))
                           @PathParam("tick") String tick) {
        FactorRunEntity run = Lookup.run(id);
        int t = Lookup.requiredTick(tick, run);
        AiMarketEntity e = AiMarketEntity.find("runId = ?1 and tick = ?2", id, t).firstResult();
        if (e == null) {
            throw Lookup.noTick(run, t);
        }
        return AiMarketView.of(e);
    }
}
