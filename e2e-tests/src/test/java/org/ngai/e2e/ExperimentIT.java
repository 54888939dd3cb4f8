package org.ngai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.localrun.Http;
import org.ngai.localrun.LocalCluster;
import org.ngai.localrun.PipelineExperiment;
import org.ngai.model.experiment.Experiment;
import org.ngai.model.experiment.ExperimentLoader;
import org.ngai.model.experiment.ExperimentResult;
import org.ngai.model.experiment.ExperimentRunner;
import org.ngai.model.experiment.ExperimentWriter;
import org.ngai.model.experiment.Summary;
import org.ngai.model.indicator.Indicator;

/**
 * Experiments through the pipeline (docs/experiments.md "Through the pipeline") with two instances of every service:
 * the same numbers as the in-process runner, bounded concurrency, cancellation, and bad requests named by field.
 */
@SharedCluster.OnSharedCluster
class ExperimentIT {
    static LocalCluster cluster;
    static String base;

    @BeforeAll
    static void start() {
        cluster = SharedCluster.get();
        base = cluster.url("indicator-service") + "/api/experiments";
    }

    private static final String LEVERS = """
            name: e2e-levers
            replicates: 4
            firms: 300
            ticks: 10
            control: baseline
            cells:
              - { name: baseline, scenario: baseline }
              - { name: financing-support, scenario: financing-support }
              - { name: cash-flow, scenario: baseline, parameters: { finance.cashFlowRatio: 0.55 }, from: 6 }
            indicators: [stage.intelligent, tfp.measured, labour.unemployment, coordination.degree]
            window: [5, 10]
            """;

    private static String submit(String document, Integer concurrency) throws Exception {
        Http.Response r = Http.post(base + (concurrency == null ? "" : "?concurrency=" + concurrency), document, "text/plain",
                cluster.operator());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body().path("id").asText();
    }

