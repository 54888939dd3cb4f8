package org.ngai.model.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ngai.model.testing.Cases.doubles;

import org.junit.jupiter.api.Test;
import org.ngai.model.testing.Cases;

class SignallingGameTest {
    private static final double P = SignallingGame.DEFAULT_PRICE;
    private static final double V = SignallingGame.DEFAULT_GOOD_VALUE;
    private static final double W = SignallingGame.DEFAULT_BAD_VALUE;
    private static final double RHO = SignallingGame.DEFAULT_GOOD_SHARE;

    private static SignallingGame.Params params(double c) {
        return new SignallingGame.Params(P, V, W, c, RHO);
    }

    @Test
    void disguiseCostBelowPricePoolsWithCompleteMarketFailure() {
        SignallingGame.Outcome o = SignallingGame.solve(params(0.5), GameMode.PAPER);
        assertThat(o.regime()).isEqualTo(Regime.POOLING_FAILURE);
        assertThat(o.beliefGoodGivenTransfer()).isZero();
        // paper: expected payoff of accepting = W - P = 0.4 - 1 = -0.6 < 0, so the buyer rejects
        assertThat(o.buyerExpectedPayoff()).isCloseTo(-0.6, within(1e-12));
        assertThat(o.buyerAccepts()).isFalse();
        assertThat(o.goodTransfers()).isFalse();
        assertThat(o.badTransfers()).isFalse();
        assertThat(o.efficiency()).isZero();
        assertThat(SignallingGame.settle(o, 7, 5)).isEqualTo(new SignallingGame.Trades(0, 0));
    }

    @Test
    void disguiseCostEqualToPriceCountsAsPoolingByConvention() {
        assertThat(SignallingGame.solve(params(P), GameMode.PAPER).regime()).isEqualTo(Regime.POOLING_FAILURE);
        assertThat(SignallingGame.solve(params(P), GameMode.GENERAL).regime()).isNotEqualTo(Regime.SEPARATING);
    }

    @Test
    void disguiseCostAbovePriceSeparatesTypesAndOnlyGoodResultsTrade() {
        SignallingGame.Outcome o = SignallingGame.solve(params(1.2), GameMode.PAPER);
        assertThat(o.regime()).isEqualTo(Regime.SEPARATING);
        assertThat(o.beliefGoodGivenTransfer()).isEqualTo(1.0);
        assertThat(o.goodTransfers()).isTrue();
        assertThat(o.badTransfers()).as("bad owner would get P - C = -0.2 < 0").isFalse();
        assertThat(o.buyerAccepts()).isTrue();
        // V - P = 1.6 - 1 = 0.6 > 0
        assertThat(o.buyerExpectedPayoff()).isCloseTo(0.6, within(1e-12));
        assertThat(o.efficiency()).isEqualTo(1.0);
        assertThat(SignallingGame.settle(o, 7, 5)).isEqualTo(new SignallingGame.Trades(7, 0));
    }

    @Test
    void raisingAiScreeningFlipsMarketFromPoolingToSeparating() {
        // defaults: C = 0.5 + 0.8 S exceeds P = 1 iff S > 0.625
        double c0 = SignallingGame.DEFAULT_C0;
        double k = SignallingGame.DEFAULT_KAPPA_C;
        assertThat(regimeAt(c0, k, 0.0)).isEqualTo(Regime.POOLING_FAILURE);
        assertThat(regimeAt(c0, k, 0.62)).isEqualTo(Regime.POOLING_FAILURE);
        assertThat(regimeAt(c0, k, 0.625)).as("C = P exactly").isEqualTo(Regime.POOLING_FAILURE);
        assertThat(regimeAt(c0, k, 0.63)).isEqualTo(Regime.SEPARATING);
        assertThat(regimeAt(c0, k, 1.0)).isEqualTo(Regime.SEPARATING);
        assertThat(SignallingGame.disguiseCost(c0, k, 0.5)).isCloseTo(0.9, within(1e-12));
    }

    private static Regime regimeAt(double c0, double kappa, double s) {
        return SignallingGame.solve(params(SignallingGame.disguiseCost(c0, kappa, s)), GameMode.PAPER).regime();
    }

