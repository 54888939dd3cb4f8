package org.ngai.firm.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ngai.firm.persistence.RunEntity;
import org.ngai.service.capacity.RunRefusals;

/**
 * A run this instance's event intake refused for want of heap (docs/pipeline.md, "Capacity") is marked
 * FAILED with the reason, so {@code GET /api/runs/{id}} says why it never started.
 */
@ApplicationScoped
public class CapacityRefusals implements RunRefusals {
    @Inject
    RunStore store;

    @Override
    public void refused(String runId, String reason) {
        store.update(runId, RunEntity.Status.FAILED, -1, reason);
    }
}