    private static JsonNode await(String id, String status, java.util.function.Consumer<JsonNode> each) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (true) {
            JsonNode v;
            try {
                v = Http.get(base + "/" + id).body();
            } catch (java.io.IOException down) {
                // the instance is being restarted
                assertThat(System.nanoTime()).as("experiment %s within 6 minutes", id).isLessThan(deadline);
                Thread.sleep(500);
                continue;
            }
            each.accept(v);
            if (status.equals(v.path("status").asText())) {
                return v;
            }
            assertThat(v.path("status").asText()).as("experiment %s", id).isEqualTo("RUNNING");
            assertThat(System.nanoTime()).as("experiment %s within 6 minutes", id).isLessThan(deadline);
            Thread.sleep(300);
        }
    }

    @Test
    void anExperimentThroughThePipelineGivesTheInProcessRunnersNumbersWithBoundedConcurrency() throws Exception {
        Experiment e = ExperimentLoader.parse(LEVERS);
        String id = submit(LEVERS, 3);
        int[] maxRunning = {0};
        JsonNode done = await(id, "FINISHED", v -> maxRunning[0] = Math.max(maxRunning[0], v.path("runs").path("running").asInt()));
        assertThat(maxRunning[0]).as("runs in flight at once").isBetween(1, 3);
        assertThat(done.path("runs").path("finished").asInt()).isEqualTo(12);

        ExperimentResult in = ExperimentRunner.run(e, 2, (d, t) -> { });
        ExperimentResult pipeline = PipelineExperiment.fetch(cluster, id, e, 0);
        assertThat(pipeline.sameData(in)).as("every run's kept values equal the in-process runner's").isTrue();
        // the service's own statistics and exports are the in-process runner's, to the last digit
        for (String table : List.of("summary", "paired", "window")) {
            StringBuilder expected = new StringBuilder();
            switch (table) {
                case "summary" -> ExperimentWriter.writeSummaryCsv(in, expected);
                case "paired" -> ExperimentWriter.writePairedCsv(in, expected);
                default -> ExperimentWriter.writeWindowCsv(in, expected);
            }
            assertThat(Http.get(base + "/" + id + "/export.csv?table=" + table).text()).as(table).isEqualTo(expected.toString());
        }
        JsonNode cell = done.path("cells").get(1);
        assertThat(cell.path("name").asText()).isEqualTo("financing-support");
        Summary paired = in.pairedWindow(1, Indicator.TFP_MEASURED);
        JsonNode tfp = cell.path("indicators").get(1);
        assertThat(tfp.path("indicator").asText()).isEqualTo("tfp.measured");
        assertThat(tfp.path("paired").path("mean").asDouble()).isEqualTo(paired.mean());
        assertThat(tfp.path("paired").path("lo").asDouble()).isEqualTo(paired.lo());
        assertThat(tfp.path("paired").path("n").asInt()).isEqualTo(4);
        JsonNode series = Http.get(base + "/" + id + "/series?cell=cash-flow").body();
        assertThat(series.path("indicators").path("stage.intelligent").path("at").get(9).path("mean").asDouble())
                .isEqualTo(in.at(2, Indicator.STAGE_INTELLIGENT, 10).mean());
        // the runs are ordinary runs: firm-service knows them, indicator-service has their series
        JsonNode runs = Http.get(base + "/" + id + "/runs").body();
        assertThat(runs).hasSize(12);
        // the cell with from: 6 ran each replicate as a fork at tick 6 of the control's run of that replicate
        for (JsonNode r : runs) {
            if (r.path("cell").asText().equals("cash-flow")) {
                JsonNode view = Http.get(cluster.url("indicator-service") + "/api/runs/" + r.path("runId").asText()).body();
                String parent = null;
                for (JsonNode c : runs) {
                    if (c.path("cell").asText().equals("baseline") && c.path("replicate").asInt() == r.path("replicate").asInt()) {
                        parent = c.path("runId").asText();
                    }
                }
                assertThat(view.path("forkTick").asInt()).isEqualTo(6);
                assertThat(view.path("parentRunId").asText()).isEqualTo(parent);
            }
        }
        String run = runs.get(0).path("runId").asText();
        assertThat(Http.get(cluster.url("firm-service") + "/api/runs/" + run).body().path("status").asText()).isEqualTo("FINISHED");
        assertThat(Http.post(base + "/" + id + "/cancel", "", cluster.operator()).status()).isEqualTo(409);

        // the live page in a real browser (Debian's chromium, headless): the cell's band over the replicates, one of
        // its runs solid, the control's run of the same replicate dashed
        String dom = renderedDom(cluster.url("indicator-service") + "/live.html?experiment=" + id + "&cell=financing-support");
        String runOfCell = runs.findValues("runId").stream().map(JsonNode::asText).filter(r -> dom.contains(r)).findFirst().orElse("");
        assertThat(dom).contains("shaded: 95% CI of financing-support over 4 of 4 replicates (experiment e2e-levers)")
                .contains("experiment <b>e2e-levers</b> · FINISHED · 12/12 runs ended");
        assertThat(runOfCell).as("a run of the experiment is drawn").isNotEmpty();
    }

    /** The page's DOM after its scripts ran, from headless chromium; the test is skipped where chromium is missing. */
    static String renderedDom(String url) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(chromium),
                "chromium is not installed (apt-get install -y chromium; .ci/run does it)");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--virtual-time-budget=10000", "--dump-dom", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void anExperimentSurvivesKillingEveryIndicatorServiceInstanceMidwayAndStillEqualsTheInProcessRunner() throws Exception {
        String doc = """
                name: e2e-crash
                replicates: 4
                firms: 300
                ticks: 16
                control: baseline
                cells:
                  - { name: baseline, scenario: baseline }
                  - { name: guarantee, scenario: baseline, parameters: { policy.creditGuarantee: 0.5 } }
                indicators: [stage.intelligent, tfp.measured, firms.fastDeaths]
                """;
        Experiment e = ExperimentLoader.parse(doc);
        String id = submit(doc, 2);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (Http.get(base + "/" + id).body().path("runs").path("finished").asInt() < 2) {
            assertThat(System.nanoTime()).as("two runs finish").isLessThan(deadline);
            Thread.sleep(200);
        }
        // every instance dies at once (the queue's owner, the runs' aggregators): kill -9, then restart both
        cluster.kill("indicator-service", 0);
        cluster.kill("indicator-service", 1);
        Thread.sleep(2000);
        cluster.restart("indicator-service", 0);
        cluster.restart("indicator-service", 1);
        cluster.awaitConsumerGroupsStable(Duration.ofMinutes(2));   // the shared cluster as it was, for later classes
        JsonNode done = await(id, "FINISHED", v -> { });
        assertThat(done.path("runs").path("finished").asInt()).isEqualTo(8);
        ExperimentResult pipeline = PipelineExperiment.fetch(cluster, id, e, 0);
        assertThat(pipeline.sameData(ExperimentRunner.run(e, 2, (d, t) -> { }))).isTrue();
    }

    @Test
    void cancellingStopsTheRunningRunsAndTheQueue() throws Exception {
        String doc = """
                name: e2e-cancel
                replicates: 6
                firms: 300
                ticks: 40
                cells:
                  - { name: baseline, scenario: baseline }
                indicators: [tfp.measured]
                """;
        String id = submit(doc, 1);
        await(id, "RUNNING", v -> { });
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (Http.get(base + "/" + id).body().path("runs").path("running").asInt() == 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(Http.post(base + "/" + id + "/cancel", "", cluster.operator()).status()).isEqualTo(202);
        JsonNode v = await(id, "CANCELLED", x -> { });
        assertThat(v.path("runs").path("queued").asInt()).isZero();
        assertThat(v.path("runs").path("finished").asInt()).isLessThan(6);
        // the run that was going is cancelled in the pipeline too
        long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            JsonNode runs = Http.get(base + "/" + id + "/runs").body();
            boolean anyRunning = false;
            for (JsonNode r : runs) {
                anyRunning |= r.path("status").asText().equals("RUNNING");
            }
            if (!anyRunning) {
                break;
            }
            assertThat(System.nanoTime()).as("the running run ends after the cancel").isLessThan(until);
            Thread.sleep(300);
        }
    }

    @Test
    void badExperimentsNameTheField() throws Exception {
        Http.Response r = Http.post(base, "name: x\nreplicates: 2\nfirmz: 3\ncells:\n  - { name: a, scenario: baseline }\n",
                "text/plain", cluster.operator());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("field").asText()).isEqualTo("firmz");
        r = Http.post(base, "name: x\ncells:\n  - { name: a, scenario: ../../etc/passwd }\n", "text/plain", cluster.operator());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("field").asText()).isEqualTo("cells[0].scenario");
        r = Http.post(base + "?concurrency=0", LEVERS, "text/plain", cluster.operator());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("field").asText()).isEqualTo("concurrency");
        assertThat(Http.post(base, LEVERS, "text/plain", null).status()).isEqualTo(401);
        assertThat(Http.get(base + "/no-such-experiment").status()).isEqualTo(404);
    }
}
