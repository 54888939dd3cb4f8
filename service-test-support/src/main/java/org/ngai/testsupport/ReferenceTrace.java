package org.ngai.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.factor.FactorOwners;
import org.ngai.model.factor.FactorPhase;
import org.ngai.model.firm.FirmDecision;
import org.ngai.model.firm.FirmPhase;
import org.ngai.model.firm.FirmPopulation;
import org.ngai.model.market.MarketPhase;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.AdoptionIntent;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.FirmReport;
import org.ngai.model.tick.ProduceResult;
import org.ngai.model.tick.Supplies;

/**
 * Every firm's decision, demand, match and report at every tick of a reference run, for checking what the audit
 * reads from the log (docs/pipeline.md "Audit"). The reference engine's session runs the scenario; before each of
 * its steps the tick's phases run once more on copies of the session's population and owners. The phases are
 * deterministic functions of their inputs, so the copies give exactly what the step computes. Keeps everything:
 * for small runs.
 */
public final class ReferenceTrace {

    /** One tick of the reference run: the environment every firm saw and what each firm did with it. */
    public record Tick(int tick, Environment environment, List<FirmDecision> decisions, Clearing clearing,
                       ProduceResult produced) {

        public Optional<AdoptionIntent> decision(long firmId) {
            return decisions.stream().filter(d -> d.firmId == firmId && d.intent != null).map(d -> d.intent).findFirst();
        }

        public Optional<FactorDemand> demand(long firmId) {
            return decisions.stream().filter(d -> d.firmId == firmId).map(d -> d.demand).findFirst();
        }

        public Optional<FirmMatch> match(long firmId) {
            return clearing.firmMatches().stream().filter(m -> m.firmId() == firmId).findFirst();
        }

        public Optional<FirmReport> report(long firmId) {
            return produced.reports().stream().filter(r -> r.firmId() == firmId).findFirst();
        }

        /** Firms with an upgrade decision at this tick. */
        public List<Long> deciders() {
            return decisions.stream().filter(d -> d.intent != null).map(d -> d.firmId).toList();
        }
    }

    private final Scenario scenario;
    private final List<Tick> ticks;

    private ReferenceTrace(Scenario scenario, List<Tick> ticks) {
        this.scenario = scenario;
        this.ticks = ticks;
    }

    /** Runs {@code scenario} in the reference engine and records every tick. */
    public static ReferenceTrace of(Scenario scenario) {
        ReferenceEngine.Session s = new ReferenceEngine().start(scenario);
        FirmPhase firms = new FirmPhase(scenario);
        FactorPhase factors = new FactorPhase(scenario);
        MarketPhase markets = new MarketPhase(scenario);
        List<Tick> out = new ArrayList<>();
        while (s.tick() <= scenario.ticks()) {
            int t = s.tick();
            Environment env = s.environment();
            FirmPopulation pop = s.firms().copy();
            FactorOwners owners = s.owners().copy();
            List<FirmDecision> decisions = firms.decide(pop, env, t);
            List<FactorDemand> demands = decisions.stream().map(d -> d.demand).toList();
            Supplies supplies = factors.supply(owners, env, t);
            Clearing clearing = markets.clear(env, t, demands, supplies);
            ProduceResult produced = firms.produce(pop, env, t, decisions, clearing.firmMatches());
            out.add(new Tick(t, env, List.copyOf(decisions), clearing, produced));
            s.step();
        }
        return new ReferenceTrace(scenario, List.copyOf(out));
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Tick {@code t} (1-based). */
    public Tick tick(int t) {
        return ticks.get(t - 1);
    }

    public List<Tick> ticks() {
        return ticks;
    }
}