    @Test
    void generalModePoolingTradesWhenPooledValueCoversPriceAndBuyersBearLemonsLoss() {
        // rho = 0.5: pooled value 0.5*1.6 + 0.5*0.4 = 1.0 >= P = 1 -> trade; payoff 0
        SignallingGame.Outcome o = SignallingGame.solve(params(0.5), GameMode.GENERAL);
        assertThat(o.regime()).isEqualTo(Regime.POOLING_TRADE);
        assertThat(o.beliefGoodGivenTransfer()).isEqualTo(0.5);
        assertThat(o.goodTransfers()).isTrue();
        assertThat(o.badTransfers()).isTrue();
        assertThat(o.buyerAccepts()).isTrue();
        assertThat(o.buyerExpectedPayoff()).isCloseTo(0.0, within(1e-12));
        // lemons loss per trade (1 - rho)(P - W) = 0.5 * 0.6 = 0.3
        assertThat(o.lemonsLossPerTrade()).isCloseTo(0.3, within(1e-12));
        assertThat(SignallingGame.settle(o, 7, 5)).isEqualTo(new SignallingGame.Trades(7, 5));

        // rho = 0.8: pooled value 1.28 + 0.08 = 1.36 -> payoff 0.36, loss 0.2 * 0.6 = 0.12
        SignallingGame.Outcome rich = SignallingGame.solve(new SignallingGame.Params(P, V, W, 0.5, 0.8),
                GameMode.GENERAL);
        assertThat(rich.buyerExpectedPayoff()).isCloseTo(0.36, within(1e-12));
        assertThat(rich.lemonsLossPerTrade()).isCloseTo(0.12, within(1e-12));
    }

    @Test
    void generalModeFailsWhenPooledValueIsBelowPrice() {
        // rho = 0.4: pooled value 0.64 + 0.24 = 0.88 < 1 -> no trade
        SignallingGame.Outcome o = SignallingGame.solve(new SignallingGame.Params(P, V, W, 0.5, 0.4),
                GameMode.GENERAL);
        assertThat(o.regime()).isEqualTo(Regime.POOLING_FAILURE);
        assertThat(o.buyerAccepts()).isFalse();
        assertThat(o.buyerExpectedPayoff()).isCloseTo(-0.12, within(1e-12));
        assertThat(SignallingGame.settle(o, 3, 3)).isEqualTo(new SignallingGame.Trades(0, 0));
    }

    @Test
    void paperModeNeverPoolsIntoTradeEvenWhenPooledValueCoversPrice() {
        SignallingGame.Params p = new SignallingGame.Params(P, V, W, 0.5, 0.9);
        assertThat(SignallingGame.solve(p, GameMode.PAPER).regime()).isEqualTo(Regime.POOLING_FAILURE);
        assertThat(SignallingGame.solve(p, GameMode.GENERAL).regime()).isEqualTo(Regime.POOLING_TRADE);
    }

    @Test
    void paperRegimeIsSeparatingIffDisguiseCostExceedsPrice() {
        forAllParams("SignallingGameTest.paperRegimeIsSeparatingIffDisguiseCostExceedsPrice",
                this::paperRegimeIsSeparatingIffDisguiseCostExceedsPrice);
    }

    void paperRegimeIsSeparatingIffDisguiseCostExceedsPrice(SignallingGame.Params p) {
        SignallingGame.Outcome o = SignallingGame.solve(p, GameMode.PAPER);
        assertThat(o.regime() == Regime.SEPARATING).isEqualTo(p.disguiseCost() > p.price());
        assertThat(o.regime()).isNotEqualTo(Regime.POOLING_TRADE);
    }

    @Test
    void buyerNeverAcceptsWithNegativeExpectedPayoff() {
        forAllParams("SignallingGameTest.buyerNeverAcceptsWithNegativeExpectedPayoff",
                this::buyerNeverAcceptsWithNegativeExpectedPayoff);
    }

