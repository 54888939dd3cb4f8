package org.ngai.model.indicator;

import static org.ngai.model.indicator.IndicatorMath.ratio;
import static org.ngai.model.indicator.IndicatorMath.sum;
import static org.ngai.model.indicator.IndicatorMath.zeroIfNaN;

import java.util.List;
import org.ngai.model.core.Region;
import org.ngai.model.tick.VendorSummary;

/**
 * Indicator group "four-dimensional coordination" (B5): the input vector of the real economy,
 * technology innovation, modern finance and human resources per region and nationally, its
 * subsystem indices under the calibration's normalisation bounds, and coupling C, development T,
 * coordination D = sqrt(C·T) and its level. Reads indicators the other groups wrote this tick
 * (productivity, labour, markets), so it runs after them.
 */
final class CoordinationIndicators {
    private CoordinationIndicators() {
    }

    /** D inputs that are flow rates, taken as 4-quarter means, and their positions in the input vector. */
    private static final Indicator[] ANNUAL_INPUTS = {Indicator.INNOVATION_SUCCESS, Indicator.INNOVATION_GAIN,
        Indicator.TECH_EFFICIENCY, Indicator.CREDIT_APPROVAL, Indicator.FIN_EFFICIENCY,
        Indicator.TRAINING_COMPLETIONS, Indicator.SKILL_MISMATCH};
    private static final int[] ANNUAL_INPUT_INDEX = {5, 6, 8, 11, 12, 17, 18};

