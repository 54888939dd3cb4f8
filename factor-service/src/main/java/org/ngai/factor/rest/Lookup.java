package org.ngai.factor.rest;

import java.util.Locale;
import org.ngai.factor.persistence.FactorRunEntity;
import org.ngai.service.rest.ErrorMappers.BadRequest;
import org.ngai.service.rest.ErrorMappers.NotFound;
import org.ngai.model.core.Region;
import org.ngai.model.core.Skill;

/** Parsing and checking of the API's path and query parameters (400 naming the field, 404 unknown run). */
final class Lookup {
    private Lookup() {
    }

    static FactorRunEntity run(String id) {
        FactorRunEntity e = id == null ? null : FactorRunEntity.findById(id);
        if (e == null) {
            throw new NotFound("run " + id + " is unknown to factor-service");
        }
        return e;
    }

    /** A tick in [1, run.ticks], or null when absent. */
    static Integer tick(String raw, FactorRunEntity run) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        int t;
        try {
            t = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("tick", "tick must be an integer, got '" + raw + "'");
        }
        if (t < 1 || t > run.ticks) {
            throw new BadRequest("tick", "tick must be in [1, " + run.ticks + "], got " + t);
        }
        return t;
    }

    /** A required tick in [1, run.ticks]. */
    static int requiredTick(String raw, FactorRunEntity run) {
        Integer t = tick(raw, run);
        if (t == null) {
            throw new BadRequest("tick", "tick is required");
        }
        return t;
    }

    static String region(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Region.byCode(raw.trim()).code();
        } catch (IllegalArgumentException e) {
            throw new BadRequest("region", "unknown region code '" + raw + "'");
        }
    }

    static String skill(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Skill.valueOf(raw.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new BadRequest("skill", "unknown skill '" + raw + "'; known: LOW, HIGH");
        }
    }

    static NotFound noTick(FactorRunEntity run, int tick) {
        return new NotFound("run " + run.runId + " has no stored owner state for tick " + tick + " (last applied: "
                + run.lastTickApplied + ")");
    }
}
