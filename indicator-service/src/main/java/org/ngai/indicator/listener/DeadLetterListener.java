package org.ngai.indicator.listener;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ngai.indicator.service.DeadLetterLog;

/** Reads sim.deadletter.v1 (every service's rejects) into {@link DeadLetterLog}. */
@ApplicationScoped
public class DeadLetterListener {
    @Inject
    DeadLetterLog log;

    @Incoming("dead-letters")
    public void on(ConsumerRecord<String, byte[]> record) {
        Headers h = record.headers();
        log.record(new DeadLetterLog.DeadLetter(header(h, "dead-letter-topic"), integer(header(h, "dead-letter-partition")),
                longValue(header(h, "dead-letter-offset")), header(h, "dead-letter-reason"),
                header(h, "dead-letter-exception-class-name"), header(h, "dead-letter-cause"), record.key(),
                record.partition(), record.offset(), Instant.now()));
    }

    static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String s) {
        try {
            return s == null ? null : Long.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
