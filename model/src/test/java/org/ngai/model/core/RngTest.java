package org.ngai.model.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void sameKeyGivesTheSameStreamWhateverTheOrderOfCreation() {
        Rng a = Rng.of(7, Rng.Stream.FIRM_DECIDE, 42, 3);
        Rng other = Rng.of(7, Rng.Stream.FIRM_DECIDE, 43, 3);
        other.nextDouble();
        Rng b = Rng.of(7, Rng.Stream.FIRM_DECIDE, 42, 3);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
    }

    @Test
    void seedEntityTickAndStreamEachChangeTheStream() {
        long base = Rng.of(1, Rng.Stream.WORKERS, 1, 1).nextLong();
        assertThat(Rng.of(2, Rng.Stream.WORKERS, 1, 1).nextLong()).isNotEqualTo(base);
        assertThat(Rng.of(1, Rng.Stream.LENDERS, 1, 1).nextLong()).isNotEqualTo(base);
        assertThat(Rng.of(1, Rng.Stream.WORKERS, 2, 1).nextLong()).isNotEqualTo(base);
        assertThat(Rng.of(1, Rng.Stream.WORKERS, 1, 2).nextLong()).isNotEqualTo(base);
    }

    @Test
    void resetReproducesAFreshStream() {
        Rng r = Rng.of(9, Rng.Stream.MARKET, 5, 5);
        double first = r.gaussian();
        r.gaussian();
        r.reset(9, Rng.Stream.MARKET, 5, 5);
        assertThat(r.gaussian()).isEqualTo(first);
    }

    @Test
    void drawsHaveTheirTheoreticalMoments() {
        Rng r = Rng.of(3, Rng.Stream.FIRM_INIT, 0, 0);
        int n = 200_000;
        double su = 0;
        double sg = 0;
        double sg2 = 0;
        double sb = 0;
        for (int i = 0; i < n; i++) {
            su += r.nextDouble();
            double g = r.gaussian();
            sg += g;
            sg2 += g * g;
            sb += r.beta(2, 5);
        }
        assertThat(su / n).isCloseTo(0.5, within(0.005));
        assertThat(sg / n).isCloseTo(0.0, within(0.01));
        assertThat(sg2 / n).isCloseTo(1.0, within(0.02));
        assertThat(sb / n).isCloseTo(2.0 / 7, within(0.005));
    }
}