    /**
     * Writes the B5 indicators and returns the input vectors (regions 0..R−1, then national at R).
     *
     * @param history    indicators published before this tick (tick 1 first)
     * @param aiQuality  q_AI of this tick
     * @param realShare  credit granted to firms over lenders' loanable funds (B3)
     */
    static double[][] write(FirmSums f, ClearingSums c, double aiQuality, VendorSummary v, double realShare,
                            CouplingCalibration calibration, List<TickIndicators> history, TickIndicators out) {
        int R = Region.COUNT;
        double[][] inputs = new double[R + 1][];
        double vendors = sum(v.countByRegion());
        // BASE-layer share by region is not tracked per vendor region in the summary; use national share
        double baseShare = vendors > 0 ? v.countByLayer()[0] / vendors : 0;
        TickIndicators first = history.isEmpty() ? out : history.get(0);
        double firstLevel = first.get(Indicator.LN_LABOUR_PRODUCTIVITY);
        double exits = sum(f.exits);
        double constrained = sum(f.financingConstrained);
        double failedFinance = sum(f.failedFinance);
        double upgrades = sum(f.upgrades);
        for (int r = 0; r <= R; r++) {
            boolean nat = r == R;
            double[] x = new double[CouplingCalibration.INPUTS];
            if (nat) {
                x[0] = out.get(Indicator.LN_LABOUR_PRODUCTIVITY) - firstLevel;
                x[1] = ratio(f.networked, f.firms);
                x[2] = out.get(Indicator.HI_TIER_SHARE);
                x[3] = out.get(Indicator.CAPACITY_UTILISATION);
                x[4] = 1 - ratio(exits, f.firms + exits);
                x[5] = out.get(Indicator.INNOVATION_SUCCESS);
                x[6] = out.get(Indicator.INNOVATION_GAIN);
                x[7] = aiQuality;
                x[8] = zeroIfNaN(c.techEfficiency);
                x[9] = baseShare;
                x[10] = realShare;
                x[11] = zeroIfNaN(out.get(Indicator.CREDIT_APPROVAL));
                x[12] = zeroIfNaN(out.get(Indicator.FIN_EFFICIENCY));
                x[13] = ratio(constrained + failedFinance, constrained + failedFinance + upgrades + f.failedExecution);
                x[14] = out.get(Indicator.HIGH_SKILL_SHARE);
                x[15] = out.get(Indicator.MATCH_EFFICIENCY);
                x[16] = out.get(Indicator.UNEMPLOYMENT);
                x[17] = out.get(Indicator.TRAINING_COMPLETIONS);
                x[18] = zeroIfNaN(out.get(Indicator.SKILL_MISMATCH));
            } else {
                x[0] = out.region(Indicator.LN_LABOUR_PRODUCTIVITY, r) - firstLevel;
                x[1] = ratio(f.networkedPlus[r], f.region.firms[r]);
                x[2] = ratio(f.region.intelligentRevenue[r], f.region.revenue[r]);
                x[3] = ratio(f.region.output[r], f.region.capacity[r]);
                x[4] = 1 - ratio(f.exits[r], f.region.firms[r] + f.exits[r]);
                x[5] = out.region(Indicator.INNOVATION_SUCCESS, r);
                x[6] = out.region(Indicator.INNOVATION_GAIN, r);
                x[7] = aiQuality;
                x[8] = zeroIfNaN(c.techEfficiencyR[r]);
                x[9] = baseShare;
                x[10] = realShare;
                x[11] = zeroIfNaN(c.approvalR[r]);
                x[12] = zeroIfNaN(c.finEfficiencyR[r]);
                x[13] = ratio(f.financingConstrained[r] + f.failedFinance[r],
                        f.financingConstrained[r] + f.failedFinance[r] + f.upgrades[r]);
                x[14] = out.region(Indicator.HIGH_SKILL_SHARE, r);
                x[15] = out.region(Indicator.MATCH_EFFICIENCY, r);
                x[16] = out.region(Indicator.UNEMPLOYMENT, r);
                x[17] = out.region(Indicator.TRAINING_COMPLETIONS, r);
                x[18] = zeroIfNaN(out.region(Indicator.SKILL_MISMATCH, r));
            }
            // flow rates enter as annual (4-quarter) means, as in the annual statistics coupling
            // studies use: one quarter's handful of licences or loans in a region is noise, and the
            // entropy method would weight that noise heavily. Built from the published history, so
            // a restored aggregator computes the same values.
            for (int k = 0; k < ANNUAL_INPUTS.length; k++) {
                x[ANNUAL_INPUT_INDEX[k]] = zeroIfNaN(annualMean(history, out, ANNUAL_INPUTS[k], nat ? -1 : r));
            }
            for (int k = 0; k < x.length; k++) {
                if (!Double.isFinite(x[k])) {
                    x[k] = Double.NaN;
                }
            }
            inputs[r] = x;
            double[] u = calibration.indices(x);
            double cc = CouplingCoordination.coupling(u);
            double t = CouplingCoordination.development(u);
            double d = CouplingCoordination.degree(cc, t);
            double level = CouplingCoordination.CoordinationLevel.of(Math.min(1, Math.max(0, d))).ordinal() + 1;
            if (nat) {
                out.set(Indicator.U_RE, u[0]);
                out.set(Indicator.U_TI, u[1]);
                out.set(Indicator.U_MF, u[2]);
                out.set(Indicator.U_HR, u[3]);
                out.set(Indicator.COUPLING, cc);
                out.set(Indicator.DEVELOPMENT, t);
                out.set(Indicator.COORDINATION, d);
                out.set(Indicator.COORDINATION_LEVEL, level);
                double cp = CouplingCoordination.coupling(u[1], u[2]);
                out.set(Indicator.COORDINATION_TI_MF, CouplingCoordination.degree(cp, CouplingCoordination.development(u[1], u[2])));
            } else {
                out.setRegion(Indicator.U_RE, r, u[0]);
                out.setRegion(Indicator.U_TI, r, u[1]);
                out.setRegion(Indicator.U_MF, r, u[2]);
                out.setRegion(Indicator.U_HR, r, u[3]);
                out.setRegion(Indicator.COUPLING, r, cc);
                out.setRegion(Indicator.DEVELOPMENT, r, t);
                out.setRegion(Indicator.COORDINATION, r, d);
                out.setRegion(Indicator.COORDINATION_LEVEL, r, level);
            }
        }
        return inputs;
    }

    /** Mean of an indicator over this tick and the three before it (defined values only; NaN if none). */
    private static double annualMean(List<TickIndicators> history, TickIndicators now, Indicator i, int region) {
        double sum = 0;
        int n = 0;
        for (int back = 0; back < 4; back++) {
            TickIndicators t = back == 0 ? now : history.size() - back >= 0 ? history.get(history.size() - back) : null;
            if (t == null) {
                break;
            }
            double v = region < 0 ? t.get(i) : t.region(i, region);
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n > 0 ? sum / n : Double.NaN;
    }
}
