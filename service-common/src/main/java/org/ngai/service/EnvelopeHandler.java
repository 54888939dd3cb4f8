package org.ngai.service;

import org.ngai.events.Envelope;

/**
 * What a service does with one event envelope of its input topics. Exactly one bean per service
 * implements it (the service's run manager); {@link EventIntake} calls it in record order.
 * Throwing rejects the event: it goes to the dead-letter topic with the exception message as reason.
 */
public interface EnvelopeHandler {
    void handle(Envelope e);
}
