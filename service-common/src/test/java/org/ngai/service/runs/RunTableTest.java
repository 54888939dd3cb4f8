package org.ngai.service.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ngai.events.Envelope;
import org.ngai.events.EventType;
import org.ngai.service.DeadLetters;
import org.ngai.service.EventPublisher;

/** The run table's rules (docs/pipeline.md "The run table"), without Kafka. */
class RunTableTest {
    final List<String> deadLettered = new ArrayList<>();
    Duration stallAfter = Duration.ofMinutes(1);
    int earlyLimit = 100;

    final RunSettings settings = new RunSettings() {
        public int dedupWindow() {
            return 1000;
        }

        public int earlyLimit() {
            return earlyLimit;
        }

        public int closedMemory() {
            return 10;
        }

        public Duration stallAfter() {
            return stallAfter;
        }

        public Duration watchInterval() {
            return Duration.ofSeconds(1);
        }
    };

    RunTable<String> table() {
        EventPublisher publisher = new EventPublisher() {
            @Override
            public void deadLetter(Envelope e, String reason) {
                deadLettered.add(e.eventId() + ": " + reason);
            }
        };
        DeadLetters dl = new DeadLetters() {
            @Override
            public void count(String topic) {
            }
        };
        return new RunTable<>("test-service", settings, null, publisher, dl, new SimpleMeterRegistry());
    }

    static Envelope ev(String id, String run, EventType type, int tick) {
        return new Envelope(id, type.name(), 1, run, tick, 0, "p", "now", null);
    }

    static Origin at(long offset) {
        return new Origin("sim.control.v1", 2, offset);
    }

    static final RunTable.Recoverer<String> UNKNOWN = id -> RunTable.Recovered.unknown();

    @Test
    void aCheckpointMovesTheResumeOffsetPastTheTicksItCoversAndAnEndedRunHoldsNothing() {
        RunTable<String> t = table();
        RunTable.Run<String> r = t.admit(ev("a0", "A", EventType.RUN_STARTED, 0), at(10), UNKNOWN);
        t.start(r, "state");
        t.admit(ev("a1", "A", EventType.TICK_CLOSED, 1), at(11), UNKNOWN);
        t.admit(ev("a2", "A", EventType.TICK_CLOSED, 2), at(12), UNKNOWN);
        t.admit(ev("a3", "A", EventType.RUN_PAUSED, 2), at(13), UNKNOWN);
        assertThat(t.resumeOffsets()).isEqualTo(Map.of("sim.control.v1-2", 10L));
        t.checkpointed(r, 1);
        // RUN_STARTED and the pause are covered by any checkpoint; tick 2 is not
        assertThat(t.resumeOffsets()).isEqualTo(Map.of("sim.control.v1-2", 12L));
        // an event of a tick the checkpoint covers, read again later, does not pull the offset back
        t.admit(ev("a1-copy", "A", EventType.TICK_CLOSED, 1), at(20), UNKNOWN);
        assertThat(t.resumeOffsets()).isEqualTo(Map.of("sim.control.v1-2", 12L));
        t.checkpointed(r, 2);
        assertThat(t.resumeOffsets()).isEmpty();
        t.admit(ev("a4", "A", EventType.TICK_CLOSED, 3), at(21), UNKNOWN);
        assertThat(t.resumeOffsets()).isEqualTo(Map.of("sim.control.v1-2", 21L));
        t.end("A", "FINISHED");
        assertThat(t.resumeOffsets()).isEmpty();
        assertThat(t.admit(ev("a5", "A", EventType.TICK_CLOSED, 4), at(22), UNKNOWN)).isNull();
    }

    @Test
    void theOldestNeedOfAnyRunInThePartitionWins() {
        RunTable<String> t = table();
        RunTable.Run<String> a = t.admit(ev("a0", "A", EventType.RUN_STARTED, 0), at(5), UNKNOWN);
        t.admit(ev("b0", "B", EventType.RUN_STARTED, 0), at(7), UNKNOWN);
        t.admit(ev("a1", "A", EventType.TICK_CLOSED, 1), at(9), UNKNOWN);
        t.checkpointed(a, 1);
        assertThat(t.resumeOffsets()).isEqualTo(Map.of("sim.control.v1-2", 7L));
    }

