package org.ngai.service.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeapEstimateTest {
    private static final long MB = 1024 * 1024;
    /** 1 GB heap, 30 % margin, 3,000 bytes per firm, 16 MB per run. */
    private final HeapEstimate est = new HeapEstimate("firm-service", 3000, 16 * MB, 0.3, 1024 * MB);

    @Test
    void needGrowsWithFirms() {
        long last = -1;
        for (long n = 0; n <= 1_000_000; n += 50_000) {
            long need = est.need(n);
            assertThat(need).isGreaterThan(last);
            last = need;
        }
        assertThat(est.need(10_000)).isEqualTo(16 * MB + 30_000_000L);
    }

    @Test
    void aRunFitsUpToMaxFirmsAndNotOneMore() {
        HeapEstimate.Verdict v = est.check(1, 0, 0);
        long max = v.maxFirms();
        assertThat(max).isEqualTo((est.usable() - 16 * MB) / 3000);
        assertThat(est.check(max, 0, 0).fits()).isTrue();
        assertThat(est.check(max + 1, 0, 0).fits()).isFalse();
    }

    @Test
    void runsInProgressReduceTheHeadroom() {
        HeapEstimate.Verdict alone = est.check(100_000, 0, 0);
        HeapEstimate.Verdict next = est.check(100_000, est.need(100_000), 1);
        HeapEstimate.Verdict third = est.check(100_000, 2 * est.need(100_000), 2);
        assertThat(alone.available()).isGreaterThan(next.available()).isGreaterThan(third.available());
        assertThat(alone.maxFirms()).isGreaterThan(next.maxFirms()).isGreaterThan(third.maxFirms());
        assertThat(alone.maxFirms() - next.maxFirms()).isBetween(100_000L - 1 + 16 * MB / 3000, 100_000L + 1 + 16 * MB / 3000);
        // a run that fits alone does not fit once enough heap is committed
        assertThat(alone.fits()).isTrue();
        assertThat(est.check(100_000, est.usable() - est.need(100_000) + 1, 3).fits()).isFalse();
        // committed beyond the usable heap leaves nothing, not a negative figure
        assertThat(est.check(10, 10 * est.usable(), 9).available()).isZero();
        assertThat(est.check(10, 10 * est.usable(), 9).maxFirms()).isZero();
    }

    @Test
    void aLargerHeapOrSmallerMarginTakesMore() {
        HeapEstimate bigger = new HeapEstimate("firm-service", 3000, 16 * MB, 0.3, 2048 * MB);
        HeapEstimate thinner = new HeapEstimate("firm-service", 3000, 16 * MB, 0.1, 1024 * MB);
        assertThat(bigger.check(1, 0, 0).maxFirms()).isGreaterThan(est.check(1, 0, 0).maxFirms());
        assertThat(thinner.check(1, 0, 0).maxFirms()).isGreaterThan(est.check(1, 0, 0).maxFirms());
    }

    @Test
    void theMessageNamesTheFieldTheNeedAndTheLimit() {
        HeapEstimate.Verdict v = est.check(1_000_000, est.need(50_000), 1);
        assertThat(v.fits()).isFalse();
        assertThat(v.message())
                .startsWith("firms: 1000000 firms need about " + (est.need(1_000_000) + MB - 1) / MB + " MB of heap in firm-service")
                .contains("this instance can take about " + (est.usable() - est.need(50_000)) / MB + " MB")
                .contains("(max heap 1024 MB, 1 run in progress)")
                .endsWith("at most " + v.maxFirms() + " firms fit");
    }

    @Test
    void badSettingsNameTheirProperty() {
        assertThatThrownBy(() -> new HeapEstimate("s", 0, 0, 0.3, MB)).hasMessageContaining("ngai.capacity.bytes-per-firm");
        assertThatThrownBy(() -> new HeapEstimate("s", 1, -1, 0.3, MB)).hasMessageContaining("ngai.capacity.bytes-per-run");
        assertThatThrownBy(() -> new HeapEstimate("s", 1, 0, 1.0, MB)).hasMessageContaining("ngai.capacity.heap-margin");
    }
}
