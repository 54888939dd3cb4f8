package org.ngai.model.market;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.core.Region;
import org.ngai.model.scenario.Params;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.MarketCleared;
import org.ngai.model.tick.Supplies;

/**
 * The factor-market matcher of a tick (docs/pipeline.md step 3): clears every market in a fixed order
 * (labour, finance, technology, AI) over demands and supplies sorted canonically, so the result is
 * the same whatever order they arrived in. Pure: no state survives between ticks.
 */
public final class MarketPhase {
    private final Scenario scenario;

    public MarketPhase(Scenario scenario) {
        this.scenario = scenario;
    }

    /**
     * @param demands  one per live firm, sorted by firm id
     * @param supplies the factor side's supplies for this tick
     */
    public Clearing clear(Environment env, int tick, List<FactorDemand> demands, Supplies supplies) {
        Params p = scenario.paramsAt(tick);
        for (int i = 1; i < demands.size(); i++) {
            if (demands.get(i - 1).firmId() >= demands.get(i).firmId()) {
                throw new IllegalArgumentException("demands must be sorted by firm id without duplicates; at index " + i);
            }
        }
        GameCell[][] cells = new GameCell[Environment.GAME_MARKETS][Region.COUNT];
        for (int m = 0; m < Environment.GAME_MARKETS; m++) {
            for (int r = 0; r < Region.COUNT; r++) {
                double s = supplies.screening()[Environment.cell(m, r)];
                double share = supplies.ai().quality() > 0 ? s / supplies.ai().quality() : 0;
                cells[m][r] = GameCell.of(p, scenario.gameMode(), m, s, share);
            }
        }
        double visibility = env.visibility();
        LabourMarket.Result lab = LabourMarket.clear(p, env, demands, supplies.cohorts(), cells[Environment.LAB], visibility);
        FinanceMarket.Result fin = FinanceMarket.clear(p, env, scenario.seed(), tick, demands, supplies.lenders(),
                cells[Environment.FIN]);
        TechMarket.Result tech = TechMarket.clear(p, scenario.gameMode(), env, scenario.seed(), tick, demands, supplies.techOffers(),
                cells[Environment.TECH], visibility);
        AiCapitalMarket.Result ai = AiCapitalMarket.clear(p, demands, supplies.ai());
        List<FirmMatch> matches = new ArrayList<>();
        for (int i = 0; i < demands.size(); i++) {
            FactorDemand d = demands.get(i);
            if (d.exiting()) {
                continue;
            }
            FirmMatch m = new FirmMatch(d.firmId(), lab.hiresL[i], lab.hiresH[i], lab.remoteH[i], lab.mismatchedH[i],
                    ai.units[i], ai.price, fin.secured[i], fin.unsecured[i], tech.offerId[i], tech.good[i],
                    tech.price[i]);
            if (m.hiresL() != 0 || m.hiresH() != 0 || m.aiUnits() != 0 || m.loanSecured() != 0
                    || m.loanUnsecured() != 0 || m.techOfferId() >= 0) {
                matches.add(m);
            }
        }
        List<MarketCleared> summaries = new ArrayList<>();
        summaries.addAll(lab.summaries);
        summaries.addAll(fin.summaries);
        summaries.addAll(tech.summaries);
        summaries.add(ai.summary);
        return new Clearing(matches, lab.flows, fin.flows, tech.sales, ai.sale, summaries);
    }

    /** Regimes of every game cell for given screening capacities (used to open tick 1). */
    public static org.ngai.model.matching.Regime[] regimes(Scenario scenario, int tick, double[] screening,
                                                           double[] intermediaryShare) {
        Params p = scenario.paramsAt(tick);
        org.ngai.model.matching.Regime[] out = new org.ngai.model.matching.Regime[screening.length];
        for (int m = 0; m < Environment.GAME_MARKETS; m++) {
            for (int r = 0; r < Region.COUNT; r++) {
                int c = Environment.cell(m, r);
                out[c] = GameCell.of(p, scenario.gameMode(), m, screening[c], intermediaryShare[c]).outcome().regime();
            }
        }
        return out;
    }
}
