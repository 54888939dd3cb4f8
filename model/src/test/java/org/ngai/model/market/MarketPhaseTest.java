package org.ngai.model.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ngai.model.core.MarketKind;
import org.ngai.model.core.Region;
import org.ngai.model.engine.RunSetup;
import org.ngai.model.matching.GameMode;
import org.ngai.model.matching.Regime;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.AiOffer;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.CohortSupply;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.LenderOffer;
import org.ngai.model.tick.MarketCleared;
import org.ngai.model.tick.Supplies;
import org.ngai.model.tick.TechOffer;

/** B2–B4 in the market phase: the signalling games decide who trades; AI screening raises matching. */
class MarketPhaseTest {
    private final Scenario scenario = Scenario.builder().firms(100).ticks(4).build();
    private final Environment env = RunSetup.create(scenario).environment();

    private static FactorDemand loan(long id, double unsecured, boolean good) {
        return new FactorDemand(id, 0, 5, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1.8, 1, unsecured, good, false, 0, false, 0);
    }

    private static FactorDemand techBuyer(long id, int sector) {
        return new FactorDemand(id, 0, sector, 2, 0, 0, 0, 0, 0, 0, 0, 1, 1.8, 0, 0, true, true, 0.1, false, 0);
    }

    private Supplies supplies(double screening, List<TechOffer> offers) {
        List<CohortSupply> cohorts = new ArrayList<>();
        for (int r = 0; r < Region.COUNT; r++) {
            cohorts.add(new CohortSupply(r, 0, 100));
            cohorts.add(new CohortSupply(r, 1, 100));
        }
        double[] s = new double[Environment.GAME_MARKETS * Region.COUNT];
        java.util.Arrays.fill(s, screening);
        return new Supplies(cohorts, List.of(new LenderOffer(0, 0, 1e9, true)), offers, new AiOffer(1e9, 1, 0.5), s);
    }

    private static MarketCleared cell(Clearing c, MarketKind m, int region) {
        return c.summaries().stream().filter(x -> x.market() == m && x.region() == region && (m != MarketKind.LAB || x.skill() == 1))
                .findFirst().orElseThrow();
    }

    @Test
    void poolingFinanceMarketRefusesAllCashFlowCredit() {
        // C = C_0 + κ_C·S = 0.5 < P = 1: pooling, lenders believe every applicant is bad (paper §4.3)
        Clearing c = new MarketPhase(scenario).clear(env, 1, List.of(loan(1, 5, true), loan(2, 5, false)), supplies(0, List.of()));
        assertThat(cell(c, MarketKind.FIN, 0).regime()).isEqualTo(Regime.POOLING_FAILURE);
        assertThat(c.firmMatches()).allMatch(m -> m.loanUnsecured() == 0);
    }

    @Test
    void separatingFinanceMarketFundsGoodProjectsOnly() {
        // S = 0.9: C = 0.5 + 1.0·0.9 = 1.4 > P: separation, bad owners do not apply (P − C < 0)
        Clearing c = new MarketPhase(scenario).clear(env, 1, List.of(loan(1, 5, true), loan(2, 5, false)), supplies(0.9, List.of()));
        assertThat(cell(c, MarketKind.FIN, 0).regime()).isEqualTo(Regime.SEPARATING);
        assertThat(c.firmMatches()).extracting(FirmMatch::firmId).containsExactly(1L);
        assertThat(c.firmMatches().get(0).loanUnsecured()).isEqualTo(5);
    }

    @Test
    void generalModePoolingTradeFundsSomeBadProjects() {
        Scenario general = scenario.toBuilder().gameMode(GameMode.GENERAL).set(Param.SOFT_BUDGET, 0.5).build();
        List<FactorDemand> demands = new ArrayList<>();
        for (long i = 0; i < 400; i++) {
            demands.add(loan(i, 1, i % 2 == 0));
        }
        Clearing c = new MarketPhase(general).clear(env, 1, demands, supplies(0, List.of()));
        MarketCleared fin = cell(c, MarketKind.FIN, 0);
        assertThat(fin.regime()).isEqualTo(Regime.POOLING_TRADE);
        assertThat(fin.badTraded()).isGreaterThan(0);
        assertThat(fin.goodTraded()).isGreaterThan(fin.badTraded());
    }

