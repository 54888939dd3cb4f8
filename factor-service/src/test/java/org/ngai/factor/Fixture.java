package org.ngai.factor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.model.engine.RunSetup;
import org.ngai.model.factor.FactorPhase;
import org.ngai.model.firm.FirmDecision;
import org.ngai.model.firm.FirmPhase;
import org.ngai.model.market.MarketPhase;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.Supplies;

/**
 * Realistic inputs of tick 1, computed with the model's own phase functions, and the outputs
 * factor-service must publish for them.
 */
final class Fixture {
    static final Scenario SCENARIO = Scenario.builder().name("t").firms(300).ticks(2).seed(3).build();
    static final Fixture TICK1 = new Fixture();

    final Environment env1;
    final Supplies supplies;
    final Payloads.MarketClearing clearing;
    final OwnerReports reports;

    private Fixture() {
        RunSetup.Initial init = RunSetup.create(SCENARIO);
        env1 = init.environment();
        supplies = new FactorPhase(SCENARIO).supply(RunSetup.create(SCENARIO).owners(), env1, 1);
        List<FactorDemand> demands = new FirmPhase(SCENARIO).decide(init.population(), env1, 1).stream()
                .map((FirmDecision d) -> d.demand).toList();
        Clearing c = new MarketPhase(SCENARIO).clear(env1, 1, demands, supplies);
        clearing = new Payloads.MarketClearing(c.cohortFlows(), c.lenderFlows(), c.techSales(), c.ai(), c.summaries());
        reports = new FactorPhase(SCENARIO).apply(RunSetup.create(SCENARIO).owners(), env1, 1,
                new Clearing(List.of(), c.cohortFlows(), c.lenderFlows(), c.techSales(), c.ai(), c.summaries()));
    }

    static String newRunId() {
        return "factor-test-" + UUID.randomUUID();
    }

    static Envelope runStarted(String runId) {
        return EventCodec.envelope(runId, EventType.RUN_STARTED, 0, 0, "firm-service",
                new Payloads.RunStarted(ScenarioLoader.toTree(SCENARIO)));
    }

    Envelope tickStarted(String runId) {
        return EventCodec.envelope(runId, EventType.TICK_STARTED, 1, 0, "firm-service", new Payloads.TickStarted(env1));
    }

    Envelope marketCleared(String runId) {
        return EventCodec.envelope(runId, EventType.MARKET_CLEARED, 1, 0, "market-service", clearing);
    }

    /** The same event re-emitted by another producer: a different eventId for a step already taken. */
    static Envelope reissued(Envelope e, String producer) {
        EventType type = EventType.valueOf(e.type());
        return new Envelope(EventCodec.eventId(e.runId(), type, e.tick(), producer, e.part()), e.type(), e.schemaVersion(),
                e.runId(), e.tick(), e.part(), producer, Instant.now().toString(), e.payload());
    }

    /** A copy with the same eventId (a redelivery), emitted later. */
    static Envelope redelivered(Envelope e) {
        return new Envelope(e.eventId(), e.type(), e.schemaVersion(), e.runId(), e.tick(), e.part(), e.producer(),
                Instant.now().toString(), e.payload());
    }

    static Envelope withPayload(String runId, EventType type, int tick, JsonNode payload) {
        return new Envelope(EventCodec.eventId(runId, type, tick, "test", 0), type.name(), EventType.SCHEMA_VERSION, runId,
                tick, 0, "test", Instant.now().toString(), payload);
    }
}
