package org.ngai.factor;

import java.util.ArrayList;
import java.util.List;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.factor.FactorOwners;
import org.ngai.model.factor.FactorOwnersCodec;
import org.ngai.model.factor.FactorPhase;
import org.ngai.model.firm.FirmPhase;
import org.ngai.model.firm.FirmPopulation;
import org.ngai.model.market.MarketPhase;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.Supplies;

/**
 * Every tick of a reference run as factor-service sees it: its inputs (environment, clearing, the close with the
 * next environment), the outputs it must publish, and the owners after the tick in their checkpoint encoding.
 * Before each step of the reference session the tick's phases run once more on copies of its state (the phases
 * are deterministic, so the copies give exactly what the step computes).
 */
final class Ticks {
    record Tick(int tick, Environment env, Supplies supplies, Payloads.MarketClearing clearing, OwnerReports reports,
                byte[] ownersAfter, Environment next) {
    }

    final Scenario scenario;
    private final List<Tick> ticks;

    private Ticks(Scenario scenario, List<Tick> ticks) {
        this.scenario = scenario;
        this.ticks = ticks;
    }

    static Ticks of(Scenario s) {
        ReferenceEngine.Session session = new ReferenceEngine().start(s);
        FirmPhase firms = new FirmPhase(s);
        FactorPhase factors = new FactorPhase(s);
        MarketPhase markets = new MarketPhase(s);
        List<Tick> out = new ArrayList<>();
        while (session.tick() <= s.ticks()) {
            int t = session.tick();
            Environment env = session.environment();
            FirmPopulation pop = session.firms().copy();
            FactorOwners owners = session.owners().copy();
            List<FactorDemand> demands = firms.decide(pop, env, t).stream().map(d -> d.demand).toList();
            Supplies supplies = factors.supply(owners, env, t);
            Clearing c = markets.clear(env, t, demands, supplies);
            OwnerReports reports = factors.apply(owners, env, t, new Clearing(List.of(), c.cohortFlows(),
                    c.lenderFlows(), c.techSales(), c.ai(), c.summaries()));
            session.step();
            byte[] after = FactorOwnersCodec.write(owners);
            if (!java.util.Arrays.equals(after, FactorOwnersCodec.write(session.owners()))) {
                throw new AssertionError("the copies of tick " + t + " did not reproduce the reference session");
            }
            out.add(new Tick(t, env, supplies, new Payloads.MarketClearing(c.cohortFlows(), c.lenderFlows(),
                    c.techSales(), c.ai(), c.summaries()), reports, after, session.environment()));
        }
        return new Ticks(s, List.copyOf(out));
    }

    /** Tick {@code t} (1-based). */
    Tick tick(int t) {
        return ticks.get(t - 1);
    }

    Envelope runStarted(String runId) {
        return EventCodec.envelope(runId, EventType.RUN_STARTED, 0, 0, "firm-service",
                new Payloads.RunStarted(ScenarioLoader.toTree(scenario)));
    }

    Envelope tickStarted(String runId, int t) {
        return EventCodec.envelope(runId, EventType.TICK_STARTED, t, 0, "firm-service",
                new Payloads.TickStarted(tick(t).env()));
    }

    Envelope marketCleared(String runId, int t) {
        return EventCodec.envelope(runId, EventType.MARKET_CLEARED, t, 0, "market-service", tick(t).clearing());
    }

    Envelope tickClosed(String runId, int t) {
        return EventCodec.envelope(runId, EventType.TICK_CLOSED, t, 0, "indicator-service",
                new Payloads.TickClosed(tick(t).next()));
    }

    /** Ticks {@code from..to} in the order of the live pipeline: start, clearing, close. */
    Envelope[] ticks(String runId, int from, int to) {
        List<Envelope> out = new ArrayList<>();
        for (int t = from; t <= to; t++) {
            out.add(tickStarted(runId, t));
            out.add(marketCleared(runId, t));
            out.add(tickClosed(runId, t));
        }
        return out.toArray(new Envelope[0]);
    }
}
