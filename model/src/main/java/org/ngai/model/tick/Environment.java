package org.ngai.model.tick;

import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.matching.Regime;

/**
 * Everything public at the start of tick t: the outcome of tick t−1 that agents condition on.
 * Built by the aggregator at the end of each tick (docs/pipeline.md step 5) from pieces computed by
 * their owners: AI market by the factor side, wages and regimes by the market side, adopter shares
 * from firm reports.
 *
 * @param tick            the tick this environment opens (1-based)
 * @param ai              AI market state for this tick
 * @param wageL           low-skill wage by region (wage units per worker-quarter)
 * @param wageH           high-skill wage by region
 * @param screening       S_m,r = AI share of intermediaries × q_AI, index {@link #cell(int, int)} (B2)
 * @param regimes         signalling-game regime per market and region from last clearing (B3)
 * @param adopterShare    share of live firms in (region, sector) at stage &ge; k, index {@link #adopterIndex}
 * @param aiRevenueShare  A_r: region's AI-industry revenue share relative to its GDP share, capped at 3 (A1 new tasks)
 * @param meanScreening   S̄: mean screening capacity (A3b wedges)
 * @param visibility      Ω: share of vacancies/loans/technologies searchable outside the region (B2)
 * @param incomeIndex     real income relative to tick 1 (drives the non-homothetic demand of A4)
 */
public record Environment(int tick, AiMarketState ai, double[] wageL, double[] wageH, double[] screening,
                          Regime[] regimes, double[] adopterShare, double[] aiRevenueShare, double meanScreening,
                          double visibility, double incomeIndex) {

    /** Markets with a signalling game, in index order. */
    public static final int LAB = 0;
    public static final int FIN = 1;
    public static final int TECH = 2;
    public static final int GAME_MARKETS = 3;

    public static int cell(int market, int region) {
        return market * Region.COUNT + region;
    }

    public static int adopterIndex(int region, int sector, int stage) {
        return (region * Sector.COUNT + sector) * 4 + stage;
    }

    public double screening(int market, int region) {
        return screening[cell(market, region)];
    }

    public Regime regime(int market, int region) {
        return regimes[cell(market, region)];
    }

    /** Share of firms in (region, sector) at stage &ge; k. */
    public double adopterShare(int region, int sector, int stage) {
        return adopterShare[adopterIndex(region, sector, stage)];
    }
}
