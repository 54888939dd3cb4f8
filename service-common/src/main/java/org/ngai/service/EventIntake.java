package org.ngai.service;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import jakarta.enterprise.inject.Instance;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.service.capacity.HeapEstimate;
import org.ngai.service.capacity.RunCapacity;
import org.ngai.service.capacity.RunRefusals;
import org.ngai.service.runs.Origin;

/**
 * Each service's one input consumer (channel {@code events-in}): the events of its topics, processed in
 * order on one worker thread and handed to the service's {@link EnvelopeHandler}. An event the service
 * cannot accept is rejected by throwing: SmallRye nacks it and sends it to the dead-letter topic
 * (failure-strategy=dead-letter-queue) with the exception message as {@code dead-letter-reason}, it is
 * counted in {@code transform_dead_letters_total}, and the run carries on (docs/pipeline.md, bad events).
 *
 * <p>It also guards the heap (docs/pipeline.md, "Capacity"): a RUN_STARTED whose run does not fit next to
 * the runs in progress ({@link RunCapacity#admit}) is not handed on. The service logs the refusal with
 * its figures, publishes RUN_CANCELLED with that reason (so the other services and the caller stop
 * waiting), tells the service's {@link RunRefusals} bean if it has one, and drops the run's later events.
 * RUN_FINISHED and RUN_CANCELLED release a run's heap.
 */
@ApplicationScoped
public class EventIntake {
    private static final Logger LOG = Logger.getLogger(EventIntake.class);

    @Inject
    EnvelopeHandler handler;
    @Inject
    DeadLetters deadLetters;
    @Inject
    RunCapacity capacity;
    @Inject
    EventPublisher publisher;
    @Inject
    Instance<RunRefusals> refusals;

    /** Runs this instance refused for want of heap; their events are dropped. Consumer thread only. */
    private final Set<String> refused = new HashSet<>();

    @Incoming("events-in")
    @Blocking
    public void on(ConsumerRecord<String, Envelope> record) {
        Envelope e = record.value();
        try {
            if (e == null) {
                throw new IllegalArgumentException(undecodable(record));
            }
            if (refused.contains(e.runId())) {
                return;
            }
            Long forkFirms = null;
            if (EventType.RUN_STARTED.name().equals(e.type())) {
                if (!admitted(e)) {
                    return;
                }
                forkFirms = forkFirms(e);
            }
            handler.handle(e, new Origin(record.topic(), record.partition(), record.offset()));
            if (forkFirms != null) {
                capacity.settle(e.runId(), forkFirms);   // the fork's state is derived: back to its steady need
            }
            if (EventType.RUN_FINISHED.name().equals(e.type()) || EventType.RUN_CANCELLED.name().equals(e.type())) {
                capacity.release(e.runId());
            }
        } catch (RuntimeException ex) {
            if (e != null && EventType.RUN_STARTED.name().equals(e.type()) && e.runId() != null) {
                capacity.release(e.runId());   // a run the service rejected holds no heap
            }
            deadLetters.count(record.topic());
            LOG.warnf("rejected %s from %s-%d@%d: %s", e == null ? "record" : e.type(), record.topic(),
                    record.partition(), record.offset(), ex.getMessage());
            throw ex;
        } catch (VirtualMachineError err) {
            // Out of memory, stack overflow: not the event's fault, and the JVM's state is unknown. Dead-lettering
            // the event (what SmallRye would do with any throwable) would lose it and stall its run; instead the
            // instance stops at once without acknowledging it, as kill -9 would, so whoever owns the partition next
            // (this instance restarted, or another one) reads it again from the resume offsets (docs/pipeline.md).
            LOG.fatalf(err, "%s while handling %s of run %s from %s-%d@%d: halting this instance (exit %d)",
                    err.getClass().getSimpleName(), e == null ? "record" : e.type(), e == null ? "?" : e.runId(),
                    record.topic(), record.partition(), record.offset(), HALT_STATUS);
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }

    /** Exit status of an instance halted by a {@link VirtualMachineError} (EX_SOFTWARE). */
    public static final int HALT_STATUS = 70;

    /**
     * Commits the run's heap, or refuses the run. A RUN_STARTED whose scenario cannot be read is handed on
     * (the handler rejects it with the field).
     */
    private boolean admitted(Envelope e) {
        long firms;
        boolean fork;
        try {
            Payloads.RunStarted started = EventCodec.payload(e, Payloads.RunStarted.class);
            firms = started.scenario().path("firms").asLong(-1);
            fork = started.fork() != null;
        } catch (RuntimeException ex) {
            return true;
        }
        if (firms < 0) {
            return true;
        }
        Optional<HeapEstimate.Verdict> refusal = capacity.admit(e.runId(), firms, fork);
        if (refusal.isEmpty()) {
            return true;
        }
        String reason = "refused by " + publisher.producer() + ": " + refusal.get().message();
        LOG.errorf("run %s %s", e.runId(), reason);
        refused.add(e.runId());
        publisher.publish(e.runId(), EventType.RUN_CANCELLED, 0, REFUSAL_PART, new Payloads.RunCancelled(reason));
        for (RunRefusals r : refusals) {
            r.refused(e.runId(), reason);
        }
        return false;
    }

    /** The firms of a fork's RUN_STARTED, else null (a plain run, or one that cannot be read). */
    private static Long forkFirms(Envelope e) {
        try {
            Payloads.RunStarted started = EventCodec.payload(e, Payloads.RunStarted.class);
            return started.fork() == null ? null : started.scenario().path("firms").asLong(0);
        } catch (RuntimeException ex) {
            return null;
        }
    }

    /** Part of the RUN_CANCELLED a refusal publishes (a request's cancellation uses part 0: distinct event ids). */
    static final int REFUSAL_PART = 1;

    /** The reason for a record whose value could not be decoded (SmallRye leaves it in a header). */
    static String undecodable(ConsumerRecord<String, ?> record) {
        Header h = record.headers().lastHeader("deserialization-failure-reason");
        if (h != null && h.value() != null) {
            return "undecodable record: " + new String(h.value(), StandardCharsets.UTF_8);
        }
        return "empty record: no event envelope";
    }
}
