package org.ngai.indicator.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import org.ngai.indicator.config.IndicatorConfig;

/**
 * The dead letters of every service as read from sim.deadletter.v1: counted in
 * {@code transform_dead_letters_seen_total{topic,reason}} and the last few kept for GET /api/dead-letters.
 */
@Singleton
public class DeadLetterLog {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final int REASON_CLASS_LENGTH = 60;

    /**
     * One dead letter.
     *
     * @param topic          topic the rejected record came from ({@code dead-letter-topic})
     * @param partition      its partition there ({@code dead-letter-partition})
     * @param offset         its offset there ({@code dead-letter-offset})
     * @param reason         why it was rejected ({@code dead-letter-reason})
     * @param exceptionClass the exception that rejected it ({@code dead-letter-exception-class-name})
     * @param cause          the exception's cause, if any ({@code dead-letter-cause})
     * @param key            the record key (the runId for protocol events)
     * @param dlqPartition   where it sits on sim.deadletter.v1
     * @param dlqOffset      its offset on sim.deadletter.v1
     * @param receivedAt     when this service read it
     */
    public record DeadLetter(String topic, Integer partition, Long offset, String reason, String exceptionClass,
                             String cause, String key, int dlqPartition, long dlqOffset, Instant receivedAt) {
    }

    @Inject
    MeterRegistry registry;
    @Inject
    IndicatorConfig config;

    private final Deque<DeadLetter> recent = new ArrayDeque<>();
    private long total;

    public void record(DeadLetter d) {
        Counter.builder("transform_dead_letters_seen_total").tag("topic", d.topic() == null ? "unknown" : d.topic())
                .tag("reason", reasonClass(d.reason())).description("records seen on sim.deadletter.v1")
                .register(registry).increment();
        synchronized (recent) {
            recent.addFirst(d);
            total++;
            while (recent.size() > Math.max(1, config.deadLetters().keep())) {
                recent.removeLast();
            }
        }
    }

    /** The latest dead letters, newest first. */
    public List<DeadLetter> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    public long total() {
        synchronized (recent) {
            return total;
        }
    }

    /** A short class of a reason for a metric label: ids and numbers masked, at most 60 characters. */
    public static String reasonClass(String reason) {
        if (reason == null || reason.isBlank()) {
            return "unknown";
        }
        String r = DIGITS.matcher(UUID.matcher(reason).replaceAll("<id>")).replaceAll("#").strip();
        return r.length() > REASON_CLASS_LENGTH ? r.substring(0, REASON_CLASS_LENGTH) : r;
    }
}
