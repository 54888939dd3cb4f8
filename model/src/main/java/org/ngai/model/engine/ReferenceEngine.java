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
 * functions the services call, in the order of the tick protocol of docs/pipeline.md:
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
        Session s = start(scenario);
        couplingPanel.clear();
        while (s.tick() <= scenario.ticks()) {
            TickIndicators ind = s.step();
            couplingPanel.add(s.lastCouplingInputs);
            listener.tickClosed(ind.tick(), scenario.ticks(), ind);
        }
        return new RunResult(scenario, s.series(), s.firmTicks, System.nanoTime() - start);
    }

    /** A run that advances one tick at a time; {@link Session#copy()} forks it (restart tests). */
    public Session start(Scenario scenario) {
        RunSetup.Initial init = RunSetup.create(scenario);
        Aggregator aggregator = new Aggregator(scenario, calibration);
        return new Session(scenario, init.population(), init.owners(), init.environment(), aggregator, 1, 0);
    }

    /**
     * A run resumed from saved state: the population and owners after tick {@code tick - 1}, the
     * environment of {@code tick} and the indicator history so far (checkpoints, forks).
     */
    public Session resume(Scenario scenario, int tick, Environment env, FirmPopulation firms, FactorOwners owners,
                          List<TickIndicators> history) {
        Aggregator aggregator = new Aggregator(scenario, calibration);
        aggregator.restore(history);
        return new Session(scenario, firms, owners, env, aggregator, tick, 0);
    }

    /** Raw B5 inputs of the last run, per tick: [region 0..30, national][input] (for calibration). */
    public List<double[][]> couplingPanel() {
        return couplingPanel;
    }

    /** State of a run between ticks: population, owners, the environment of the next tick, the aggregator. */
    public final class Session {
        private final Scenario scenario;
        private final FirmPopulation firms;
        private final FactorOwners owners;
        private final Aggregator aggregator;
        private final FirmPhase firmPhase;
        private final FactorPhase factorPhase;
        private final MarketPhase marketPhase;
        private Environment env;
        private int tick;
        private long firmTicks;
        private double[][] lastCouplingInputs;

        Session(Scenario scenario, FirmPopulation firms, FactorOwners owners, Environment env, Aggregator aggregator,
                int tick, long firmTicks) {
            this.scenario = scenario;
            this.firms = firms;
            this.owners = owners;
            this.env = env;
            this.aggregator = aggregator;
            this.tick = tick;
            this.firmTicks = firmTicks;
            this.firmPhase = new FirmPhase(scenario);
            this.factorPhase = new FactorPhase(scenario);
            this.marketPhase = new MarketPhase(scenario);
        }

        /** The tick that {@link #step()} will run next. */
        public int tick() {
            return tick;
        }

        public Environment environment() {
            return env;
        }

        public FirmPopulation firms() {
            return firms;
        }

        public FactorOwners owners() {
            return owners;
        }

        public List<TickIndicators> series() {
            return List.copyOf(aggregator.history());
        }

        /** Runs one tick through the five phases and returns its indicators. */
        public TickIndicators step() {
            int t = tick;
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
            lastCouplingInputs = agg.couplingInputs();
            firmTicks += decisions.size();
            env = agg.next();
            tick++;
            return agg.indicators();
        }

        /** A deep copy: continuing both must give identical results (state is all there is). */
        public Session copy() {
            Aggregator a = new Aggregator(scenario, calibration);
            a.restore(aggregator.history());
            return new Session(scenario, firms.copy(), owners.copy(), env, a, tick, firmTicks);
        }
    }
}
