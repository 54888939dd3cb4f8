package org.ngai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.localrun.Http;
import org.ngai.localrun.LocalCluster;
import org.ngai.localrun.RunFollower;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.testsupport.EventProbe;
import org.ngai.testsupport.TestDatabase;

/**
 * The distributed pipeline end to end: the four services as separate JVMs, two of each ({@link SharedCluster}),
 * a real Kafka broker (KRaft) and PostgreSQL ({@link TestDatabase}: the machine's server, else an embedded one,
 * else H2). Every run's indicator series must equal, value for value, the in-process reference engine's.
 */
@SharedCluster.OnSharedCluster
class PipelineEquivalenceIT {
    static LocalCluster cluster;
    static EventProbe probe;

    @BeforeAll
    static void startCluster() {
        cluster = SharedCluster.get();
        System.out.println("[e2e] database: " + SharedCluster.database().source());
        probe = new EventProbe(cluster.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (probe != null) {
            probe.close();
        }
    }

    static String submit(Scenario s) throws Exception {
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        body.set("scenarioDocument", ScenarioLoader.toTree(s));
        Http.Response r = Http.post(cluster.url("firm-service") + "/api/runs", EventCodec.MAPPER.writeValueAsString(body), cluster.operator());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body().path("id").asText();
    }

    static List<TickIndicators> follow(String runId) {
        try (RunFollower f = new RunFollower(cluster.bootstrapServers(), runId)) {
            String end = f.follow(Duration.ofMinutes(8), t -> { });
            assertThat(end).as("run %s", runId).isEqualTo("FINISHED");
            return f.series();
        }
    }

    @Test
    void aRunThroughThePipelineEqualsTheReferenceEngineValueForValue() throws Exception {
        Scenario s = ScenarioLoader.bundled("baseline").toBuilder().firms(400).ticks(8).seed(2024).build();
        String run = submit(s);
        List<TickIndicators> pipeline = follow(run);
        List<TickIndicators> reference = new ReferenceEngine().run(s).series();
        assertThat(pipeline).hasSize(8);
        for (int t = 0; t < 8; t++) {
            assertThat(pipeline.get(t)).as("tick %d", t + 1).isEqualTo(reference.get(t));
        }
        // the same numbers through the indicator-service API and the firm-service status
        Http.Response latest = Http.get(cluster.url("firm-service") + "/api/runs/" + run);
        assertThat(latest.body().path("status").asText()).isEqualTo("FINISHED");
        Http.Response csv = Http.get(cluster.url("indicator-service") + "/api/runs/" + run + "/export.csv?scope=national");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text().lines().count()).isEqualTo(9);
    }

    @Test
    void twoRunsInFlightDoNotDisturbEachOther() throws Exception {
        Scenario a = ScenarioLoader.bundled("financing-support").toBuilder().firms(300).ticks(6).seed(1).build();
        Scenario b = ScenarioLoader.bundled("export-control-shock").toBuilder().firms(350).ticks(6).seed(2)
                .set(org.ngai.model.scenario.Param.EXPORT_CONTROL_TICK, 3).build();
        String runA = submit(a);
        String runB = submit(b);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<TickIndicators>> fa = pool.submit(() -> follow(runA));
            Future<List<TickIndicators>> fb = pool.submit(() -> follow(runB));
            assertThat(fa.get()).isEqualTo(new ReferenceEngine().run(a).series());
            assertThat(fb.get()).isEqualTo(new ReferenceEngine().run(b).series());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void duplicatedAndMalformedEventsChangeNothingAndTheRunStillFinishes() throws Exception {
        Scenario s = ScenarioLoader.bundled("baseline").toBuilder().firms(300).ticks(6).seed(77).build();
        String run = submit(s);
        // once tick 2 has produced its first events, deliver every event seen so far a second time
        List<Envelope> seen = probe.await(run, ev -> EventProbe.count(ev, "DEMANDS_CLOSED", 2) == 1, Duration.ofMinutes(4));
        probe.send(new ArrayList<>(seen).toArray(Envelope[]::new));
        for (String topic : List.of("sim.control.v1", "firm.demand.v1", "factor.supply.v1", "market.clearing.v1",
                "firm.report.v1", "factor.report.v1")) {
            probe.sendRaw(topic, run, "{this is not an event");
        }
        probe.send(new Envelope("bogus-" + run, "FIRM_REPORTS", 1, run, 2, 0, "intruder", "now",
                EventCodec.tree(java.util.Map.of("schema", "FirmReport#0", "part", 0, "count", 1, "data", "AAAA"))));
        List<TickIndicators> pipeline = follow(run);
        assertThat(pipeline).isEqualTo(new ReferenceEngine().run(s).series());
        // six raw records keyed by the run, one per input topic (the shared cluster's topic has other runs' too)
        assertThat(DeadLetters.await(probe, run, 6, Duration.ofMinutes(1))).anySatisfy(r ->
                assertThat(EventProbe.header(r, "dead-letter-reason")).isNotBlank());
    }

    @Test
    void badApiInputIsRejectedWith400NamingTheFieldAndUnknownRunsWith404() throws Exception {
        Http.Response r = Http.post(cluster.url("firm-service") + "/api/runs", "{\"scenario\":\"baseline\",\"firms\":-1}", cluster.operator());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("field").asText()).isEqualTo("firms");
        r = Http.post(cluster.url("firm-service") + "/api/runs", "{\"scenario\":\"nope\"}", cluster.operator());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("field").asText()).isEqualTo("scenario");
        r = Http.post(cluster.url("firm-service") + "/api/runs",
                "{\"scenarioDocument\":{\"name\":\"x\",\"parameters\":{\"ai.theta0\":7}}}", cluster.operator());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("field").asText()).isEqualTo("parameters.ai.theta0");
        r = Http.post(cluster.url("firm-service") + "/api/runs", "{\"scenario\": ", cluster.operator());
        assertThat(r.status()).isEqualTo(400);
        // changing runs needs the operator account, which the local cluster set up by itself (docs/deployment.md)
        assertThat(Http.post(cluster.url("firm-service") + "/api/runs", "{\"scenario\":\"baseline\"}").status()).isEqualTo(401);
        // a run that does not fit the service heap is refused before it starts (docs/pipeline.md, Capacity)
        r = Http.post(cluster.url("firm-service") + "/api/runs", "{\"scenario\":\"baseline\",\"firms\":1000000}",
                cluster.operator());
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.body().path("field").asText()).isEqualTo("firms");
        assertThat(r.body().path("error").asText()).contains("at most").contains("firm-service");
        for (String svc : LocalCluster.SERVICES) {
            String path = switch (svc) {
                case "firm-service" -> "/api/runs/no-such-run";
                case "factor-service" -> "/api/runs/no-such-run/cohorts";
                case "market-service" -> "/api/runs/no-such-run/clearing";
                default -> "/api/runs/no-such-run/indicators";
            };
            assertThat(Http.get(cluster.url(svc) + path).status()).as(svc + path).isEqualTo(404);
        }
    }
}
