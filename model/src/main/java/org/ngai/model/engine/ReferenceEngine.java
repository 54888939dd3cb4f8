package org.ngai.model.engine;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.factor.FactorOwners;
import org.ngai.model.factor.FactorPhase;
import org.ngai.model.firm.FirmDecision;
import org.ngai.model.firm.FirmPhase;
import org.ngai.model.firm.FirmPopulation;
import org.ngai.model.indicator.Aggregator;
import org.ngai.model.indicator.CouplingCalibration;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.market.MarketPhase;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.ProduceResult;
import org.ngai.model.tick.Supplies;

/**
 * The in-process reference engine: runs a whole scenario in one JVM by calling the same phase
 * functions the services call, in the order of ARCHITECTURE's tick protocol:
 * decide (firms) → supply (factor owners) → clear (markets) → produce (firms) and apply (owners)
 * → aggregate (indicators, next environment).
 */
public final class ReferenceEngine {
    /** Called after each tick (progress bars, live plots). */
    public interface Listener {
        void tickClosed(int tick, int ticks, TickIndicators indicators);
    }

    private final CouplingCalibration calibration;
    private final List<double[][]> couplingPanel = new ArrayList<>();

    public ReferenceEngine() {
        this(CouplingCalibration.shipped());
    }

    public ReferenceEngine(CouplingCalibration calibration) {
        this.calibration = calibration;
    }

    public RunResult run(Scenario scenario) {
        return run(scenario, (t, n, i) -> { });
    }

    public RunResult run(Scenario scenario, Listener listener) {
        long start = System.nanoTime();
        RunSetup.Initial init = RunSetup.create(scenario);
        FirmPopulation firms = init.population();
        FactorOwners owners = init.owners();
        Environment env = init.environment();
        FirmPhase firmPhase = new FirmPhase(scenario);
        FactorPhase factorPhase = new FactorPhase(scenario);
        MarketPhase marketPhase = new MarketPhase(scenario);
        Aggregator aggregator = new Aggregator(scenario, calibration);
        List<TickIndicators> series = new ArrayList<>(scenario.ticks());
        long firmTicks = 0;
        couplingPanel.clear();
        for (int t = 1; t <= scenario.ticks(); t++) {
            List<FirmDecision> decisions = firmPhase.decide(firms, env, t);
            List<FactorDemand> demands = new ArrayList<>(decisions.size());
            for (FirmDecision d : decisions) {
                demands.add(d.demand);
            }
            Supplies supplies = factorPhase.supply(owners, env, t);
            Clearing clearing = marketPhase.clear(env, t, demands, supplies);
            ProduceResult produced = firmPhase.produce(firms, env, t, decisions, clearing.firmMatches());
            OwnerReports reports = factorPhase.apply(owners, env, t, clearing);
            Aggregator.Result agg = aggregator.aggregate(t, env, produced, clearing, reports);
            series.add(agg.indicators());
            couplingPanel.add(agg.couplingInputs());
            firmTicks += decisions.size();
            env = agg.next();
            listener.tickClosed(t, scenario.ticks(), agg.indicators());
        }
        return new RunResult(scenario, series, firmTicks, System.nanoTime() - start);
    }

    /** Raw B5 inputs of the last run, per tick: [region 0..30, national][input] (for calibration). */
    public List<double[][]> couplingPanel() {
        return couplingPanel;
    }
}
