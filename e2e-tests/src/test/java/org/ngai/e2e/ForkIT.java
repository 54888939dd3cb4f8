package org.ngai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.events.EventCodec;
import org.ngai.localrun.Http;
import org.ngai.localrun.LocalCluster;
import org.ngai.localrun.RunFollower;
import org.ngai.model.engine.Fork;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;

/**
 * Forks through the pipeline (docs/pipeline.md "Forks"): {@code POST /api/runs/{id}/fork} on firm-service makes a run
 * whose ticks before the fork are the parent's and which from then on equals the reference engine's run of the
 * parent's scenario with the change scheduled at the fork tick; forks of forks too; bad requests name the field.
 */
@SharedCluster.OnSharedCluster
class ForkIT {
    static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = SharedCluster.get();
    }

    private static String submit(Scenario s) throws Exception {
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        body.set("scenarioDocument", ScenarioLoader.toTree(s));
        Http.Response r = Http.post(cluster.url("firm-service") + "/api/runs", EventCodec.MAPPER.writeValueAsString(body),
                cluster.operator());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body().path("id").asText();
    }

    private static Http.Response fork(String parent, String json) throws Exception {
        return Http.post(cluster.url("firm-service") + "/api/runs/" + parent + "/fork", json, cluster.operator());
    }

    private static String fork(String parent, int tick, Map<String, Double> set) throws Exception {
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        body.put("tick", tick);
        ObjectNode p = body.putObject("parameters");
        set.forEach(p::put);
        Http.Response r = fork(parent, EventCodec.MAPPER.writeValueAsString(body));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.body().path("parentRunId").asText()).isEqualTo(parent);
        assertThat(r.body().path("forkTick").asInt()).isEqualTo(tick);
        return r.body().path("id").asText();
    }

    private static List<TickIndicators> follow(String runId) {
        try (RunFollower f = new RunFollower(cluster.bootstrapServers(), runId)) {
            String end = f.follow(Duration.ofMinutes(8), t -> { });
            assertThat(end).as("run %s", runId).isEqualTo("FINISHED");
            return f.series();
        }
    }

    @Test
    void aForkOfAFinishedRunAndAForkOfTheForkEqualTheScheduledReferenceRuns() throws Exception {
        Scenario parent = ScenarioLoader.bundled("baseline").toBuilder().firms(600).ticks(36).seed(31).build();
        String parentId = submit(parent);
        List<TickIndicators> parentSeries = follow(parentId);
        assertThat(parentSeries).isEqualTo(new ReferenceEngine().run(parent).series());

        Map<String, Double> financing = Map.of("finance.cashFlowRatio", 0.6, "policy.creditGuarantee", 0.5);
        String forkId = fork(parentId, 28, financing);
        List<TickIndicators> forkSeries = follow(forkId);
        Scenario scheduled = Fork.scenario(parent, 28, financing, null);
        assertThat(forkSeries).hasSize(36);
        assertThat(forkSeries.subList(0, 27)).as("ticks before the fork are the parent's").isEqualTo(parentSeries.subList(0, 27));
        List<TickIndicators> reference = new ReferenceEngine().run(scheduled).series();
        for (int t = 0; t < 36; t++) {
            assertThat(forkSeries.get(t)).as("fork tick %d vs the reference run with the change scheduled at 28", t + 1)
                    .isEqualTo(reference.get(t));
        }
        assertThat(forkSeries.subList(27, 36)).as("the change acts").isNotEqualTo(parentSeries.subList(27, 36));

        // both services that show runs know the fork's parent; the indicator series holds every tick
        Http.Response firm = Http.get(cluster.url("firm-service") + "/api/runs/" + forkId);
        assertThat(firm.body().path("status").asText()).isEqualTo("FINISHED");
        assertThat(firm.body().path("parentRunId").asText()).isEqualTo(parentId);
        Http.Response ind = Http.get(cluster.url("indicator-service") + "/api/runs/" + forkId);
        assertThat(ind.body().path("parentRunId").asText()).isEqualTo(parentId);
        assertThat(ind.body().path("forkTick").asInt()).isEqualTo(28);
        Http.Response csv = Http.get(cluster.url("indicator-service") + "/api/runs/" + forkId + "/export.csv?scope=national");
        assertThat(csv.text().lines().count()).isEqualTo(37);

        // a fork of the fork, later, with another value of a key the first fork set
        String secondId = fork(forkId, 32, Map.of("finance.cashFlowRatio", 0.45));
        List<TickIndicators> second = follow(secondId);
        Scenario scheduled2 = Fork.scenario(scheduled, 32, Map.of("finance.cashFlowRatio", 0.45), null);
        assertThat(second).isEqualTo(new ReferenceEngine().run(scheduled2).series());
        assertThat(second.subList(0, 31)).isEqualTo(forkSeries.subList(0, 31));
    }

    @Test
    void badForkRequestsNameTheFieldAndAForkCannotStartBeyondItsParentsProgress() throws Exception {
        Scenario s = ScenarioLoader.bundled("baseline").toBuilder().firms(200).ticks(30).seed(5).build();
        String id = submit(s);
        Http.post(cluster.url("firm-service") + "/api/runs/" + id + "/pause", "", cluster.operator());
        Http.Response r = fork("no-such-run", "{\"tick\": 3}");
        assertThat(r.status()).isEqualTo(404);
        r = fork(id, "{\"parameters\": {}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("field").asText()).isEqualTo("tick");
        r = fork(id, "{\"tick\": 0}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("field").asText()).isEqualTo("tick");
        r = fork(id, "{\"tick\": 2, \"parameters\": {\"finance.nope\": 1}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("field").asText()).isEqualTo("parameters.finance.nope");
        r = fork(id, "{\"tick\": 2, \"parameters\": {\"finance.cashFlowRatio\": 9}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("field").asText()).isEqualTo("parameters.finance.cashFlowRatio");
        // the paused parent has not closed tick 29 (it pauses within its first ticks)
        r = fork(id, "{\"tick\": 30}");
        assertThat(r.status()).as(r.text()).isEqualTo(409);
        assertThat(r.body().path("error").asText()).contains("at the latest");
        // changing runs needs the operator account
        assertThat(Http.post(cluster.url("firm-service") + "/api/runs/" + id + "/fork", "{\"tick\": 1}").status())
                .isEqualTo(401);
        // a fork from tick 1 of a run that is still going is a run of the changed scenario from the start
        String whole = fork(id, 1, Map.of("policy.creditGuarantee", 0.5));
        assertThat(follow(whole)).isEqualTo(new ReferenceEngine().run(Fork.scenario(s, 1,
                Map.of("policy.creditGuarantee", 0.5), null)).series());
        Http.post(cluster.url("firm-service") + "/api/runs/" + id + "/cancel", "", cluster.operator());
    }
}