    @Test
    void technologyTradesOnlyWhenTheMarketSeparatesAndThenOnlyGoodResults() {
        List<TechOffer> offers = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            offers.add(new TechOffer(k, 0, 5, k % 2 == 0));
        }
        List<FactorDemand> buyers = new ArrayList<>();
        for (long i = 0; i < 30; i++) {
            buyers.add(techBuyer(i, 5));
        }
        // the paper's game with homogeneous results (no spread of disguise costs): C < P no trade, C > P all good
        Scenario paper = scenario.toBuilder().set(org.ngai.model.scenario.Param.TECH_VERIFIABILITY, 0).build();
        Clearing pooled = new MarketPhase(paper).clear(env, 1, buyers, supplies(0.1, offers));
        assertThat(pooled.techSales()).isEmpty();
        Clearing separated = new MarketPhase(paper).clear(env, 1, buyers, supplies(0.9, offers));
        assertThat(separated.techSales()).hasSize(10).allMatch(t -> t.good());
        assertThat(cell(separated, MarketKind.TECH, 0).efficiency()).isEqualTo(1.0);
    }

    @Test
    void withResultsOfDifferentVerifiabilityMoreScreeningSeparatesMoreResultsAndOnlyGoodOnesTrade() {
        // each result plays its own game with C_j = C_0 ± spread + κ_C·S: the easily verified ones separate
        // even at low screening, and the traded share rises with screening; in PAPER mode a bad result never trades
        List<TechOffer> offers = new ArrayList<>();
        for (int k = 0; k < 400; k++) {
            offers.add(new TechOffer(k, 0, 5, k % 2 == 0));
        }
        List<FactorDemand> buyers = new ArrayList<>();
        for (long i = 0; i < 600; i++) {
            buyers.add(techBuyer(i, 5));
        }
        int previous = -1;
        for (double screening : new double[] {0.0, 0.3, 0.6, 0.9}) {
            Clearing c = new MarketPhase(scenario).clear(env, 1, buyers, supplies(screening, offers));
            assertThat(c.techSales()).allMatch(t -> t.good());
            assertThat(c.techSales().size()).as("trades at S = %s", screening).isGreaterThan(previous);
            previous = c.techSales().size();
        }
        assertThat(previous).isLessThanOrEqualTo(200);
    }

    @Test
    void aiScreeningRaisesHiresAndLowersUnemploymentOtherThingsEqual() {
        // B4: μ_t = μ_0(1+ψ_μ·S_LAB); same vacancies and job seekers, more matches with more AI screening
        List<FactorDemand> firms = new ArrayList<>();
        for (long i = 0; i < 50; i++) {
            firms.add(new FactorDemand(i, (int) (i % Region.COUNT), 3, 1, 20, 5, 0, 0, 0, 0, 0, 1, 1.8, 0, 0, true, false, 0, false, 0));
        }
        double[] hires = new double[2];
        for (int k = 0; k < 2; k++) {
            double s = k == 0 ? 0.0 : 0.9;
            double[] scr = new double[Environment.GAME_MARKETS * Region.COUNT];
            java.util.Arrays.fill(scr, s);
            Environment e = new Environment(1, env.ai(), env.wageL(), env.wageH(), scr, env.regimes(), env.adopterShare(),
                    env.aiRevenueShare(), s, env.visibility(), 1);
            Clearing c = new MarketPhase(scenario).clear(e, 1, firms, supplies(s, List.of()));
            hires[k] = c.firmMatches().stream().mapToDouble(m -> m.hiresL() + m.hiresH()).sum();
        }
        assertThat(hires[1]).isGreaterThan(hires[0]);
    }

    @Test
    void computeShortfallRationsBuyersProRataAndRaisesThePrice() {
        List<FactorDemand> d = List.of(
                new FactorDemand(1, 0, 3, 3, 0, 0, 0, 0, 0, 0, 30, 1, 1.8, 0, 0, true, false, 0, false, 0),
                new FactorDemand(2, 0, 3, 3, 0, 0, 0, 0, 0, 0, 10, 1, 1.8, 0, 0, true, false, 0, false, 0));
        Supplies s = new Supplies(List.of(), List.of(), List.of(), new AiOffer(20, 1, 0.5),
                new double[Environment.GAME_MARKETS * Region.COUNT]);
        Clearing c = new MarketPhase(scenario).clear(env, 1, d, s);
        assertThat(c.ai().shortfall()).isEqualTo(0.5);
        assertThat(c.firmMatches()).extracting(FirmMatch::aiUnits).containsExactly(15.0, 5.0);
        assertThat(c.ai().price()).isGreaterThan(1);
    }
}
