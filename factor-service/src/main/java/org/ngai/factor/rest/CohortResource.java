package org.ngai.factor.rest;

import io.quarkus.panache.common.Parameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ngai.factor.persistence.CohortEntity;
import org.ngai.factor.persistence.FactorRunEntity;
import org.ngai.factor.rest.Views.CohortPage;
import org.ngai.factor.rest.Views.CohortView;
import org.ngai.model.core.Region;

@Path("/api/runs/{id}/cohorts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cohorts", description = "Worker cohorts by region and skill (unemployed, training and its flows)")
public class CohortResource {

    @GET
    @Operation(summary = "Worker cohorts of a run after one tick (default: the latest stored tick), by region and skill")
    @APIResponse(responseCode = "200", description = "Cohorts ordered by region index, then skill (tick 0 and none before the first tick is applied)")
    @APIResponse(responseCode = "400", description = "Invalid tick, region or skill; the message names the field")
    @APIResponse(responseCode = "404", description = "Unknown run, or no owner state stored for that tick")
    public CohortPage list(@PathParam("id") String id,
                           @Parameter(description = "tick (default: latest stored)", schema = @Schema(type = SchemaType.INTEGER))
                           @QueryParam("tick") String tick,
                           @Parameter(description = "province code, e.g. GD") @QueryParam("region") String region,
                           @Parameter(description = "LOW or HIGH", schema = @Schema(enumeration = {"LOW", "HIGH"}))
                           @QueryParam("skill") String skill) {
        FactorRunEntity run = Lookup.run(id);
        Integer t = Lookup.tick(tick, run);
        String regionCode = Lookup.region(region);
        String skillName = Lookup.skill(skill);
        if (t == null) {
            t = CohortEntity.find("select max(tick) from CohortEntity where runId = ?1", id).project(Integer.class)
                    .firstResult();
            if (t == null) {
                return new CohortPage(id, 0, List.of());
            }
        }
        StringBuilder q = new StringBuilder("runId = :run and tick = :tick");
        Parameters p = Parameters.with("run", id).and("tick", t);
        if (regionCode != null) {
            q.append(" and region = :region");
            p = p.and("region", regionCode);
        }
        if (skillName != null) {
            q.append(" and skill = :skill");
            p = p.and("skill", skillName);
        }
        List<CohortEntity> rows = CohortEntity.list(q.toString(), p);
        if (rows.isEmpty() && CohortEntity.count("runId = ?1 and tick = ?2", id, t) == 0) {
            throw Lookup.noTick(run, t);
        }
        List<CohortView> out = rows.stream()
                .sorted(Comparator.<CohortEntity>comparingInt(e -> Region.byCode(e.region).index())
                        .thenComparing(e -> e.skill.equals("HIGH")))
                .map(CohortView::of).toList();
        return new CohortPage(id, t, out);
    }
}
