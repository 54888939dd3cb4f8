package org.ngai.indicator.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ngai.indicator.service.DeadLetterLog;

@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dead letters", description = "Records rejected by any service (sim.deadletter.v1)")
public class DeadLetterResource {
    @Inject
    DeadLetterLog log;

    @GET
    @Operation(summary = "The latest dead letters, newest first",
            description = "topic, partition and offset of the rejected record, the reason and the exception class "
                    + "(from the dead-letter-* headers); at most indicator.dead-letters.keep of them")
    @APIResponse(responseCode = "200", description = "Newest first")
    public List<DeadLetterLog.DeadLetter> recent() {
        return log.recent();
    }
}
