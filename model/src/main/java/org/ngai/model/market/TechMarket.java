package org.ngai.model.market;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.core.MarketKind;
import org.ngai.model.core.Region;
import org.ngai.model.matching.DeferredAcceptance;
import org.ngai.model.matching.GameMode;
import org.ngai.model.matching.SignallingGame;
import org.ngai.model.matching.Regime;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.MarketCleared;
import org.ngai.model.tick.TechOffer;
import org.ngai.model.tick.TechSale;

/**
 * Technology transfer (spec §B3, exactly the paper's §4.3 game, and B4 deferred acceptance).
 * Which results are offered follows the regime of the holder's region: none under pooling failure,
 * good ones under separation, all under pooling trade. Buyers (firms seeking a licence) see offers
 * of their own region and, with probability Ω, of other regions (B2). Firm-proposing deferred
 * acceptance on estimated surplus ŝ = s + ε, ε ~ N(0, σ_ε²(1−S_TECH)); under pooling trade buyers
 * value every offer at the pooled ρV+(1−ρ)W. Realised efficiency and blocking pairs are scored
 * against true surplus.
 */
final class TechMarket {
    private TechMarket() {
    }

    static final class Result {
        final long[] offerId;
        final boolean[] good;
        final double[] price;
        final List<TechSale> sales = new ArrayList<>();
        final List<MarketCleared> summaries = new ArrayList<>();

        Result(int n) {
            offerId = new long[n];
            java.util.Arrays.fill(offerId, -1);
            good = new boolean[n];
            price = new double[n];
        }
    }

    /**
     * The game one result plays: its own disguise cost C_j = C_0 + spread·(2u−1) + κ_C·S_r (u from the
     * result's id), so results that are easy to verify separate first and the traded share rises
     * smoothly as AI screening S_r rises. The cell's regime (the typical result, spread 0) stays the
     * market indicator.
     */
    static Regime resultRegime(Params p, GameMode mode, GameCell cell, long seed, long offerId) {
        double spread = p.get(Param.TECH_VERIFIABILITY);
        if (spread <= 0) {
            return cell.outcome().regime();
        }
        double u = PairHash.uniform(seed, offerId, 17, 0, 6);
        double c = Math.max(0, cell.disguiseCost() + spread * (2 * u - 1));
        return SignallingGame.solve(new SignallingGame.Params(p.get(Param.GAME_PRICE), p.get(Param.GAME_GOOD_VALUE),
                p.get(Param.GAME_BAD_VALUE), c, p.get(Param.GAME_GOOD_SHARE)), mode).regime();
    }

