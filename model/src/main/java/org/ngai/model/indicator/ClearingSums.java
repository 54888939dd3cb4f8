package org.ngai.model.indicator;

import java.util.Arrays;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.matching.Regime;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.CohortReport;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.MarketCleared;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.TechSale;

/**
 * One pass over what the markets and the worker cohorts reported this tick: the cohorts' stocks
 * (unemployed, in training), the market summaries of the labour, finance and technology games
 * (B2-B4) and the technology licences traded. Read by the labour, market and coordination groups
 * and by the next environment (the regimes).
 */
final class ClearingSums {
    private static final int R = Region.COUNT;

    // ---- worker cohorts (A2)
    /** Unemployed by region × skill: region × 2 + skill. */
    final double[] unemployed = new double[R * 2];
    /** Low-skill workers in training and training completions this tick. */
    final double[] training = new double[R];
    final double[] trainingCompletions = new double[R];

    // ---- labour market (B4): vacancies, job seekers, matches
    double vacancies;
    double seekers;
    double matches;
    final double[] vacanciesR = new double[R];
    final double[] seekersR = new double[R];
    final double[] matchesR = new double[R];
    /** High-skill remote hires: efficiency weighted by vacancies (B3). */
    double labEfficiencyW;
    double labEfficiencyN;

    // ---- the three signalling games (B3): regime per market × region, Environment.cell order
    final Regime[] regimes = new Regime[Environment.GAME_MARKETS * R];
    /** Cells in a separating equilibrium: LAB, FIN, TECH. */
    final int[] separating = new int[3];

    // ---- finance (A6.5, B3)
    double creditRequested;
    double creditGranted;
    double goodLoans;
    double badLoans;
    /** Credit granted per region (NaN where the region reported no finance market). */
    final double[] creditGrantedR = new double[R];
    final double[] approvalR = new double[R];
    final double[] finEfficiencyR = new double[R];
    /** Good projects funded, and good projects seeking cash-flow credit (funded / efficiency). */
    double goodFunded;
    double goodTotal;

    // ---- technology (B3, B4)
    double techEfficiency = Double.NaN;
    double daEfficiency = Double.NaN;
    double blockingRate = Double.NaN;
    final double[] techEfficiencyR = new double[R];
    /** Licences bought per buyer region, and by buyer sector class (primary, secondary, tertiary). */
    final double[] tradesR = new double[R];
    final double[] tradesByClass = new double[3];
    int trades;

    private ClearingSums() {
        Arrays.fill(creditGrantedR, Double.NaN);
    }

    static ClearingSums of(Clearing clearing, OwnerReports owners) {
        ClearingSums s = new ClearingSums();
        for (CohortReport c : owners.cohorts()) {
            s.unemployed[c.region() * 2 + c.skill()] = c.unemployed();
            if (c.skill() == 0) {
                s.training[c.region()] = c.training();
                s.trainingCompletions[c.region()] = c.trainingCompletions();
            }
        }
        for (MarketCleared m : clearing.summaries()) {
            switch (m.market()) {
                case LAB -> s.addLabour(m);
                case FIN -> s.addFinance(m);
                case TECH -> s.addTechnology(m);
                default -> {
                }
            }
        }
        for (TechSale t : clearing.techSales()) {
            s.tradesR[t.buyerRegion()]++;
            s.tradesByClass[Sector.of(t.buyerSector()).sectorClass.ordinal()]++;
        }
        s.trades = clearing.techSales().size();
        return s;
    }

    private void addLabour(MarketCleared m) {
        vacancies += m.demand();
        seekers += m.supply();
        matches += m.matched();
        vacanciesR[m.region()] += m.demand();
        seekersR[m.region()] += m.supply();
        matchesR[m.region()] += m.matched();
        if (m.skill() == 1) {
            regimes[Environment.cell(Environment.LAB, m.region())] = m.regime();
            if (m.regime() == Regime.SEPARATING) {
                separating[0]++;
            }
            labEfficiencyW += m.efficiency() * m.demand();
            labEfficiencyN += m.demand();
        }
    }

    private void addFinance(MarketCleared m) {
        if (m.region() < 0) {
            creditRequested = m.demand();
            creditGranted = m.matched();
            goodLoans = m.goodTraded();
            badLoans = m.badTraded();
            return;
        }
        regimes[Environment.cell(Environment.FIN, m.region())] = m.regime();
        creditGrantedR[m.region()] = m.matched();
        approvalR[m.region()] = IndicatorMath.ratio(m.matched(), m.demand());
        finEfficiencyR[m.region()] = m.efficiency();
        if (m.regime() == Regime.SEPARATING) {
            separating[1]++;
        }
        if (Double.isFinite(m.efficiency())) {
            goodFunded += m.goodTraded();
            goodTotal += m.goodTraded() / Math.max(m.efficiency(), 1e-12);
        }
    }

    private void addTechnology(MarketCleared m) {
        if (m.region() < 0) {
            techEfficiency = m.efficiency();
            daEfficiency = m.daEfficiency();
            blockingRate = m.blockingRate();
            return;
        }
        regimes[Environment.cell(Environment.TECH, m.region())] = m.regime();
        techEfficiencyR[m.region()] = m.efficiency();
        if (m.regime() == Regime.SEPARATING) {
            separating[2]++;
        }
    }
}
