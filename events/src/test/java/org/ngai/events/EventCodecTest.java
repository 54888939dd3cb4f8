package org.ngai.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.model.engine.RunSetup;
import org.ngai.model.factor.FactorOwners;
import org.ngai.model.factor.FactorPhase;
import org.ngai.model.firm.FirmDecision;
import org.ngai.model.firm.FirmPhase;
import org.ngai.model.firm.FirmPopulation;
import org.ngai.model.indicator.Aggregator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.market.MarketPhase;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.AdoptionIntent;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.FirmReport;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.ProduceResult;
import org.ngai.model.tick.Supplies;

/** The wire format must carry every phase's output bit for bit (pipeline = reference engine). */
class EventCodecTest {
    static Scenario scenario = Scenario.builder().name("codec").firms(400).ticks(3).seed(5).build();
    static Environment env;
    static List<FactorDemand> demands = new ArrayList<>();
    static List<AdoptionIntent> intents = new ArrayList<>();
    static Supplies supplies;
    static Clearing clearing;
    static ProduceResult produced;
    static OwnerReports owners;
    static Aggregator.Result aggregated;

    @BeforeAll
    static void oneTick() {
        RunSetup.Initial init = RunSetup.create(scenario);
        FirmPopulation pop = init.population();
        FactorOwners fo = init.owners();
        env = init.environment();
        FirmPhase fp = new FirmPhase(scenario);
        List<FirmDecision> ds = fp.decide(pop, env, 1);
        for (FirmDecision d : ds) {
            demands.add(d.demand);
            if (d.intent != null) {
                intents.add(d.intent);
            }
        }
        supplies = new FactorPhase(scenario).supply(fo, env, 1);
        clearing = new MarketPhase(scenario).clear(env, 1, demands, supplies);
        produced = fp.produce(pop, env, 1, ds, clearing.firmMatches());
        owners = new FactorPhase(scenario).apply(fo, env, 1, clearing);
        aggregated = new Aggregator(scenario).aggregate(1, env, produced, clearing, owners);
    }

    private static <T> T roundTrip(EventType type, Object payload, Class<T> cls) {
        Envelope e = EventCodec.envelope("run-1", type, 1, 0, "test", payload);
        Envelope back = EventCodec.fromBytes(EventCodec.toBytes(e));
        assertThat(back.eventId()).isEqualTo(e.eventId());
        return EventCodec.payload(back, cls);
    }

    @Test
    void perFirmRecordsSurviveTheBinaryBatchesBitForBit() {
        RecordBatch d = roundTrip(EventType.FACTOR_DEMANDS, RecordBatch.of(FactorDemand.class, 0, demands), RecordBatch.class);
        assertThat(d.records(FactorDemand.class)).isEqualTo(demands);
        RecordBatch m = roundTrip(EventType.FACTOR_MATCHED, RecordBatch.of(FirmMatch.class, 0, clearing.firmMatches()), RecordBatch.class);
        assertThat(m.records(FirmMatch.class)).isEqualTo(clearing.firmMatches());
        RecordBatch r = roundTrip(EventType.FIRM_REPORTS, RecordBatch.of(FirmReport.class, 0, produced.reports()), RecordBatch.class);
        assertThat(r.records(FirmReport.class)).isEqualTo(produced.reports());
    }

