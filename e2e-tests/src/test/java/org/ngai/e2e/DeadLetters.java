package org.ngai.e2e;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ngai.testsupport.EventProbe;

/**
 * The dead letters of one run: on a cluster shared by several test classes the dead-letter topic also holds
 * other classes' records, so a test counts only those keyed by its own run (a dead letter keeps the key of the
 * rejected record, and the tests key what they send by run).
 */
final class DeadLetters {
    private DeadLetters() {
    }

    static List<ConsumerRecord<String, byte[]>> of(EventProbe probe, String runId) {
        return probe.deadLetters().stream().filter(r -> runId.equals(r.key())).toList();
    }

    /** Waits until at least {@code n} dead letters keyed by the run have arrived; returns them. */
    static List<ConsumerRecord<String, byte[]>> await(EventProbe probe, String runId, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, byte[]>> got = of(probe, runId);
            if (got.size() >= n) {
                return got;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " dead letters of run " + runId + ", got " + got.size());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
