package org.ngai.factor.rest;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ngai.factor.persistence.FactorRunEntity;
import org.ngai.factor.persistence.LenderEntity;
import org.ngai.factor.rest.Views.LenderPage;
import org.ngai.factor.rest.Views.LenderView;

@Path("/api/runs/{id}/lenders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "lenders", description = "Lenders: capital, AI adoption, credit extended and losses")
public class LenderResource {

    @GET
    @Operation(summary = "Lenders of a run after one tick (default: the latest stored tick)")
    @APIResponse(responseCode = "200", description = "Lenders ordered by id (tick 0 and none before the first tick is applied)")
    @APIResponse(responseCode = "400", description = "Invalid tick or region; the message names the field")
    @APIResponse(responseCode = "404", description = "Unknown run, or no owner state stored for that tick")
    public LenderPage list(@PathParam("id") String id,
                           @Parameter(description = "tick (default: latest stored)", schema = @Schema(type = SchemaType.INTEGER))
                           @QueryParam("tick") String tick,
                           @Parameter(description = "only lenders of this province, e.g. GD") @QueryParam("region") String region) {
        FactorRunEntity run = Lookup.run(id);
        Integer t = Lookup.tick(tick, run);
        String regionCode = Lookup.region(region);
        if (t == null) {
            t = LenderEntity.find("select max(tick) from LenderEntity where runId = ?1", id).project(Integer.class)
                    .firstResult();
            if (t == null) {
                return new LenderPage(id, 0, List.of());
            }
        }
        StringBuilder q = new StringBuilder("runId = :run and tick = :tick");
        Parameters p = Parameters.with("run", id).and("tick", t);
        if (regionCode != null) {
            q.append(" and region = :region");
            p = p.and("region", regionCode);
        }
        List<LenderEntity> rows = LenderEntity.list(q.toString(), Sort.by("lenderId"), p);
        if (rows.isEmpty() && LenderEntity.count("runId = ?1 and tick = ?2", id, t) == 0) {
            throw Lookup.noTick(run, t);
        }
        return new LenderPage(id, t, rows.stream().map(LenderView::of).toList());
    }
}
