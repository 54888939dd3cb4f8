package org.ngai.service;

import org.ngai.events.Envelope;
import org.ngai.service.runs.Origin;

/**
 * What a service does with one event envelope of its input topics. Exactly one bean per service
 * implements it (the service's run manager); {@link EventIntake} calls it in record order.
 * Throwing rejects the event: it goes to the dead-letter topic with the exception message as reason.
 */
public interface EnvelopeHandler {
    void handle(Envelope e, Origin origin);

    /** An event that did not come from Kafka (tests). */
    default void handle(Envelope e) {
        handle(e, Origin.NONE);
    }
}
