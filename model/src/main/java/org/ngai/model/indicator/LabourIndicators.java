package org.ngai.model.indicator;

import static org.ngai.model.indicator.IndicatorMath.ratio;
import static org.ngai.model.indicator.IndicatorMath.sum;

import org.ngai.model.core.Num;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.tick.Environment;

/**
 * Indicator group "labour and human capital" (A2, B4): skill composition, premium, unemployment,
 * training, skill mismatch, task displacement and reinstatement, factor shares, and the labour
 * market's matching (tightness, implied matching efficiency, job finding).
 */
final class LabourIndicators {
    private LabourIndicators() {
    }

    static void write(FirmSums f, ClearingSums c, Environment env, Params p, TickIndicators out) {
        int R = Region.COUNT;
        double[] empR = f.region.employment;
        double[] wageL = env.wageL();
        double[] wageH = env.wageH();
        double uL = 0;
        double uH = 0;
        double eL = 0;
        double eH = 0;
        double train = 0;
        double completions = 0;
        double premium = 0;
        double wageLow = 0;
        double[] gW = new double[R * 2];
        double[] gN = new double[R * 2];
        for (int r = 0; r < R; r++) {
            double ul = c.unemployed[r * 2];
            double uh = c.unemployed[r * 2 + 1];
            double trainR = c.training[r];
            double completionsR = c.trainingCompletions[r];
            uL += ul;
            uH += uh;
            eL += f.employedL[r];
            eH += f.employedH[r];
            train += trainR;
            completions += completionsR;
            double lf = empR[r] + ul + uh + trainR;
            out.setRegion(Indicator.HIGH_SKILL_SHARE, r, ratio(f.employedH[r] + uh, lf));
            out.setRegion(Indicator.SKILL_PREMIUM, r, wageH[r] / wageL[r]);
            out.setRegion(Indicator.UNEMPLOYMENT, r, ratio(ul + uh, empR[r] + ul + uh));
            out.setRegion(Indicator.UNEMPLOYMENT_LOW, r, ratio(ul, f.employedL[r] + ul));
            out.setRegion(Indicator.UNEMPLOYMENT_HIGH, r, ratio(uh, f.employedH[r] + uh));
            out.setRegion(Indicator.WAGE_LOW, r, wageL[r]);
            out.setRegion(Indicator.TRAINING, r, ratio(trainR, lf));
            out.setRegion(Indicator.TRAINING_COMPLETIONS, r, ratio(completionsR, trainR + completionsR));
            out.setRegion(Indicator.SKILL_MISMATCH, r, skillMismatch(f.vacanciesH[r], f.hiresH[r], f.mismatchedH[r]));
            premium += empR[r] * wageH[r] / wageL[r];
            wageLow += empR[r] * wageL[r];
            gW[r * 2] = wageL[r];
            gW[r * 2 + 1] = wageH[r];
            gN[r * 2] = f.employedL[r];
            gN[r * 2 + 1] = f.employedH[r];
        }
        double emp = f.employment;
        double lf = emp + uL + uH + train;
        out.set(Indicator.HIGH_SKILL_SHARE, ratio(eH + uH, lf));
        out.set(Indicator.SKILL_PREMIUM, ratio(premium, emp));
        out.set(Indicator.WAGE_LOW, ratio(wageLow, emp));
        out.set(Indicator.UNEMPLOYMENT, ratio(uL + uH, emp + uL + uH));
        out.set(Indicator.UNEMPLOYMENT_LOW, ratio(uL, eL + uL));
        out.set(Indicator.UNEMPLOYMENT_HIGH, ratio(uH, eH + uH));
        out.set(Indicator.WAGE_GINI, sum(gN) > 0 ? Inequality.gini(gW, gN) : Double.NaN);
        out.set(Indicator.TRAINING, ratio(train, lf));
        out.set(Indicator.TRAINING_COMPLETIONS, ratio(completions, train + completions));
        out.set(Indicator.SKILL_MISMATCH, skillMismatch(sum(f.vacanciesH), sum(f.hiresH), sum(f.mismatchedH)));
        shares(f, out);
        matching(c, p.get(Param.MATCH_ELASTICITY), out);
    }

    /** Labour share of value added, of variable cost (AR 2019), and task displacement / reinstatement (A2). */
    private static void shares(FirmSums f, TickIndicators out) {
        FirmSums.Cells sec = f.sector;
        for (int r = 0; r < Region.COUNT; r++) {
            out.setRegion(Indicator.LABOUR_SHARE, r, ratio(f.region.wageBill[r], f.region.valueAdded[r]));
        }
        for (int s = 0; s < Sector.COUNT; s++) {
            out.setSector(Indicator.LABOUR_SHARE, s, ratio(sec.wageBill[s], sec.valueAdded[s]));
            out.setSector(Indicator.DISPLACEMENT, s, ratio(f.displacedWageBill[s], sec.wageBill[s]));
            out.setSector(Indicator.REINSTATEMENT, s, ratio(f.reinstatedWageBill[s], sec.wageBill[s]));
            out.setSector(Indicator.LABOUR_COST_SHARE, s, ratio(sec.wageBill[s], f.variableCost[s]));
        }
        out.set(Indicator.DISPLACEMENT, ratio(sum(f.displacedWageBill), sum(sec.wageBill)));
        out.set(Indicator.REINSTATEMENT, ratio(sum(f.reinstatedWageBill), sum(sec.wageBill)));
        out.set(Indicator.LABOUR_SHARE, ratio(sum(sec.wageBill), sum(sec.valueAdded)));
        out.set(Indicator.LABOUR_COST_SHARE, ratio(sum(sec.wageBill), sum(f.variableCost)));
    }

    /** Labour-market matching (B4): Θ = v/u, implied μ̂ = M/(u^α v^(1−α)) (Beveridge shift), f = M/u. */
    private static void matching(ClearingSums c, double alpha, TickIndicators out) {
        out.set(Indicator.TIGHTNESS, ratio(c.vacancies, c.seekers));
        out.set(Indicator.MATCH_EFFICIENCY, c.seekers > 0 && c.vacancies > 0
                ? c.matches / (Num.pow(c.seekers, alpha) * Num.pow(c.vacancies, 1 - alpha)) : Double.NaN);
        out.set(Indicator.FILL_RATE, ratio(c.matches, c.seekers));
        for (int r = 0; r < Region.COUNT; r++) {
            double v = c.vacanciesR[r];
            double u = c.seekersR[r];
            out.setRegion(Indicator.TIGHTNESS, r, ratio(v, u));
            out.setRegion(Indicator.MATCH_EFFICIENCY, r, u > 0 && v > 0
                    ? c.matchesR[r] / (Num.pow(u, alpha) * Num.pow(v, 1 - alpha)) : Double.NaN);
            out.setRegion(Indicator.FILL_RATE, r, ratio(c.matchesR[r], u));
        }
    }

    /**
     * Skill mismatch: the share of high-skill vacancies not filled by a genuinely skilled worker, i.e.
     * left open (skills shortage) or filled with faked credentials (pooling trade in the LAB game). NaN
     * without high-skill vacancies.
     */
    static double skillMismatch(double vacancies, double hires, double faked) {
        if (!(vacancies > 0)) {
            return Double.NaN;
        }
        double genuine = Math.max(0, hires - faked);
        return Math.min(1, Math.max(0, vacancies - genuine) / vacancies);
    }
}
