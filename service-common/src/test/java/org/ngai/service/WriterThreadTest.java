package org.ngai.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The writer's backlog is bounded: a submitter that finds it full waits for room instead of growing the heap. */
class WriterThreadTest {

    /** Holds the writer's thread until the latch opens (at most 10 s). */
    private static void await(CountDownLatch release) {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aFullBacklogMakesTheSubmitterWaitAndNothingIsLostOrReordered() throws Exception {
        try (WriterThread w = new WriterThread("test-writer", 2)) {
            CountDownLatch release = new CountDownLatch(1);
            StringBuffer order = new StringBuffer();
            w.execute("block", () -> {
                await(release);
                order.append('0');
            });
            // the worker holds item 0; items 1 and 2 fill the backlog of 2; item 3 must wait
            w.execute("1", () -> order.append('1'));
            w.execute("2", () -> order.append('2'));
            AtomicInteger submitted = new AtomicInteger();
            Thread submitter = new Thread(() -> {
                w.execute("3", () -> order.append('3'));
                submitted.set(1);
            });
            submitter.start();
            submitter.join(500);
            assertThat(submitter.isAlive()).as("the submitter waits while the backlog is full").isTrue();
            assertThat(w.waiting()).isEqualTo(2);
            release.countDown();
            submitter.join(10_000);
            assertThat(submitted.get()).isEqualTo(1);
            w.flush();
            assertThat(order.toString()).isEqualTo("0123");
        }
    }

    @Test
    void workAfterCloseIsDroppedWithoutWaiting() {
        WriterThread w = new WriterThread("test-writer-closed", 1);
        w.close();
        AtomicInteger ran = new AtomicInteger();
        w.execute("late", ran::incrementAndGet);
        assertThat(ran.get()).isZero();
    }

    @Test
    void waitingWorkHoldsNoMoreHeapThanTheBudgetAndWorkLargerThanTheBudgetStillRuns() throws Exception {
        // a budget of 100 KiB, items of 40 KiB: two wait, the third waits for room; an item of 1 MiB (over the
        // whole budget) waits until nothing else holds any and then runs alone
        try (WriterThread w = new WriterThread("test-writer-bytes", 64, 100 * 1024)) {
            CountDownLatch release = new CountDownLatch(1);
            StringBuffer order = new StringBuffer();
            w.execute("block", () -> await(release));
            w.execute("a", 40 * 1024, () -> order.append('a'));
            w.execute("b", 40 * 1024, () -> order.append('b'));
            assertThat(w.heldKib()).isEqualTo(80);
            Thread third = new Thread(() -> w.execute("c", 40 * 1024, () -> order.append('c')));
            third.start();
            third.join(500);
            assertThat(third.isAlive()).as("a third 40 KiB item would hold 120 KiB of a 100 KiB budget").isTrue();
            release.countDown();
            third.join(10_000);
            assertThat(third.isAlive()).isFalse();
            w.execute("big", 1024 * 1024, () -> order.append('X'));
            w.flush();
            assertThat(order.toString()).isEqualTo("abcX");
            assertThat(w.heldKib()).as("every item gave its budget back").isZero();
        }
    }
}