    @Test
    void duplicatesAreDroppedAndARejectedEventIsForgottenSoACorrectedCopyPasses() {
        RunTable<String> t = table();
        RunTable.Run<String> r = t.admit(ev("x", "A", EventType.TICK_STARTED, 1), at(1), UNKNOWN);
        assertThat(r).isNotNull();
        assertThat(t.admit(ev("x", "A", EventType.TICK_STARTED, 1), at(2), UNKNOWN)).isNull();
        assertThat(t.duplicatesDropped()).isEqualTo(1.0);
        t.forget(r, ev("x", "A", EventType.TICK_STARTED, 1));
        assertThat(t.admit(ev("x", "A", EventType.TICK_STARTED, 1), at(3), UNKNOWN)).isNotNull();
        assertThatThrownBy(() -> t.admit(ev(" ", "A", EventType.TICK_STARTED, 1), at(4), UNKNOWN))
                .hasMessageContaining("eventId");
        assertThatThrownBy(() -> t.admit(ev("y", "", EventType.TICK_STARTED, 1), at(4), UNKNOWN))
                .hasMessageContaining("runId");
    }

    @Test
    void aBufferedEventThatTurnsOutInvalidIsDeadLetteredAloneAndTheRestGoOn() {
        RunTable<String> t = table();
        List<String> handled = new ArrayList<>();
        RunTable.Run<String> r = null;
        for (int i = 1; i <= 3; i++) {
            Envelope e = ev("e" + i, "A", EventType.TICK_STARTED, i);
            r = t.admit(e, at(i), UNKNOWN);
            t.hold(r, e, at(i), EventType.TICK_STARTED, null);
        }
        assertThat(r.buffered()).isEqualTo(3);
        t.start(r, "state");
        t.replayEarly(r, h -> {
            if (h.envelope().eventId().equals("e2")) {
                throw new IllegalArgumentException("field x is bad");
            }
            handled.add(h.envelope().eventId());
        });
        assertThat(handled).containsExactly("e1", "e3");
        assertThat(deadLettered).containsExactly("e2: field x is bad");
        assertThat(r.buffered()).isZero();
    }

    @Test
    void aBufferThatOverflowsIsDroppedAndTheEventNamesTheRun() {
        earlyLimit = 2;
        RunTable<String> t = table();
        for (int i = 1; i <= 2; i++) {
            Envelope e = ev("e" + i, "Z", EventType.TICK_STARTED, i);
            t.hold(t.admit(e, at(i), UNKNOWN), e, at(i), EventType.TICK_STARTED, null);
        }
        Envelope third = ev("e3", "Z", EventType.TICK_STARTED, 3);
        RunTable.Run<String> r = t.admit(third, at(3), UNKNOWN);
        assertThatThrownBy(() -> t.hold(r, third, at(3), EventType.TICK_STARTED, null))
                .hasMessageContaining("runId Z is unknown to test-service");
        assertThat(t.get("Z")).isNull();
    }

    @Test
    void aRunTheDatabaseKnowsIsRestoredOrDroppedAsEnded() {
        RunTable<String> t = table();
        RunTable.Run<String> r = t.admit(ev("k1", "K", EventType.TICK_CLOSED, 12), at(1),
                id -> RunTable.Recovered.restored("from checkpoint", 10));
        assertThat(r.restored()).isTrue();
        assertThat(r.state()).isEqualTo("from checkpoint");
        assertThat(r.checkpointTick()).isEqualTo(10);
        assertThat(t.admit(ev("e1", "E", EventType.TICK_CLOSED, 3), at(2), id -> RunTable.Recovered.ended("FINISHED")))
                .isNull();
        assertThat(t.ended("E")).isTrue();
    }

    @Test
    void aRunWithoutProgressIsMarkedStalledOnceAndProgressClearsTheMark() throws Exception {
        stallAfter = Duration.ofMillis(20);
        RunTable<String> t = table();
        RunTable.Run<String> r = t.admit(ev("s0", "S", EventType.RUN_STARTED, 0), at(1), UNKNOWN);
        t.start(r, "state");
        RunTable.Run<String> paused = t.admit(ev("p0", "P", EventType.RUN_STARTED, 0), at(2), UNKNOWN);
        t.start(paused, "state");
        t.paused(paused, true);
        Thread.sleep(40);
        List<RunTable.Run<String>> stalled = t.markStalled(run -> "waits for X from y-service");
        assertThat(stalled).extracting(x -> x.id).containsExactly("S");
        assertThat(r.stalledReason()).isEqualTo("waits for X from y-service");
        assertThat(t.markStalled(run -> "again")).isEmpty();
        assertThat(t.progressed(r, 5)).isTrue();
        assertThat(r.stalledReason()).isNull();
        assertThat(t.progressed(r, 6)).isFalse();
    }
}
