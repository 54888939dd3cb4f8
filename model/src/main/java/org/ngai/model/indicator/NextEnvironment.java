package org.ngai.model.indicator;

import static org.ngai.model.indicator.IndicatorMath.ratio;
import static org.ngai.model.indicator.IndicatorMath.sum;

import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.matching.Regime;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.AiMarketState;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.CohortFlow;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.VendorSummary;

/**
 * The public environment of the next tick (docs/model.md: the public state agents condition on),
 * assembled from the pieces each owner computed: next wages from the cohort flows, AI market and
 * intermediary shares from the owners, regimes from this tick's games, adopter shares from the
 * firm reports, the regions' AI-industry revenue shares and the real-output index.
 */
final class NextEnvironment {
    private NextEnvironment() {
    }

    /** The environment of tick {@code tick + 1} after aggregating tick {@code tick}. */
    static Environment after(Scenario scenario, int tick, Clearing clearing, OwnerReports owners, FirmSums firms,
                             ClearingSums markets, double realOutput) {
        int R = Region.COUNT;
        double[] nextWageL = new double[R];
        double[] nextWageH = new double[R];
        for (CohortFlow f : clearing.cohortFlows()) {
            if (f.skill() == 0) {
                nextWageL[f.region()] = f.nextWage();
            } else {
                nextWageH[f.region()] = f.nextWage();
            }
        }
        return of(scenario, tick + 1, owners.nextAi(), nextWageL, nextWageH, owners.nextIntermediaryShare(),
                markets.regimes, adopterShares(firms), aiRevenueShares(owners.vendors()), realOutput);
    }

    /** Assembles the environment of tick {@code tick} (docs/model.md: the public state agents condition on). */
    static Environment of(Scenario scenario, int tick, AiMarketState ai, double[] wageL, double[] wageH,
                          double[] intermediaryShare, Regime[] regimes, double[] adopterShare,
                          double[] aiRevenueShare, double incomeIndex) {
        Params p = scenario.paramsAt(tick);
        double[] screening = new double[intermediaryShare.length];
        double mean = 0;
        double lab = 0;
        for (int i = 0; i < screening.length; i++) {
            screening[i] = intermediaryShare[i] * ai.quality();
            mean += screening[i];
        }
        for (int r = 0; r < Region.COUNT; r++) {
            lab += screening[Environment.cell(Environment.LAB, r)];
        }
        mean /= screening.length;
        lab /= Region.COUNT;
        double w0 = p.get(Param.VISIBILITY_BASE);
        double visibility = w0 + (1 - w0) * lab;
        return new Environment(tick, ai, wageL, wageH, screening, regimes, adopterShare, aiRevenueShare, mean, visibility,
                incomeIndex);
    }

    /**
     * Adopter shares per region × sector from the reports of live firms (entrants included): for each
     * cell the share of firms at stage k or above, k = 0..3; an empty cell counts as all manual.
     */
    static double[] adopterShares(FirmSums firms) {
        double[] byStage = firms.stageByCell;
        double[] count = new double[byStage.length];
        for (int cell = 0; cell < Region.COUNT * Sector.COUNT; cell++) {
            double total = 0;
            for (int k = 0; k < 4; k++) {
                total += byStage[cell * 4 + k];
            }
            double atLeast = total;
            for (int k = 0; k < 4; k++) {
                count[cell * 4 + k] = total == 0 ? (k == 0 ? 1 : 0) : atLeast / total;
                atLeast -= byStage[cell * 4 + k];
            }
        }
        return count;
    }

    /**
     * A_r: the region's AI-industry revenue share relative to its GDP share, capped at 3 (A1 new tasks); by
     * vendor count while the AI industry has no revenue.
     */
    private static double[] aiRevenueShares(VendorSummary v) {
        int R = Region.COUNT;
        double[] revenueShare = new double[R];
        double vendors = sum(v.countByRegion());
        double totalRev = sum(v.revenueByRegion());
        double gdpTotal = 0;
        for (Region reg : Region.ALL) {
            gdpTotal += reg.gdpWeight();
        }
        for (int r = 0; r < R; r++) {
            double share = totalRev > 0 ? v.revenueByRegion()[r] / totalRev : ratio(v.countByRegion()[r], vendors);
            revenueShare[r] = Math.min(3, share / (Region.of(r).gdpWeight() / gdpTotal));
        }
        return revenueShare;
    }
}
