package org.ngai.indicator;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.engine.RunSetup;
import org.ngai.model.factor.FactorOwners;
import org.ngai.model.factor.FactorPhase;
import org.ngai.model.firm.FirmDecision;
import org.ngai.model.firm.FirmPhase;
import org.ngai.model.firm.FirmPopulation;
import org.ngai.model.indicator.Aggregator;
import org.ngai.model.market.MarketPhase;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.ProduceResult;
import org.ngai.model.tick.Supplies;

/**
 * Real inputs of two ticks, made by the model's own phases in ReferenceEngine.Session.step's order, and
 * what the aggregator makes of them (the expected outputs of indicator-service).
 */
final class Fixture {
    static final Scenario SCENARIO = Scenario.builder().name("t").firms(300).ticks(2).seed(3).build();
    static final List<Tick> TICKS = compute(SCENARIO);

    /** The inputs of one tick and the expected aggregation. */
    record Tick(int t, Environment env, ProduceResult produced, Clearing clearing, OwnerReports owners,
                Aggregator.Result expected) {
    }

    private Fixture() {
    }

    static Tick tick(int t) {
        return TICKS.get(t - 1);
    }

    /** Every tick of scenario {@code s}, in order. */
    static List<Tick> compute(Scenario s) {
        RunSetup.Initial init = RunSetup.create(s);
        FirmPopulation pop = init.population();
        FactorOwners owners = init.owners();
        Environment env = init.environment();
        FirmPhase fp = new FirmPhase(s);
        FactorPhase fa = new FactorPhase(s);
        MarketPhase mp = new MarketPhase(s);
        Aggregator aggregator = new Aggregator(s);
        List<Tick> out = new ArrayList<>();
        for (int t = 1; t <= s.ticks(); t++) {
            List<FirmDecision> decisions = fp.decide(pop, env, t);
            List<FactorDemand> demands = new ArrayList<>();
            for (FirmDecision d : decisions) {
                demands.add(d.demand);
            }
            Supplies supplies = fa.supply(owners, env, t);
            Clearing clearing = mp.clear(env, t, demands, supplies);
            ProduceResult produced = fp.produce(pop, env, t, decisions, clearing.firmMatches());
            OwnerReports reports = fa.apply(owners, env, t, clearing);
            Aggregator.Result expected = aggregator.aggregate(t, env, produced, clearing, reports);
            out.add(new Tick(t, env, produced, clearing, reports, expected));
            env = expected.next();
        }
        return out;
    }
}
