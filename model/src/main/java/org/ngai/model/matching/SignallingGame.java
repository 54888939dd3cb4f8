package org.ngai.model.matching;

/**
 * Technology-transfer signalling game of paper §4.3 (spec §B3), solved for its perfect Bayesian
 * equilibrium. An owner holds a good (prob. &rho;) or bad result and may transfer it at price P; a bad
 * owner who transfers pays the disguise cost C; the buyer gets V&minus;P (good), W&minus;P (bad) or 0
 * (reject), with V &gt; P &gt; W. The same game stands for the LAB and FIN markets (spec §B3 table).
 *
 * <p><b>Ties.</b> The knife-edges P = W and P = V are legal inputs (scenario validation accepts them, see
 * {@code scenario.Params#checkConsistent}); a tie in a payoff is resolved as follows, so every regime is
 * defined:
 * <ul>
 *   <li>C = P: pooling, by the paper's convention (a bad owner who breaks even still disguises).</li>
 *   <li>P = W, C &le; P, PAPER: the buyer's payoff at the paper's belief P(g|s) = 0 is W&minus;P = 0 exactly; an
 *       indifferent buyer rejects, so the market stays in the paper's POOLING_FAILURE with no trade (the same
 *       tie-breaking towards the paper's market failure as C = P).</li>
 *   <li>P = W, C &le; P, GENERAL: the pooled payoff &rho;V + (1&minus;&rho;)W &minus; P = &rho;(V&minus;W) &ge; 0, so the
 *       buyer accepts (GENERAL accepts at a zero payoff) and the market is POOLING_TRADE with no lemons
 *       loss, (1&minus;&rho;)(P&minus;W) = 0.</li>
 *   <li>P = V, C &gt; P: separating; the buyer's payoff V&minus;P = 0 and an indifferent buyer accepts (the
 *       price extracts the whole surplus of a good result), so good results trade (efficiency 1).</li>
 * </ul>
 *
 * <p>Defaults (P = 1, V = 1.6, W = 0.4, C<sub>0</sub> = 0.5, &kappa;<sub>C</sub> = 0.8, &rho; = 0.5) are
 * spec §B3 assumptions, not literature estimates.
 */
public final class SignallingGame {
    /** Default price P (numeraire). */
    public static final double DEFAULT_PRICE = 1.0;
    /** Default value of a good result V. */
    public static final double DEFAULT_GOOD_VALUE = 1.6;
    /** Default value of a bad result W. */
    public static final double DEFAULT_BAD_VALUE = 0.4;
    /** Default disguise cost without AI screening C<sub>0</sub>. */
    public static final double DEFAULT_C0 = 0.5;
    /** Default sensitivity of the disguise cost to AI screening &kappa;<sub>C</sub>. */
    public static final double DEFAULT_KAPPA_C = 0.8;
    /** Default share of good results &rho;. */
    public static final double DEFAULT_GOOD_SHARE = 0.5;

    private SignallingGame() {
    }

    /**
     * Parameters of one market cell.
     *
     * @param price        P, the transfer price (W &le; P &le; V; the paper's V &gt; P &gt; W plus the ties
     *                     resolved in the class comment)
     * @param goodValue    V, buyer value of a good result
     * @param badValue     W &lt; V, buyer value of a bad result
     * @param disguiseCost C &ge; 0, paid by a bad owner who transfers
     * @param goodShare    &rho; in [0, 1], prior probability of a good result
     */
    public record Params(double price, double goodValue, double badValue, double disguiseCost, double goodShare) {
        /** Validates W &le; P &le; V with W &lt; V, C &ge; 0, 0 &le; &rho; &le; 1, all finite. */
        public Params {
            Checks.finite("price P", price);
            Checks.finite("goodValue V", goodValue);
            Checks.finite("badValue W", badValue);
            if (!(badValue <= price && price <= goodValue && badValue < goodValue)) {
                throw new IllegalArgumentException("price P must be between W and V (W <= P <= V, W < V), got W="
                        + badValue + ", P=" + price + ", V=" + goodValue);
            }
            Checks.nonNegative("disguiseCost C", disguiseCost);
            Checks.unit("goodShare rho", goodShare);
        }
    }

    /**
     * Equilibrium of one market cell.
     *
     * @param regime                  equilibrium regime
     * @param beliefGoodGivenTransfer buyer belief P(g|s)
     * @param goodTransfers           whether good owners offer their result
     * @param badTransfers            whether bad owners offer their result
     * @param buyerAccepts            whether the buyer accepts an offer
     * @param buyerExpectedPayoff     buyer's expected payoff from accepting under the belief
     * @param efficiency              E<sub>m</sub> = traded good / total good (1, 0 or 1 by regime)
     * @param lemonsLossPerTrade      buyer's expected loss on bad results per trade, (1&minus;&rho;)(P&minus;W)
     *                                in POOLING_TRADE, else 0
     */
    public record Outcome(Regime regime, double beliefGoodGivenTransfer, boolean goodTransfers,
                          boolean badTransfers, boolean buyerAccepts, double buyerExpectedPayoff,
                          double efficiency, double lemonsLossPerTrade) {
    }

    /**
     * Number of offered results that actually trade.
     *
     * @param good good results traded
     * @param bad  bad results traded
     */
    public record Trades(int good, int bad) {
    }

