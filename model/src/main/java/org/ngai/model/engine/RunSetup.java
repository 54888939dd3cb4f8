package org.ngai.model.engine;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.core.Region;
import org.ngai.model.core.Rng;
import org.ngai.model.factor.AiMarket;
import org.ngai.model.factor.FactorOwners;
import org.ngai.model.factor.Lender;
import org.ngai.model.factor.Vendor;
import org.ngai.model.firm.FirmEconomics;
import org.ngai.model.firm.FirmPopulation;
import org.ngai.model.firm.FirmState;
import org.ngai.model.indicator.Aggregator;
import org.ngai.model.market.MarketPhase;
import org.ngai.model.matching.Regime;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.AiMarketState;
import org.ngai.model.tick.Environment;

/**
 * The t0 state of a run, a pure function of the scenario: the firm population, the factor owners
 * and the environment that opens tick 1. Every service derives its own part from this same
 * function, so they start from identical states without exchanging them.
 */
public final class RunSetup {
    private RunSetup() {
    }

    /** The t0 state. */
    public record Initial(Environment environment, FirmPopulation population, FactorOwners owners) {
    }

    public static Initial create(Scenario scenario) {
        Params p = scenario.params();
        int R = Region.COUNT;
        AiMarketState pre0 = AiMarket.initial(p, scenario.firms(), 0);
        double premium = p.get(Param.INITIAL_SKILL_PREMIUM);
        double[] wageL = new double[R];
        double[] wageH = new double[R];
        for (Region r : Region.ALL) {
            wageL[r.index()] = r.wageIndex();
            wageH[r.index()] = r.wageIndex() * premium;
        }
        double[] adopter = new double[R * org.ngai.model.core.Sector.COUNT * 4];
        Regime[] placeholder = new Regime[Environment.GAME_MARKETS * R];
        java.util.Arrays.fill(placeholder, Regime.POOLING_FAILURE);
        double[] zeros = new double[Environment.GAME_MARKETS * R];
        Environment pre = new Environment(0, pre0, wageL, wageH, zeros, placeholder, adopter,
                Region.initialVendorShares(), 0, p.get(Param.VISIBILITY_BASE), 1);
        FirmPopulation population = FirmPopulation.generate(scenario, pre);
        AiMarketState ai = AiMarket.initial(p, scenario.firms(), population.initialAiDemand());
        FactorOwners owners = owners(scenario, population, ai);
        double[] share = new double[Environment.GAME_MARKETS * R];
        for (int m = 0; m < Environment.GAME_MARKETS; m++) {
            for (int r = 0; r < R; r++) {
                share[Environment.cell(m, r)] = owners.intermediaryShare(m, r);
            }
        }
        double[] screening = new double[share.length];
        for (int i = 0; i < share.length; i++) {
            screening[i] = share[i] * ai.quality();
        }
        Regime[] regimes = MarketPhase.regimes(scenario, 0, screening, share);
        double[] intensity = Region.initialVendorShares();
        double gdp = 0;
        for (Region r : Region.ALL) {
            gdp += r.gdpWeight();
        }
        for (Region r : Region.ALL) {
            intensity[r.index()] = Math.min(3, intensity[r.index()] / (r.gdpWeight() / gdp));
        }
        Environment env = Aggregator.environment(scenario, 1, ai, wageL, wageH, share, regimes, pre.adopterShare(),
                intensity, 1);
        return new Initial(env, population, owners);
    }

    private static FactorOwners owners(Scenario scenario, FirmPopulation population, AiMarketState ai) {
        Params p = scenario.params();
        int R = Region.COUNT;
        double[] employed = new double[R * 2];
        for (FirmState f : population.firms()) {
            employed[f.region * 2] += f.employedL;
            employed[f.region * 2 + 1] += f.employedH;
        }
        double u0 = p.get(Param.INITIAL_UNEMPLOYMENT);
        double[] unemployed = new double[R * 2];
        int phases = org.ngai.model.factor.FactorOwners.TRAINING_PHASES;
        double[] training = new double[R * phases];
        for (int i = 0; i < R * 2; i++) {
            unemployed[i] = employed[i] * u0 / (1 - u0);
        }
        for (int r = 0; r < R; r++) {
            // steady state of the Erlang pipeline: every phase holds the same stock
            double stock = p.get(Param.TRAIN_BASE) * unemployed[r * 2] * p.get(Param.TRAIN_DURATION);
            for (int k = 0; k < phases; k++) {
                training[r * phases + k] = stock / phases;
            }
        }
        double expenditure0 = 0;
        for (double e : population.sectorExpenditure0()) {
            expenditure0 += e;
        }
        int nl = p.getInt(Param.LENDERS);
        double capital0 = p.get(Param.LENDER_CAPACITY) * expenditure0 * 10;
        List<Lender> lenders = new ArrayList<>(nl);
        double[] cumGdp = Region.cumulativeGdp();
        for (int i = 0; i < nl; i++) {
            Rng rng = Rng.of(scenario.seed(), Rng.Stream.LENDERS, i, 0);
            lenders.add(new Lender(i, rng.pick(cumGdp), capital0 / nl, rng.bernoulli(p.get(Param.INTERMEDIARY_SHARE0))));
        }
        List<Vendor> vendors = initialVendors(scenario, p);
        double[] share = new double[Environment.GAME_MARKETS * R];
        int adopted = 0;
        for (Lender l : lenders) {
            if (l.aiAdopted) {
                adopted++;
            }
        }
        for (int r = 0; r < R; r++) {
            double infra = FirmEconomics.infra(p, r);
            double s0 = Math.min(1, p.get(Param.INTERMEDIARY_SHARE0) * (0.5 + infra));
            share[Environment.cell(Environment.LAB, r)] = s0;
            share[Environment.cell(Environment.TECH, r)] = s0;
            share[Environment.cell(Environment.FIN, r)] = Math.min(1, (double) adopted / nl * (0.6 + 0.4 * infra));
        }
        return new FactorOwners(unemployed, training, lenders, vendors, share, expenditure0, capital0,
                scenario.firms(), vendors.size(), ai);
    }

    /** Initial vendors by region (largest remainder on the 2021-report shares) and layer (2019 shares). */
    private static List<Vendor> initialVendors(Scenario scenario, Params p) {
        int n = p.getInt(Param.VENDORS0);
        double[] shares = Region.initialVendorShares();
        int[] counts = new int[shares.length];
        double[] rem = new double[shares.length];
        int assigned = 0;
        for (int r = 0; r < shares.length; r++) {
            double exact = shares[r] * n;
            counts[r] = (int) Math.floor(exact);
            rem[r] = exact - counts[r];
            assigned += counts[r];
        }
        while (assigned < n) {
            int best = 0;
            for (int r = 1; r < rem.length; r++) {
                if (rem[r] > rem[best]) {
                    best = r;
                }
            }
            counts[best]++;
            rem[best] = -1;
            assigned++;
        }
        List<Vendor> out = new ArrayList<>(n);
        long id = 0;
        double base = p.get(Param.LAYER_BASE0);
        double tech = p.get(Param.LAYER_TECH0);
        for (int r = 0; r < counts.length; r++) {
            for (int k = 0; k < counts[r]; k++) {
                Rng rng = Rng.of(scenario.seed(), Rng.Stream.VENDORS, id, 0);
                double u = rng.nextDouble();
                int layer = u < base ? Vendor.BASE : u < base + tech ? Vendor.TECH : Vendor.APP;
                out.add(new Vendor(id++, r, layer, 0));
            }
        }
        return out;
    }

}