    void buyerNeverAcceptsWithNegativeExpectedPayoff(SignallingGame.Params p) {
        for (GameMode mode : GameMode.values()) {
            SignallingGame.Outcome o = SignallingGame.solve(p, mode);
            if (o.buyerAccepts()) {
                assertThat(o.buyerExpectedPayoff()).isGreaterThanOrEqualTo(0.0);
            } else {
                assertThat(o.buyerExpectedPayoff()).isLessThan(0.0);
                assertThat(SignallingGame.settle(o, 10, 10)).isEqualTo(new SignallingGame.Trades(0, 0));
            }
            // a bad owner transfers only if it does not lose by it
            if (o.badTransfers()) {
                assertThat(p.price() - p.disguiseCost()).isGreaterThanOrEqualTo(0.0);
            }
        }
    }

    /**
     * Checks {@code check} on 1000 games: W in [-2, 2], P = W + gapLow, V = P + gapHigh (gaps in [0.01, 2]),
     * C in [0, 5], rho in [0, 1]; a failing case is reported as (W, gapLow, gapHigh, C, rho).
     */
    private static void forAllParams(String property, Cases.Check1<SignallingGame.Params> check) {
        Cases.forAll(property, 1000,
                doubles(-2.0, 2.0), doubles(0.01, 2.0), doubles(0.01, 2.0), doubles(0.0, 5.0), doubles(0.0, 1.0),
                (wv, lo, hi, cv, r) -> check.check(new SignallingGame.Params(wv + lo, wv + lo + hi, wv, cv, r)));
    }

    @Test
    void separationIffDetectionExceedsOneMinusC0OverPrice() {
        // only cases with detection farther than 1e-9 from the threshold (floating-point knife edge)
        Cases.forAll("SignallingGameTest.separationIffDetectionExceedsOneMinusC0OverPrice", 1000,
                SignallingGameTest::awayFromThreshold,
                doubles(0.0, 3.0), doubles(0.0, 1.0), doubles(0.0, 10.0), doubles(0.0, 1.0), doubles(0.1, 5.0),
                this::separationIffDetectionExceedsOneMinusC0OverPrice);
    }

    private static boolean awayFromThreshold(double c0, double piMax, double kappa, double s, double price) {
        double detection = SignallingGame.detectionProbability(piMax, kappa, s);
        return Math.abs(detection - (1.0 - c0 / price)) > 1e-9;
    }

    void separationIffDetectionExceedsOneMinusC0OverPrice(double c0, double piMax, double kappa, double s,
                                                          double price) {
        double detection = SignallingGame.detectionProbability(piMax, kappa, s);
        double cEff = SignallingGame.effectiveDisguiseCost(c0, detection, price);
        SignallingGame.Params p = new SignallingGame.Params(price, price + 1.0, price - 1.0, cEff, 0.5);
        boolean separates = SignallingGame.solve(p, GameMode.PAPER).regime() == Regime.SEPARATING;
        assertThat(separates).isEqualTo(detection > 1.0 - c0 / price);
    }

