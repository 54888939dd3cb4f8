package org.ngai.model.market;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.core.MarketKind;
import org.ngai.model.core.Region;
import org.ngai.model.matching.Regime;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.LenderFlow;
import org.ngai.model.tick.LenderOffer;
import org.ngai.model.tick.MarketCleared;

/**
 * Credit for upgrades (spec §A6.5, B3 finance row). Secured credit (b_K·K) needs no screening.
 * Cash-flow credit is the signalling game of the firm's region: under pooling failure it is refused
 * (lenders believe applicants are bad); under separation bad projects do not apply (P−C &lt; 0) and
 * good ones are funded; under pooling trade a soft-budget share sbc is granted unscreened and the
 * rest is screened with accuracy a_FIN (B2), so some bad projects are funded and lost. Approved
 * requests are served until lender capacity runs out (order: a hashed priority per firm and tick).
 */
final class FinanceMarket {
    private FinanceMarket() {
    }

    static final class Result {
        final double[] secured;
        final double[] unsecured;
        final List<LenderFlow> flows = new ArrayList<>();
        final List<MarketCleared> summaries = new ArrayList<>();

        Result(int n) {
            secured = new double[n];
            unsecured = new double[n];
        }
    }

    static Result clear(Params p, Environment env, long seed, int tick, List<FactorDemand> demands,
                        List<LenderOffer> lenders, GameCell[] cells) {
        int n = demands.size();
        Result res = new Result(n);
        double sbc = p.get(Param.SOFT_BUDGET);
        int r0 = Region.COUNT;
        double[] requested = new double[r0];
        double[] granted = new double[r0];
        int[] goodApplied = new int[r0];
        int[] badApplied = new int[r0];
        int[] goodFunded = new int[r0];
        int[] badFunded = new int[r0];
        int[] goodTotal = new int[r0];
        // 1. decisions by regime
        List<int[]> approved = new ArrayList<>();   // {index}
        List<Double> priority = new ArrayList<>();
        double defaults = 0;
        for (int i = 0; i < n; i++) {
            FactorDemand d = demands.get(i);
            if (d.exiting()) {
                defaults += d.debtDefaulted();
                continue;
            }
            double need = d.loanSecured() + d.loanUnsecured();
            if (need <= 0) {
                continue;
            }
            int r = d.region();
            requested[r] += need;
            boolean ok = true;
            if (d.loanUnsecured() > 0) {
                if (d.projectGood()) {
                    goodTotal[r]++;
                }
                Regime g = cells[r].outcome().regime();
                switch (g) {
                    case POOLING_FAILURE -> ok = false;   // buyer (lender) rejects: belief P(g|s)=0
                    case SEPARATING -> {
                        ok = d.projectGood();               // bad types do not transfer (P−C<0)
                        if (ok) {
                            goodApplied[r]++;
                        }
                    }
                    default -> {
                        if (d.projectGood()) {
                            goodApplied[r]++;
                        } else {
                            badApplied[r]++;
                        }
                        double u = PairHash.uniform(seed, d.firmId(), 7, tick, 3);
                        if (u >= sbc) {
                            double a = cells[r].accuracy();
                            double v = PairHash.uniform(seed, d.firmId(), 11, tick, 4);
                            ok = d.projectGood() ? v < a : v >= a;
                        }
                    }
                }
            }
            if (ok) {
                approved.add(new int[] {i});
                priority.add(PairHash.uniform(seed, d.firmId(), 13, tick, 5));
            }
        }
        // 2. serve approved requests by priority until capacity runs out
        Integer[] order = new Integer[approved.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Double.compare(priority.get(a), priority.get(b));
            return c != 0 ? c : Integer.compare(approved.get(a)[0], approved.get(b)[0]);
        });
        int m = lenders.size();
        double[] left = new double[m];
        double capacity = 0;
        for (int j = 0; j < m; j++) {
            left[j] = lenders.get(j).capacity();
            capacity += left[j];
        }
        double[] lentS = new double[m];
        double[] lentU = new double[m];
        double[] lentBad = new double[m];
        int cursor = 0;
        double remaining = capacity;
        for (Integer k : order) {
            int i = approved.get(k)[0];
            FactorDemand d = demands.get(i);
            double need = d.loanSecured() + d.loanUnsecured();
            if (need > remaining + 1e-9) {
                continue;   // rationed out
            }
            remaining -= need;
            res.secured[i] = d.loanSecured();
            res.unsecured[i] = d.loanUnsecured();
            granted[d.region()] += need;
            if (d.loanUnsecured() > 0) {
                if (d.projectGood()) {
                    goodFunded[d.region()]++;
                } else {
                    badFunded[d.region()]++;
                }
            }
            double s = d.loanSecured();
            double us = d.loanUnsecured();
            while ((s > 1e-12 || us > 1e-12) && cursor < m) {
                double take = Math.min(left[cursor], s + us);
                double ts = Math.min(take, s);
                double tu = take - ts;
                lentS[cursor] += ts;
                lentU[cursor] += tu;
                if (!d.projectGood()) {
                    lentBad[cursor] += tu;
                }
                left[cursor] -= take;
                s -= ts;
                us -= tu;
                if (left[cursor] <= 1e-12) {
                    cursor++;
                }
            }
        }
        for (int j = 0; j < m; j++) {
            LenderOffer l = lenders.get(j);
            double share = capacity > 0 ? l.capacity() / capacity : 1.0 / m;
            res.flows.add(new LenderFlow(l.lenderId(), lentS[j], lentU[j], lentBad[j], defaults * share));
        }
        double rate = p.get(Param.LOAN_RATE);
        double totalGranted = 0;
        double totalRequested = 0;
        for (int r = 0; r < r0; r++) {
            GameCell g = cells[r];
            double eff = goodTotal[r] == 0 ? Double.NaN : (double) goodFunded[r] / goodTotal[r];
            res.summaries.add(new MarketCleared(MarketKind.FIN, r, -1, g.outcome().regime(), g.screening(),
                    g.disguiseCost(), g.accuracy(), requested[r], Double.NaN, granted[r], rate, Double.NaN,
                    Double.NaN, Double.NaN, goodApplied[r], badApplied[r], goodFunded[r], badFunded[r], eff,
                    Double.NaN, Double.NaN));
            totalGranted += granted[r];
            totalRequested += requested[r];
        }
        res.summaries.add(new MarketCleared(MarketKind.FIN, -1, -1, null, Double.NaN, Double.NaN, Double.NaN,
                totalRequested, capacity, totalGranted, rate, Double.NaN, Double.NaN, Double.NaN, sum(goodApplied),
                sum(badApplied), sum(goodFunded), sum(badFunded),
                sum(goodTotal) == 0 ? Double.NaN : (double) sum(goodFunded) / sum(goodTotal), Double.NaN, Double.NaN));
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