    /**
     * Solves the game (spec §B3 regime table; paper §4.3).
     * PAPER: C &le; P (C = P counts as pooling by convention) gives the pooling failure with P(g|s) = 0,
     * expected payoff W&minus;P &le; 0 (= 0 when P = W: the indifferent buyer still rejects), rejection and no
     * transfers; C &gt; P gives the separating equilibrium with P(g|s) = 1, payoff V&minus;P &ge; 0 (= 0 when
     * P = V: the indifferent buyer accepts), acceptance, and only good owners transferring.
     * GENERAL (spec §B3 extension): C &gt; P separates as above; C &le; P with
     * &rho;V + (1&minus;&rho;)W &ge; P is POOLING_TRADE (belief &rho;, both types transfer, lemons loss
     * (1&minus;&rho;)(P&minus;W) per trade); otherwise pooling failure, reported with the pooled belief &rho;
     * and the (negative) pooled expected payoff.
     *
     * @param p    market parameters
     * @param mode PAPER or GENERAL
     * @return the equilibrium
     */
    public static Outcome solve(Params p, GameMode mode) {
        Checks.notNull("params p", p);
        Checks.notNull("mode", mode);
        double price = p.price();
        if (p.disguiseCost() > price) {
            return new Outcome(Regime.SEPARATING, 1.0, true, false, true, p.goodValue() - price, 1.0, 0.0);
        }
        if (mode == GameMode.PAPER) {
            return new Outcome(Regime.POOLING_FAILURE, 0.0, false, false, false, p.badValue() - price, 0.0, 0.0);
        }
        double rho = p.goodShare();
        double pooledPayoff = rho * p.goodValue() + (1.0 - rho) * p.badValue() - price;
        if (pooledPayoff >= 0.0) {
            double lemonsLoss = (1.0 - rho) * (price - p.badValue());
            return new Outcome(Regime.POOLING_TRADE, rho, true, true, true, pooledPayoff, 1.0, lemonsLoss);
        }
        return new Outcome(Regime.POOLING_FAILURE, rho, false, false, false, pooledPayoff, 0.0, 0.0);
    }

    /**
     * How many of the offered results trade under an equilibrium (spec §B3 outcome column): a type's
     * offers trade only if that type transfers and the buyer accepts.
     *
     * @param o          equilibrium from {@link #solve}
     * @param goodOffers number of good results on offer (&ge; 0)
     * @param badOffers  number of bad results on offer (&ge; 0)
     * @return traded counts by type
     */
    public static Trades settle(Outcome o, int goodOffers, int badOffers) {
        Checks.notNull("outcome o", o);
        if (goodOffers < 0) {
            throw new IllegalArgumentException("goodOffers must be >= 0, got " + goodOffers);
        }
        if (badOffers < 0) {
            throw new IllegalArgumentException("badOffers must be >= 0, got " + badOffers);
        }
        boolean open = o.buyerAccepts();
        return new Trades(open && o.goodTransfers() ? goodOffers : 0, open && o.badTransfers() ? badOffers : 0);
    }

    /**
     * AI raises the disguise cost (spec §B3 "How AI enters"): C<sub>m,t</sub> = C<sub>0,m</sub> +
     * &kappa;<sub>C,m</sub>&middot;S<sub>m,t</sub>.
     *
     * @param c0        C<sub>0</sub> &ge; 0, disguise cost without AI screening
     * @param kappaC    &kappa;<sub>C</sub> &ge; 0
     * @param screening S in [0, 1], AI screening capacity of the market
     * @return the disguise cost C
     */
    public static double disguiseCost(double c0, double kappaC, double screening) {
        Checks.nonNegative("c0", c0);
        Checks.nonNegative("kappaC", kappaC);
        Checks.unit("screening S", screening);
        return c0 + kappaC * screening;
    }

    /**
     * Optional micro-foundation (spec §B3): probability that AI screening detects a disguised bad
     * result, &pi;<sub>d</sub> = &pi;<sub>max</sub>(1 &minus; e<sup>&minus;&kappa;S</sup>).
     *
     * @param piMax     &pi;<sub>max</sub> in [0, 1]
     * @param kappa     &kappa; &ge; 0
     * @param screening S in [0, 1]
     * @return &pi;<sub>d</sub> in [0, &pi;<sub>max</sub>]
     */
    public static double detectionProbability(double piMax, double kappa, double screening) {
        Checks.unit("piMax", piMax);
        Checks.nonNegative("kappa", kappa);
        Checks.unit("screening S", screening);
        return piMax * -Math.expm1(-kappa * screening);
    }

    /**
     * Optional micro-foundation (spec §B3): a detected bad owner forfeits the price, so
     * C<sub>eff</sub> = C<sub>0</sub> + &pi;<sub>d</sub>&middot;P; separation (C<sub>eff</sub> &gt; P) then
     * holds iff &pi;<sub>d</sub> &gt; 1 &minus; C<sub>0</sub>/P.
     *
     * @param c0        C<sub>0</sub> &ge; 0
     * @param detection &pi;<sub>d</sub> in [0, 1]
     * @param price     P &gt; 0
     * @return the effective disguise cost
     */
    public static double effectiveDisguiseCost(double c0, double detection, double price) {
        Checks.nonNegative("c0", c0);
        Checks.unit("detection", detection);
        if (!(price > 0.0) || price == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("price P must be finite and > 0, got " + price);
        }
        return c0 + detection * price;
    }
}