    @Test
    void detectionProbabilityRisesWithScreeningTowardsItsCeiling() {
        assertThat(SignallingGame.detectionProbability(0.9, 3.0, 0.0)).isZero();
        // 0.9 * (1 - e^-3) = 0.9 * 0.950213 = 0.855192
        assertThat(SignallingGame.detectionProbability(0.9, 3.0, 1.0)).isCloseTo(0.855192, within(1e-6));
        assertThat(SignallingGame.detectionProbability(0.9, 3.0, 0.5))
                .isBetween(0.0, SignallingGame.detectionProbability(0.9, 3.0, 1.0));
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new SignallingGame.Params(2.0, 1.6, 0.4, 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price P must be between W and V");
        assertThatThrownBy(() -> new SignallingGame.Params(1.0, 1.6, 0.4, -0.1, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disguiseCost C");
        assertThatThrownBy(() -> new SignallingGame.Params(1.0, 1.6, 0.4, 0.5, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("goodShare rho");
        assertThatThrownBy(() -> new SignallingGame.Params(1.0, Double.NaN, 0.4, 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("goodValue V");
        assertThatThrownBy(() -> SignallingGame.disguiseCost(0.5, 0.8, 1.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("screening S");
        assertThatThrownBy(() -> SignallingGame.settle(SignallingGame.solve(params(0.5), GameMode.PAPER), -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("goodOffers");
        assertThatThrownBy(() -> SignallingGame.effectiveDisguiseCost(0.5, 0.5, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price P");
    }

    @Test
    void priceEqualToBadValueWithDisguiseBelowPricePoolsWithNoTradeInThePaperMode() {
        // P = W = 1: a bad result's buyer payoff W - P is exactly 0; the indifferent buyer rejects (paper tie rule)
        SignallingGame.Params p = new SignallingGame.Params(1.0, 1.6, 1.0, 0.5, 0.5);
        SignallingGame.Outcome o = SignallingGame.solve(p, GameMode.PAPER);
        assertThat(o.regime()).isEqualTo(Regime.POOLING_FAILURE);
        assertThat(o.buyerExpectedPayoff()).isZero();
        assertThat(o.buyerAccepts()).isFalse();
        assertThat(o.efficiency()).isZero();
        assertThat(SignallingGame.settle(o, 7, 5)).isEqualTo(new SignallingGame.Trades(0, 0));
        // GENERAL: pooled payoff rho (V - W) = 0.5 * 0.6 = 0.3 >= 0, so both types trade, with no lemons loss
        SignallingGame.Outcome g = SignallingGame.solve(p, GameMode.GENERAL);
        assertThat(g.regime()).isEqualTo(Regime.POOLING_TRADE);
        assertThat(g.buyerExpectedPayoff()).isCloseTo(0.3, within(1e-12));
        assertThat(g.lemonsLossPerTrade()).isZero();
        assertThat(SignallingGame.settle(g, 7, 5)).isEqualTo(new SignallingGame.Trades(7, 5));
    }

    @Test
    void priceEqualToBadValueWithDisguiseEqualToPriceIsPoolingByThePapersConvention() {
        SignallingGame.Params p = new SignallingGame.Params(0.5, 1.6, 0.5, 0.5, 0.5);
        assertThat(SignallingGame.solve(p, GameMode.PAPER).regime()).isEqualTo(Regime.POOLING_FAILURE);
        assertThat(SignallingGame.solve(p, GameMode.GENERAL).regime()).isEqualTo(Regime.POOLING_TRADE);
    }

    @Test
    void priceEqualToBadValueWithDisguiseAbovePriceSeparates() {
        SignallingGame.Params p = new SignallingGame.Params(0.4, 1.6, 0.4, 0.5, 0.5);
        for (GameMode mode : GameMode.values()) {
            SignallingGame.Outcome o = SignallingGame.solve(p, mode);
            assertThat(o.regime()).isEqualTo(Regime.SEPARATING);
            assertThat(o.buyerExpectedPayoff()).isCloseTo(1.2, within(1e-12));
            assertThat(SignallingGame.settle(o, 7, 5)).isEqualTo(new SignallingGame.Trades(7, 0));
        }
    }

    @Test
    void priceEqualToGoodValueSeparatesWithTheIndifferentBuyerAccepting() {
        // P = V = 1.6 and C = 1.7 > P: separating; buyer payoff V - P = 0, accepted, good results trade
        SignallingGame.Outcome o = SignallingGame.solve(new SignallingGame.Params(1.6, 1.6, 0.4, 1.7, 0.5),
                GameMode.PAPER);
        assertThat(o.regime()).isEqualTo(Regime.SEPARATING);
        assertThat(o.buyerExpectedPayoff()).isZero();
        assertThat(o.buyerAccepts()).isTrue();
        assertThat(o.efficiency()).isEqualTo(1.0);
        assertThat(SignallingGame.settle(o, 7, 5)).isEqualTo(new SignallingGame.Trades(7, 0));
        // P = V with C <= P: the paper's pooling failure (payoff W - P < 0)
        assertThat(SignallingGame.solve(new SignallingGame.Params(1.6, 1.6, 0.4, 0.5, 0.5), GameMode.PAPER).regime())
                .isEqualTo(Regime.POOLING_FAILURE);
    }

    @Test
    void priceOutsideTheValuesOrGoodNotAboveBadIsRejected() {
        assertThatThrownBy(() -> new SignallingGame.Params(0.3, 1.6, 0.4, 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("W <= P <= V");
        assertThatThrownBy(() -> new SignallingGame.Params(1.7, 1.6, 0.4, 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("W <= P <= V");
        assertThatThrownBy(() -> new SignallingGame.Params(1.0, 1.0, 1.0, 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("W < V");
    }
}