    static Result clear(Params p, GameMode mode, Environment env, long seed, int tick, List<FactorDemand> demands,
                        List<TechOffer> offers, GameCell[] cells, double visibility) {
        int n = demands.size();
        Result res = new Result(n);
        double price = p.get(Param.GAME_PRICE);
        double v = p.get(Param.GAME_GOOD_VALUE);
        double w = p.get(Param.GAME_BAD_VALUE);
        double rho = p.get(Param.GAME_GOOD_SHARE);
        double fit = p.get(Param.TECH_SECTOR_FIT);
        double noise = p.get(Param.DA_NOISE);
        List<Integer> buyers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FactorDemand d = demands.get(i);
            if (!d.exiting() && d.wantsTech()) {
                buyers.add(i);
            }
        }
        List<TechOffer> offered = new ArrayList<>();
        List<Regime> offeredRegime = new ArrayList<>();
        int[] goodAll = new int[Region.COUNT];
        int[] goodOffered = new int[Region.COUNT];
        int[] badOffered = new int[Region.COUNT];
        int[] supplied = new int[Region.COUNT];
        for (TechOffer o : offers) {
            supplied[o.region()]++;
            if (o.good()) {
                goodAll[o.region()]++;
            }
            Regime g = resultRegime(p, mode, cells[o.region()], seed, o.offerId());
            boolean transfers = g == Regime.POOLING_TRADE || (g == Regime.SEPARATING && o.good());
            if (transfers) {
                offered.add(o);
                offeredRegime.add(g);
                if (o.good()) {
                    goodOffered[o.region()]++;
                } else {
                    badOffered[o.region()]++;
                }
            }
        }
        int nb = buyers.size();
        int m = offered.size();
        int[] demandByRegion = new int[Region.COUNT];
        for (int b : buyers) {
            demandByRegion[demands.get(b).region()]++;
        }
        int[] goodTraded = new int[Region.COUNT];
        int[] badTraded = new int[Region.COUNT];
        double daEff = Double.NaN;
        double blocking = Double.NaN;
        if (nb > 0 && m > 0) {
            double[][] est = new double[nb][m];
            double[][] truth = new double[nb][m];
            for (int bi = 0; bi < nb; bi++) {
                FactorDemand d = demands.get(buyers.get(bi));
                for (int j = 0; j < m; j++) {
                    TechOffer o = offered.get(j);
                    boolean visible = o.region() == d.region()
                            || PairHash.uniform(seed, d.firmId(), o.offerId(), tick, 9) < visibility;
                    double bonus = d.techValueBonus() + (o.sector() == d.sector() ? fit : 0);
                    if (!visible) {
                        est[bi][j] = Double.NaN;
                        truth[bi][j] = 0;
                        continue;
                    }
                    truth[bi][j] = (o.good() ? v : w) - price + bonus;
                    GameCell cell = cells[o.region()];
                    double believed = offeredRegime.get(j) == Regime.SEPARATING ? v : rho * v + (1 - rho) * w;
                    double sd = noise * Math.sqrt(Math.max(0, 1 - cell.screening()));
                    est[bi][j] = believed - price + bonus + sd * PairHash.normal(seed, d.firmId(), o.offerId(), tick);
                }
            }
            int[] cap = new int[m];
            java.util.Arrays.fill(cap, 1);
            int[] assign = DeferredAcceptance.match(est, cap);
            DeferredAcceptance.Evaluation ev = DeferredAcceptance.evaluate(truth, assign, cap);
            daEff = ev.efficiency();
            blocking = ev.blockingPairRate();
            for (int bi = 0; bi < nb; bi++) {
                int j = assign[bi];
                if (j < 0) {
                    continue;
                }
                int i = buyers.get(bi);
                FactorDemand d = demands.get(i);
                TechOffer o = offered.get(j);
                res.offerId[i] = o.offerId();
                res.good[i] = o.good();
                res.price[i] = price;
                res.sales.add(new TechSale(o.offerId(), o.region(), d.firmId(), d.region(), d.sector(), o.good(), price));
                if (o.good()) {
                    goodTraded[o.region()]++;
                } else {
                    badTraded[o.region()]++;
                }
            }
        }
        res.sales.sort(java.util.Comparator.comparingLong(TechSale::offerId));
        int totalGood = 0;
        int totalGoodTraded = 0;
        for (int r = 0; r < Region.COUNT; r++) {
            GameCell g = cells[r];
            double eff = goodAll[r] == 0 ? Double.NaN : (double) goodTraded[r] / goodAll[r];
            res.summaries.add(new MarketCleared(MarketKind.TECH, r, -1, g.outcome().regime(), g.screening(),
                    g.disguiseCost(), g.accuracy(), demandByRegion[r], supplied[r], goodTraded[r] + badTraded[r],
                    price, Double.NaN, Double.NaN, Double.NaN, goodOffered[r], badOffered[r], goodTraded[r],
                    badTraded[r], eff, Double.NaN, Double.NaN));
            totalGood += goodAll[r];
            totalGoodTraded += goodTraded[r];
        }
        res.summaries.add(new MarketCleared(MarketKind.TECH, -1, -1, null, Double.NaN, Double.NaN, Double.NaN, nb,
                offers.size(), res.sales.size(), price, Double.NaN, Double.NaN, Double.NaN, sum(goodOffered),
                sum(badOffered), totalGoodTraded, res.sales.size() - totalGoodTraded,
                totalGood == 0 ? Double.NaN : (double) totalGoodTraded / totalGood, daEff, blocking));
        return res;
    }

    private static int sum(int[] xs) {
        int s = 0;
        for (int x : xs) {
            s += x;
        }
        return s;
    }
}
