package org.ngai.model.indicator;

import static org.ngai.model.indicator.IndicatorMath.ratio;

import org.ngai.model.core.Region;
import org.ngai.model.matching.Regime;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.OwnerReports;

/**
 * Indicator group "markets and matching" (B2, B3, B4): the regimes of the labour, finance and
 * technology games, AI screening and visibility, market efficiencies, technology trades and
 * deferred acceptance, and credit (A6.5, B3 脱实向虚).
 */
final class MarketIndicators {
    private MarketIndicators() {
    }

    static void write(ClearingSums c, Environment env, OwnerReports owners, TickIndicators out) {
        int R = Region.COUNT;
        for (int r = 0; r < R; r++) {
            out.setRegion(Indicator.LAB_REGIME, r, code(c.regimes[Environment.cell(Environment.LAB, r)]));
            out.setRegion(Indicator.FIN_REGIME, r, code(c.regimes[Environment.cell(Environment.FIN, r)]));
            out.setRegion(Indicator.TECH_REGIME, r, code(c.regimes[Environment.cell(Environment.TECH, r)]));
            out.setRegion(Indicator.CREDIT_GRANTED, r, c.creditGrantedR[r]);
            out.setRegion(Indicator.LAB_SCREENING, r, env.screening(Environment.LAB, r));
            out.setRegion(Indicator.FIN_SCREENING, r, env.screening(Environment.FIN, r));
            out.setRegion(Indicator.TECH_SCREENING, r, env.screening(Environment.TECH, r));
            out.setRegion(Indicator.FIN_EFFICIENCY, r, c.finEfficiencyR[r]);
            out.setRegion(Indicator.TECH_EFFICIENCY, r, c.techEfficiencyR[r]);
            out.setRegion(Indicator.CREDIT_APPROVAL, r, c.approvalR[r]);
            out.setRegion(Indicator.TECH_TRADES, r, c.tradesR[r]);
        }
        out.set(Indicator.LAB_SEPARATING, c.separating[0] / (double) R);
        out.set(Indicator.FIN_SEPARATING, c.separating[1] / (double) R);
        out.set(Indicator.TECH_SEPARATING, c.separating[2] / (double) R);
        out.set(Indicator.LAB_SCREENING, meanScreening(env, Environment.LAB));
        out.set(Indicator.FIN_SCREENING, meanScreening(env, Environment.FIN));
        out.set(Indicator.TECH_SCREENING, meanScreening(env, Environment.TECH));
        out.set(Indicator.LAB_EFFICIENCY, c.labEfficiencyN > 0 ? c.labEfficiencyW / c.labEfficiencyN : Double.NaN);
        out.set(Indicator.FIN_EFFICIENCY, c.goodTotal > 0 ? c.goodFunded / c.goodTotal : Double.NaN);
        out.set(Indicator.TECH_EFFICIENCY, c.techEfficiency);
        out.set(Indicator.VISIBILITY, env.visibility());
        out.set(Indicator.TECH_TRADES, c.trades);
        out.set(Indicator.TECH_SHARE_PRIMARY, ratio(c.tradesByClass[0], c.trades));
        out.set(Indicator.TECH_SHARE_SECONDARY, ratio(c.tradesByClass[1], c.trades));
        out.set(Indicator.TECH_SHARE_TERTIARY, ratio(c.tradesByClass[2], c.trades));
        out.set(Indicator.DA_EFFICIENCY, c.daEfficiency);
        out.set(Indicator.BLOCKING_RATE, c.blockingRate);
        out.set(Indicator.CREDIT_GRANTED, c.creditGranted);
        out.set(Indicator.CREDIT_APPROVAL, ratio(c.creditGranted, c.creditRequested));
        out.set(Indicator.BAD_LOANS, ratio(c.badLoans, c.goodLoans + c.badLoans));
        out.set(Indicator.REAL_CREDIT_SHARE, owners.realEconomyShare());
    }

    private static double meanScreening(Environment env, int market) {
        double s = 0;
        for (int r = 0; r < Region.COUNT; r++) {
            s += env.screening(market, r);
        }
        return s / Region.COUNT;
    }

    /** Regime code: 0 pooling failure, 1 pooling trade, 2 separating; NaN where the cell reported none. */
    private static double code(Regime g) {
        if (g == null) {
            return Double.NaN;
        }
        return switch (g) {
            case POOLING_FAILURE -> 0;
            case POOLING_TRADE -> 1;
            case SEPARATING -> 2;
        };
    }
}
