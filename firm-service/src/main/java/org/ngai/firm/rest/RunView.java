package org.ngai.firm.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.ngai.firm.persistence.RunEntity;
import org.ngai.firm.service.Json;

/** A run as the API shows it. */
public record RunView(String id, String scenario, long seed, int firms, int ticks, String status, int tick,
                      Instant createdAt, Instant updatedAt, Instant finishedAt, String message, String parentRunId,
                      Integer forkTick, JsonNode document) {

    static RunView of(RunEntity e, boolean withDocument) {
        return new RunView(e.id, e.scenarioName, e.seed, e.firms, e.ticks, e.status, e.currentTick, e.createdAt,
                e.updatedAt, e.finishedAt, e.message, e.parentRunId, e.forkTick,
                withDocument ? Json.tree(e.scenarioJson) : null);
    }
}
