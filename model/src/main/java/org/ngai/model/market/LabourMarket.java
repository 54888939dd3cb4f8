package org.ngai.model.market;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.core.MarketKind;
import org.ngai.model.core.Region;
import org.ngai.model.matching.Regime;
import org.ngai.model.matching.SearchMatching;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.tick.CohortFlow;
import org.ngai.model.tick.CohortSupply;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.MarketCleared;

/**
 * Labour markets (spec §A2, B2, B3, B4): one DMP matching cell per region × skill,
 * M = μ_t·u^α·v^(1−α) with μ_t = μ_0(1+ψ_μ·S_LAB). High-skill vacancies left unfilled are visible
 * to job seekers of other regions with probability Ω (B2); that credential-based segment is where
 * the LAB signalling game applies (B3): it fails under pooling, trades under separation, and under
 * pooling-trade a share 1−ρ of remote hires fake their credentials. Wages move with tightness:
 * w' = w(1+κ_w(v/u−Θ*)).
 */
final class LabourMarket {
    private LabourMarket() {
    }

    static final class Result {
        final double[] hiresL;
        final double[] hiresH;
        final double[] remoteH;
        final double[] mismatchedH;
        final List<CohortFlow> flows = new ArrayList<>();
        final List<MarketCleared> summaries = new ArrayList<>();

        Result(int n) {
            hiresL = new double[n];
            hiresH = new double[n];
            remoteH = new double[n];
            mismatchedH = new double[n];
        }
    }

    static Result clear(Params p, Environment env, List<FactorDemand> demands, List<CohortSupply> supply,
                        GameCell[] labCells, double visibility) {
        int n = demands.size();
        int cells = Region.COUNT * 2;
        double[] vac = new double[cells];
        double[] layoffs = new double[cells];
        double[] separations = new double[cells];
        double[] released = new double[cells];
        for (FactorDemand d : demands) {
            int c = d.region() * 2;
            if (d.exiting()) {
                released[c] += d.layoffsL();
                released[c + 1] += d.layoffsH();
                continue;
            }
            vac[c] += d.vacanciesL();
            vac[c + 1] += d.vacanciesH();
            layoffs[c] += d.layoffsL();
            layoffs[c + 1] += d.layoffsH();
            separations[c] += d.separationsL();
            separations[c + 1] += d.separationsH();
        }
        double[] u = new double[cells];
        for (CohortSupply s : supply) {
            u[s.region() * 2 + s.skill()] = s.unemployed();
        }
        double alpha = p.get(Param.MATCH_ELASTICITY);
        double mu0 = p.get(Param.MATCH_EFFICIENCY);
        double psi = p.get(Param.MATCH_AI_GAIN);
        double[] local = new double[cells];
        double[] mu = new double[cells];
        for (int c = 0; c < cells; c++) {
            int r = c / 2;
            mu[c] = SearchMatching.efficiency(mu0, psi, env.screening(Environment.LAB, r));
            local[c] = SearchMatching.matches(mu[c], u[c], vac[c], alpha);
        }
        // cross-region high-skill segment (B2 visibility Ω, B3 LAB game per receiving region)
        double[] remoteIn = new double[Region.COUNT];
        double[] remoteOut = new double[Region.COUNT];
        double[] mismatchIn = new double[Region.COUNT];
        double seekers = 0;
        double visibleVac = 0;
        double muSum = 0;
        for (int r = 0; r < Region.COUNT; r++) {
            int c = r * 2 + 1;
            seekers += u[c] - local[c];
            Regime g = labCells[r].outcome().regime();
            if (g != Regime.POOLING_FAILURE) {
                visibleVac += visibility * (vac[c] - local[c]);
            }
            muSum += mu[c];
        }
        double remote = SearchMatching.matches(muSum / Region.COUNT, seekers, visibleVac, alpha);
        double rho = p.get(Param.GAME_GOOD_SHARE);
        if (remote > 0) {
            for (int r = 0; r < Region.COUNT; r++) {
                int c = r * 2 + 1;
                Regime g = labCells[r].outcome().regime();
                if (g != Regime.POOLING_FAILURE) {
                    remoteIn[r] = remote * visibility * (vac[c] - local[c]) / visibleVac;
                    if (g == Regime.POOLING_TRADE) {
                        mismatchIn[r] = remoteIn[r] * (1 - rho);
                    }
                }
                remoteOut[r] = remote * (u[c] - local[c]) / seekers;
            }
        }
        // allocate hires to firms pro rata to their vacancies, in id order
        Result res = new Result(n);
        for (int i = 0; i < n; i++) {
            FactorDemand d = demands.get(i);
            if (d.exiting()) {
                continue;
            }
            int c = d.region() * 2;
            if (vac[c] > 0) {
                res.hiresL[i] = local[c] * d.vacanciesL() / vac[c];
            }
            if (vac[c + 1] > 0) {
                double share = d.vacanciesH() / vac[c + 1];
                res.remoteH[i] = remoteIn[d.region()] * share;
                res.mismatchedH[i] = mismatchIn[d.region()] * share;
                res.hiresH[i] = local[c + 1] * share + res.remoteH[i];
            }
        }
        double kw = p.get(Param.WAGE_ADJUST);
        double cap = p.get(Param.WAGE_MAX_STEP);
        double target = p.get(Param.TARGET_TIGHTNESS);
        for (int c = 0; c < cells; c++) {
            int r = c / 2;
            int skill = c % 2;
            double wage = skill == 0 ? env.wageL()[r] : env.wageH()[r];
            double tight = u[c] > 0 ? vac[c] / u[c] : (vac[c] > 0 ? 10 : target);
            double step = Math.max(-cap, Math.min(cap, kw * (tight - target)));
            double next = wage * (1 + p.get(Param.NOMINAL_GROWTH) + step);
            double hires = local[c] + (skill == 1 ? remoteOut[r] : 0);
            res.flows.add(new CohortFlow(r, skill, u[c], vac[c], hires, skill == 1 ? remoteOut[r] : 0, layoffs[c],
                    separations[c], released[c], next));
            GameCell g = skill == 1 ? labCells[r] : null;
            double matched = local[c] + (skill == 1 ? remoteIn[r] : 0);
            double implied = SearchMatching.impliedEfficiency(local[c], u[c], vac[c], alpha);
            double goodTraded = skill == 1 ? remoteIn[r] - mismatchIn[r] : Double.NaN;
            res.summaries.add(new MarketCleared(MarketKind.LAB, r, skill, g == null ? null : g.outcome().regime(),
                    env.screening(Environment.LAB, r), g == null ? Double.NaN : g.disguiseCost(),
                    g == null ? Double.NaN : g.accuracy(), vac[c], u[c], matched, wage, tight, implied, next,
                    Double.NaN, Double.NaN, goodTraded, skill == 1 ? mismatchIn[r] : Double.NaN,
                    g == null ? Double.NaN : g.outcome().efficiency(), Double.NaN, Double.NaN));
        }
        return res;
    }
}
