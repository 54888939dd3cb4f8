package org.ngai.service.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger: bookings, admissions and releases move the headroom of the next run. */
class RunCapacityTest {
    private RunCapacity cap;
    private long maxFirms;

    @BeforeEach
    void ledger() {
        cap = new RunCapacity();
        cap.service = "firm-service";
        cap.enabled = true;
        cap.bytesPerFirm = 4000;
        cap.bytesPerRun = 1 << 20;
        cap.margin = 0.3;
        cap.reservationSeconds = 120;
        cap.forkBytesPerFirm = 2700;
        maxFirms = cap.estimate().check(1, 0, 0).maxFirms();
    }

    @Test
    void aRunTooLargeIsRefusedWithTheLimit() {
        assertThatThrownBy(() -> cap.reserve("big", maxFirms + 1))
                .isInstanceOf(CapacityExceeded.class)
                .hasMessageContaining("firms: " + (maxFirms + 1) + " firms need about")
                .hasMessageEndingWith("at most " + maxFirms + " firms fit")
                .satisfies(e -> assertThat(((CapacityExceeded) e).field()).isEqualTo("firms"));
        assertThat(cap.runsInProgress()).isZero();
        cap.reserve("exact", maxFirms);
        assertThat(cap.runsInProgress()).isEqualTo(1);
    }

    @Test
    void runsInProgressTakeHeadroomUntilTheyEnd() {
        long half = maxFirms / 2;
        cap.reserve("a", half);
        // the booked run confirms at the intake: still one run, the same bytes
        long booked = cap.committedBytes();
        assertThat(cap.admit("a", half)).isEmpty();
        assertThat(cap.committedBytes()).isEqualTo(booked);
        assertThat(cap.runsInProgress()).isEqualTo(1);
        // a second run of the same size no longer fits (the per-run overhead is counted twice)
        assertThatThrownBy(() -> cap.reserve("b", half + 1)).isInstanceOf(CapacityExceeded.class)
                .hasMessageContaining("1 run in progress");
        assertThat(cap.admit("b", maxFirms)).hasValueSatisfying(v -> {
            assertThat(v.fits()).isFalse();
            assertThat(v.maxFirms()).isLessThan(maxFirms);
        });
        cap.release("a");
        assertThat(cap.runsInProgress()).isZero();
        assertThat(cap.admit("b", maxFirms)).isEmpty();
        // a duplicate RUN_STARTED of a committed run is accepted again, not counted twice
        assertThat(cap.admit("b", maxFirms)).isEmpty();
        assertThat(cap.runsInProgress()).isEqualTo(1);
    }

    @Test
    void aBookingNeverConfirmedLapses() {
        cap.reservationSeconds = 0;
        cap.reserve("elsewhere", maxFirms);
        // the next check purges the lapsed booking, so a full-size run fits again
        cap.reserve("here", maxFirms);
        assertThat(cap.runsInProgress()).isEqualTo(1);
    }

    @Test
    void disabledAcceptsEverything() {
        cap.enabled = false;
        cap.reserve("big", 100 * maxFirms);
        assertThat(cap.admit("big2", 100 * maxFirms)).isEmpty();
    }

    @Test
    void aForkIsCheckedAtItsDerivationsCostAndThenHoldsItsSteadyNeed() {
        // a service whose steady state is small (market-service: 400 bytes per firm) derives a fork's state by
        // running the parent's prefix, which holds a whole population: 2,700 bytes per firm until it is done
        cap.service = "market-service";
        cap.bytesPerFirm = 400;
        long steadyMax = cap.estimate().check(1, 0, 0).maxFirms();
        long forkMax = cap.forkEstimate().check(1, 0, 0).maxFirms();
        assertThat(forkMax).isLessThan(steadyMax / 6);
        assertThat(cap.admit("plain", forkMax + 1)).as("a plain run of that size fits").isEmpty();
        cap.release("plain");
        assertThat(cap.admit("fork", forkMax + 1, true)).as("a fork of that size does not")
                .hasValueSatisfying(v -> assertThat(v.message()).contains("at most " + forkMax + " firms fit"));
        assertThat(cap.admit("fork", forkMax, true)).isEmpty();
        long deriving = cap.committedBytes();
        cap.settle("fork", forkMax);
        assertThat(cap.committedBytes()).isEqualTo(cap.estimate().need(forkMax)).isLessThan(deriving);
        // settling a run that is not here does nothing
        cap.settle("elsewhere", 10);
        assertThat(cap.runsInProgress()).isEqualTo(1);
    }
}
