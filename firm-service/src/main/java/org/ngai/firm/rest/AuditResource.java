package org.ngai.firm.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ngai.events.audit.AuditException;
import org.ngai.events.audit.RunLog;
import org.ngai.firm.persistence.RunEntity;
import org.ngai.firm.service.RunService;
import org.ngai.firm.service.RunStore;
import org.ngai.service.rest.ErrorMappers.BadRequest;
import org.ngai.service.rest.ErrorMappers.NotFound;

/**
 * What a firm saw and decided at a tick, re-read from the run's Kafka log (docs/pipeline.md "Audit"): nothing is
 * recomputed and nothing is stored for it. The reading is {@link RunLog}'s; this resource only checks the request
 * against the stored run and passes the run's creation and finish times, which bound the read.
 */
@Path("/api/runs/{id}/firms/{firmId}/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "firms", description = "Firms of a run, from the per-tick snapshots")
public class AuditResource {
    @Inject
    RunService runs;
    @Inject
    RunStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "firm.audit.timeout-seconds", defaultValue = "60")
    int timeoutSeconds;

    @GET
    @Operation(summary = "What a firm saw and decided at a tick, from the run's event log",
            description = "With tick: the environment of the tick (the firm's region and sector slice), its upgrade decision "
                    + "(FIRM_ADOPTED, or none), its factor demand, its match and its report, as the pipeline published them. "
                    + "Without tick: every upgrade decision of the firm over the run. A fork's ticks before its fork tick are "
                    + "answered from its parent's log.")
    @APIResponse(responseCode = "200", description = "FirmAudit with tick, FirmHistory (decisions) without")
    @APIResponse(responseCode = "400", description = "tick outside 1..ticks or not reached yet, or a negative firmId; the field is named")
    @APIResponse(responseCode = "404", description = "Unknown run, or the firm has no record at that tick")
    public Object audit(@PathParam("id") String id, @PathParam("firmId") long firmId,
                        @Parameter(description = "tick, 1..ticks of the run (omit for the firm's decisions over the run)")
                        @QueryParam("tick") String tickParam) {
        RunEntity run = runs.get(id);
        if (firmId < 0) {
            throw new BadRequest("firmId", "firmId must be >= 0, got " + firmId);
        }
        Integer tick = null;
        if (tickParam != null) {
            try {
                tick = Integer.valueOf(tickParam.trim());
            } catch (NumberFormatException e) {
                throw new BadRequest("tick", "tick must be an integer in 1.." + run.ticks + ", got '" + tickParam + "'");
            }
        }
        if (tick != null) {
            if (tick < 1 || tick > run.ticks) {
                throw new BadRequest("tick", "tick must be in 1.." + run.ticks + " (the run's ticks), got " + tick);
            }
            boolean ended = RunEntity.Status.FINISHED.name().equals(run.status);
            boolean started = run.forkTick != null && tick < run.forkTick;   // a fork's earlier ticks are its parent's
            if (!ended && !started && tick > run.currentTick) {
                throw new BadRequest("tick", "run " + id + " has not reached tick " + tick + " (" + run.status
                        + " at tick " + run.currentTick + ")");
            }
        }
        RunLog.Options options = new RunLog.Options(RunLog.Options.defaults().runMargin(),
                RunLog.Options.defaults().tickMargin(), Duration.ofSeconds(timeoutSeconds));
        try (RunLog log = new RunLog(bootstrap, id, bounds(run), other -> store.find(other).map(AuditResource::bounds)
                .orElse(RunLog.Bounds.UNKNOWN), options)) {
            if (tick == null) {
                return log.history(firmId, false);
            }
            return log.audit(firmId, tick);
        } catch (AuditException e) {
            if (e.kind() == AuditException.Kind.NOT_FOUND) {
                throw new NotFound(e.getMessage());
            }
            throw new BadRequest(e.field(), e.getMessage());
        }
    }

    static RunLog.Bounds bounds(RunEntity run) {
        return new RunLog.Bounds(run.createdAt, run.finishedAt);
    }
}
