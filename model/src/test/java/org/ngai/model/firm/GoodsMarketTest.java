package org.ngai.model.firm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ngai.model.testing.Cases.anyLongs;
import static org.ngai.model.testing.Cases.doubles;
import static org.ngai.model.testing.Cases.ints;

import org.junit.jupiter.api.Test;
import org.ngai.model.core.Rng;
import org.ngai.model.testing.Cases;

/** A6.7: the goods market of a sector clears expenditure exactly, within capacities. */
class GoodsMarketTest {

    @Test
    void withAmpleCapacityFirmsSellAtPostedPricesAndCheaperFirmsSellMore() {
        double[] shift = {1, 1};
        double[] price = {1.0, 0.8};
        double[] cap = {1e9, 1e9};
        double[] out = new double[2];
        double index = GoodsMarket.clear(100, 3, shift, price, cap, out);
        assertThat(price).containsExactly(1.0, 0.8);
        assertThat(out[0] * price[0] + out[1] * price[1]).isCloseTo(100, within(1e-9));
        // market share ∝ p^(1−ε): (0.8/1.0)^(−2) = 1.5625
        assertThat((out[1] * price[1]) / (out[0] * price[0])).isCloseTo(1.5625, within(1e-9));
        assertThat(index).isEqualTo(Math.pow(1 + Math.pow(0.8, -2), -0.5), within(1e-9));
    }

    @Test
    void aCapacityBoundFirmSellsItsCapacityAtAHigherPrice() {
        double[] shift = {1, 1};
        double[] price = {1.0, 1.0};
        double[] cap = {10, 1e9};
        double[] out = new double[2];
        GoodsMarket.clear(100, 3, shift, price, cap, out);
        assertThat(out[0]).isEqualTo(10);
        assertThat(price[0]).isGreaterThan(1.0);
        assertThat(price[1]).isEqualTo(1.0);
        assertThat(out[0] * price[0] + out[1] * price[1]).isCloseTo(100, within(1e-9));
    }

    @Test
    void revenueAlwaysAddsUpToExpenditure() {
        Cases.forAll("GoodsMarketTest.revenueAlwaysAddsUpToExpenditure", 200,
                ints(1, 40), doubles(1, 1e4), anyLongs(),
                this::revenueAlwaysAddsUpToExpenditure);
    }

    void revenueAlwaysAddsUpToExpenditure(int n, double e, long seed) {
        Rng r = Rng.of(seed, Rng.Stream.MARKET, n, 0);
        double[] shift = new double[n];
        double[] price = new double[n];
        double[] cap = new double[n];
        for (int i = 0; i < n; i++) {
            shift[i] = r.uniform(0.1, 3);
            price[i] = r.uniform(0.5, 2);
            cap[i] = r.bernoulli(0.2) ? 0 : r.uniform(0.1, 200);
        }
        double[] out = new double[n];
        double total = 0;
        double capSum = 0;
        GoodsMarket.clear(e, 3, shift, price, cap, out);
        for (int i = 0; i < n; i++) {
            assertThat(out[i]).isLessThanOrEqualTo(cap[i] + 1e-9);
            total += out[i] * price[i];
            capSum += cap[i];
        }
        if (capSum > 0) {
            assertThat(total).isCloseTo(e, within(1e-6 * e));
        }
    }
}
