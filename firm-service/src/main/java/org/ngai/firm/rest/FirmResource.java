package org.ngai.firm.rest;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ngai.firm.persistence.FirmSnapshotEntity;
import org.ngai.service.rest.ErrorMappers.BadRequest;
import org.ngai.service.rest.ErrorMappers.NotFound;
import org.ngai.firm.service.RunService;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;

@Path("/api/runs/{id}/firms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "firms", description = "Firms of a run, from the per-tick snapshots")
public class FirmResource {
    @Inject
    RunService runs;

    /** A page of firms. */
    public record FirmPage(int tick, long total, int page, int size, List<FirmView> firms) {
    }

    @GET
    @Operation(summary = "Firms of a run at one tick (default: the latest snapshot), filtered by region, sector, stage")
    @APIResponse(responseCode = "400", description = "Invalid filter; the message names it")
    @APIResponse(responseCode = "404", description = "Unknown run")
    public FirmPage list(@PathParam("id") String id,
                         @Parameter(description = "tick (default: latest snapshot)") @QueryParam("tick") Integer tick,
                         @Parameter(description = "province code, e.g. GD") @QueryParam("region") String region,
                         @Parameter(description = "sector, e.g. FINANCE") @QueryParam("sector") String sector,
                         @Parameter(description = "adoption stage 0..3") @QueryParam("stage") Integer stage,
                         @QueryParam("page") @DefaultValue("0") int page,
                         @QueryParam("size") @DefaultValue("100") int size) {
        runs.get(id);
        if (page < 0) {
            throw new BadRequest("page", "page must be >= 0");
        }
        if (size < 1 || size > 1000) {
            throw new BadRequest("size", "size must be in [1, 1000]");
        }
        if (stage != null && (stage < 0 || stage > 3)) {
            throw new BadRequest("stage", "stage must be in [0, 3]");
        }
        String regionCode = null;
        if (region != null) {
            try {
                regionCode = Region.byCode(region).code();
            } catch (IllegalArgumentException e) {
                throw new BadRequest("region", "unknown region code '" + region + "'");
            }
        }
        String sectorName = null;
        if (sector != null) {
            try {
                sectorName = Sector.valueOf(sector.toUpperCase(java.util.Locale.ROOT)).name();
            } catch (IllegalArgumentException e) {
                throw new BadRequest("sector", "unknown sector '" + sector + "'; known: "
                        + java.util.Arrays.toString(Sector.values()));
            }
        }
        Integer t = tick;
        if (t == null) {
            t = FirmSnapshotEntity.find("select max(tick) from FirmSnapshotEntity where runId = ?1", id)
                    .project(Integer.class).firstResult();
            if (t == null) {
                return new FirmPage(0, 0, page, size, List.of());
            }
        }
        StringBuilder q = new StringBuilder("runId = :run and tick = :tick");
        Parameters p = Parameters.with("run", id).and("tick", t);
        if (regionCode != null) {
            q.append(" and region = :region");
            p = p.and("region", regionCode);
        }
        if (sectorName != null) {
            q.append(" and sector = :sector");
            p = p.and("sector", sectorName);
        }
        if (stage != null) {
            q.append(" and stage = :stage");
            p = p.and("stage", stage);
        }
        var query = FirmSnapshotEntity.<FirmSnapshotEntity>find(q.toString(), Sort.by("firmId"), p).page(Page.of(page, size));
        return new FirmPage(t, query.count(), page, size, query.list().stream().map(FirmView::of).toList());
    }

    @GET
    @Path("{firmId}")
    @Operation(summary = "One firm's history, tick by tick")
    @APIResponse(responseCode = "404", description = "Unknown run or firm")
    public List<FirmView> history(@PathParam("id") String id, @PathParam("firmId") long firmId) {
        runs.get(id);
        List<FirmView> out = FirmSnapshotEntity.<FirmSnapshotEntity>find("runId = ?1 and firmId = ?2", Sort.by("tick"), id, firmId)
                .list().stream().map(FirmView::of).toList();
        if (out.isEmpty()) {
            throw new NotFound("firm " + firmId + " has no snapshot in run " + id);
        }
        return out;
    }
}
