package org.ngai.service.capacity;

/**
 * Optional hook of a service for a run its event intake refused because it does not fit
 * ({@link RunCapacity}): firm-service marks the run FAILED with the reason. Services without a bean
 * of this type only log the refusal and publish RUN_CANCELLED.
 */
public interface RunRefusals {
    void refused(String runId, String reason);
}