    @Test
    void chunksTravelAsFramesWithRawBytesAndPlainJsonChunksStillDecode() throws Exception {
        RecordBatch batch = RecordBatch.of(FirmReport.class, 2, produced.reports());
        Envelope e = EventCodec.envelope("run-1", EventType.FIRM_REPORTS, 1, 2, "test", batch);
        byte[] framed = EventCodec.toBytes(e);
        byte[] json = EventCodec.MAPPER.writeValueAsBytes(e);
        assertThat(framed[0]).isEqualTo(EventCodec.FRAME_MAGIC);
        assertThat(framed.length).isLessThan(batch.data().length + 400).isLessThan(json.length);
        assertThat(EventCodec.payload(EventCodec.fromBytes(framed), RecordBatch.class).records(FirmReport.class))
                .isEqualTo(produced.reports());
        // a producer that writes the envelope as plain JSON (base64 data) is understood too
        assertThat(EventCodec.payload(EventCodec.fromBytes(json), RecordBatch.class).records(FirmReport.class))
                .isEqualTo(produced.reports());
        // small events stay JSON
        byte[] closed = EventCodec.toBytes(EventCodec.envelope("run-1", EventType.DEMANDS_CLOSED, 1, 0, "t",
                new Payloads.Closed(1, 2)));
        assertThat((char) closed[0]).isEqualTo('{');
        // broken frames are rejected with a reason
        assertThatThrownBy(() -> EventCodec.fromBytes(java.util.Arrays.copyOf(framed, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        byte[] badLength = framed.clone();
        badLength[2] = 0x7f;
        assertThatThrownBy(() -> EventCodec.fromBytes(badLength)).hasMessageContaining("frame header length");
        byte[] badVersion = framed.clone();
        badVersion[1] = 9;
        assertThatThrownBy(() -> EventCodec.fromBytes(badVersion)).hasMessageContaining("frame version 9");
        byte[] cut = java.util.Arrays.copyOf(framed, framed.length - 3);
        assertThatThrownBy(() -> EventCodec.payload(EventCodec.fromBytes(cut), RecordBatch.class).records(FirmReport.class))
                .hasMessageContaining("shorter than its");
    }

    /** Every kind of component the codec supports, including nulls and non-ASCII text. */
    enum Colour { RED, GREEN }

    record Mixed(long id, int n, double x, boolean flag, String label, Colour colour) {
    }

    @Test
    void recordCodecCarriesEveryComponentKindExactly() {
        List<Mixed> rows = List.of(
                new Mixed(Long.MIN_VALUE, -7, Double.NaN, true, "Guangdong 广东", Colour.GREEN),
                new Mixed(3, Integer.MAX_VALUE, -0.0, false, null, null),
                new Mixed(-1, 0, Double.MIN_VALUE, true, "", Colour.RED),
                new Mixed(42, 1, Double.NEGATIVE_INFINITY, false, "x", Colour.RED));
        RecordCodec<Mixed> codec = RecordCodec.of(Mixed.class);
        byte[] bytes = codec.encode(rows);
        List<Mixed> back = codec.decode(bytes, rows.size());
        assertThat(back).isEqualTo(rows);
        assertThat(Double.doubleToRawLongBits(back.get(1).x())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(codec.encode(List.of())).isEmpty();
        assertThat(codec.decode(new byte[0], 0)).isEmpty();
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 2);
        assertThatThrownBy(() -> codec.decode(longer, rows.size())).hasMessageContaining("2 bytes beyond its 4 records");
        assertThatThrownBy(() -> codec.decode(bytes, 5)).hasMessageContaining("shorter than its 5 records");
        byte[] badEnum = codec.encode(List.of(new Mixed(1, 1, 1, true, null, Colour.RED)));
        badEnum[badEnum.length - 1] = 9;
        assertThatThrownBy(() -> codec.decode(badEnum, 1)).hasMessageContaining("enum ordinal 9");
        assertThat(codec.schema()).startsWith("Mixed#").isNotEqualTo(RecordCodec.of(FirmMatch.class).schema());
    }

    @Test
    void structuredPayloadsSurviveJsonExactlyIncludingNaN() {
        assertThat(roundTrip(EventType.FACTOR_SUPPLIED, supplies, Supplies.class).cohorts()).isEqualTo(supplies.cohorts());
        Supplies s = roundTrip(EventType.FACTOR_SUPPLIED, supplies, Supplies.class);
        assertThat(s.screening()).containsExactly(supplies.screening());
        assertThat(s.techOffers()).isEqualTo(supplies.techOffers());
        assertThat(s.ai()).isEqualTo(supplies.ai());
        Payloads.MarketClearing mc = new Payloads.MarketClearing(clearing.cohortFlows(), clearing.lenderFlows(),
                clearing.techSales(), clearing.ai(), clearing.summaries());
        Payloads.MarketClearing back = roundTrip(EventType.MARKET_CLEARED, mc, Payloads.MarketClearing.class);
        assertThat(back.summaries()).isEqualTo(clearing.summaries());
        assertThat(back.cohortFlows()).isEqualTo(clearing.cohortFlows());
        assertThat(back.ai().soldByRegion()).containsExactly(clearing.ai().soldByRegion());
        OwnerReports o = roundTrip(EventType.OWNERS_REPORTED, owners, OwnerReports.class);
        assertThat(o.cohorts()).isEqualTo(owners.cohorts());
        assertThat(o.nextAi()).isEqualTo(owners.nextAi());
        assertThat(o.nextIntermediaryShare()).containsExactly(owners.nextIntermediaryShare());
        TickIndicators ti = roundTrip(EventType.INDICATORS_PUBLISHED, aggregated.indicators(), TickIndicators.class);
        assertThat(ti).isEqualTo(aggregated.indicators());
        Environment next = roundTrip(EventType.TICK_CLOSED, new Payloads.TickClosed(aggregated.next()), Payloads.TickClosed.class).next();
        assertThat(next.ai()).isEqualTo(aggregated.next().ai());
        assertThat(next.adopterShare()).containsExactly(aggregated.next().adopterShare());
        assertThat(next.regimes()).containsExactly(aggregated.next().regimes());
        assertThat(next.wageL()).containsExactly(aggregated.next().wageL());
        for (AdoptionIntent i : intents) {
            assertThat(roundTrip(EventType.FIRM_ADOPTED, i, AdoptionIntent.class)).isEqualTo(i);
        }
        Payloads.RunStarted rs = roundTrip(EventType.RUN_STARTED,
                new Payloads.RunStarted(ScenarioLoader.toTree(scenario)), Payloads.RunStarted.class);
        assertThat(ScenarioLoader.fromTree(rs.scenario())).isEqualTo(scenario);
    }

    @Test
    void eventIdsAreDeterministicSoReEmittedEventsAreRecognisedAsDuplicates() {
        assertThat(EventCodec.eventId("r", EventType.FIRM_REPORTS, 3, "firm-service", 2))
                .isEqualTo(EventCodec.eventId("r", EventType.FIRM_REPORTS, 3, "firm-service", 2))
                .isNotEqualTo(EventCodec.eventId("r", EventType.FIRM_REPORTS, 3, "firm-service", 1))
                .isNotEqualTo(EventCodec.eventId("r", EventType.FIRM_REPORTS, 4, "firm-service", 2));
    }

    @Test
    void malformedEventsAreRejectedWithAReasonThatNamesTheProblem() {
        assertThatThrownBy(() -> EventCodec.fromBytes("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an event envelope");
        Envelope good = EventCodec.envelope("r", EventType.TICK_STARTED, 1, 0, "t", new Payloads.TickStarted(env));
        Envelope unknown = new Envelope(good.eventId(), "TELEPORTED", 1, "r", 1, 0, "t", good.emittedAt(), good.payload());
        assertThatThrownBy(() -> EventCodec.payload(unknown, Object.class)).hasMessageContaining("unknown event type 'TELEPORTED'");
        Envelope version = new Envelope(good.eventId(), good.type(), 9, "r", 1, 0, "t", good.emittedAt(), good.payload());
        assertThatThrownBy(() -> EventCodec.payload(version, Payloads.TickStarted.class)).hasMessageContaining("schemaVersion 9");
        Envelope noRun = new Envelope(good.eventId(), good.type(), 1, "", 1, 0, "t", good.emittedAt(), good.payload());
        assertThatThrownBy(() -> EventCodec.payload(noRun, Payloads.TickStarted.class)).hasMessageContaining("runId");
        Envelope badPayload = new Envelope(good.eventId(), "DEMANDS_CLOSED", 1, "r", 1, 0, "t", good.emittedAt(),
                EventCodec.tree(java.util.Map.of("parts", "many")));
        assertThatThrownBy(() -> EventCodec.payload(badPayload, Payloads.Closed.class)).hasMessageContaining("payload of DEMANDS_CLOSED is invalid");
        RecordBatch truncated = RecordBatch.of(FactorDemand.class, 0, demands.subList(0, 3));
        RecordBatch cut = new RecordBatch(truncated.schema(), 0, 4, truncated.data());
        assertThatThrownBy(() -> cut.records(FactorDemand.class)).hasMessageContaining("shorter than its 4 records");
        RecordBatch wrongSchema = new RecordBatch("FactorDemand#0", 0, 3, truncated.data());
        assertThatThrownBy(() -> wrongSchema.records(FactorDemand.class)).hasMessageContaining("schema");
    }
}
