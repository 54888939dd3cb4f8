package org.ngai.localrun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ngai.events.EventCodec;
import org.ngai.model.engine.IndicatorTable;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.engine.ScenarioOverrides;
import org.ngai.model.engine.SeriesExport;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioException;
import org.ngai.model.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job: starts a real Kafka broker (KRaft), an H2 database server and the four services (one JVM each,
 * or {@code --instances N}), submits a
 * scenario to firm-service, follows it tick by tick with a progress bar, prints the indicator table,
 * writes the series to a results folder and stops everything it started (also on Ctrl-C).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, version = "ngai 0.1.0",
        description = "Run a scenario through the distributed pipeline (broker + four services) on this machine.",
        subcommands = {PipelineBenchmark.class, CapacityBench.class, PipelineExperiment.class, AuditCommand.class})
public final class LocalRun implements Callable<Integer> {
    @Option(names = "--scenario", defaultValue = "baseline", description = "Bundled scenario name or a scenario file (default: ${DEFAULT-VALUE}).")
    String scenario;
    @Mixin
    ScenarioOverrides overrides;
    @Option(names = "--out", defaultValue = "results", description = "Results folder (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--repo", defaultValue = ".", description = "Repository root (where the services were built).")
    Path repo;
    @Option(names = "--verify", description = "Also run the in-process reference engine and check the series are identical.")
    boolean verify;
    @Option(names = "--keep-running", description = "Leave broker and services up after the run (Ctrl-C stops them).")
    boolean keepRunning;
    @Option(names = "--timeout", defaultValue = "30", description = "Minutes to wait for the run (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;
    @Option(names = "--instances", defaultValue = "1",
            description = "JVMs per service, 1-4: each service's instances share its consumer group and its database (default: ${DEFAULT-VALUE}).")
    int instances;
    @Option(names = "--fork-at", paramLabel = "TICK",
            description = "After the run, fork it at this tick (docs/pipeline.md \"Forks\"): the fork shares the run's ticks before it and then runs under --set.")
    Integer forkAt;
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A parameter of the fork from --fork-at on (repeatable), e.g. --set finance.cashFlowRatio=0.6.")
    java.util.Map<String, Double> forkSet = new java.util.LinkedHashMap<>();

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new LocalRun());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(ex instanceof ScenarioException ? "invalid scenario: " + ex.getMessage() : "error: " + ex.getMessage());
            return 2;
        });
        System.exit(cl.execute(args));
    }

    /** The message of an error response ({@code ApiError.error}), or its text. */
    /** "service: STALLED: message" for each service whose run API says the run is STALLED (empty if none). */
    static String stallReport(LocalCluster cluster, String runId) {
        StringBuilder sb = new StringBuilder();
        for (String service : LocalCluster.SERVICES) {
            try {
                Http.Response r = Http.get(cluster.url(service) + "/api/runs/" + runId);
                if (r.status() == 200 && "STALLED".equals(r.body().path("status").asText())) {
                    sb.append(sb.length() == 0 ? "" : "; ").append("STALLED in ").append(service).append(": ")
                            .append(r.body().path("message").asText(""));
                }
            } catch (Exception e) {
                sb.append(sb.length() == 0 ? "" : "; ").append(service).append(" does not answer (").append(e.getMessage())
                        .append(")");
            }
        }
        return sb.toString();
    }

    static String errorOf(Http.Response r) {
        if (r.body() != null && r.body().hasNonNull("error")) {
            return r.body().path("error").asText();
        }
        return r.text() == null || r.text().isBlank() ? "(no message)" : r.text();
    }

    @Override
    public Integer call() throws Exception {
        Scenario s = overrides.apply(scenario);
        System.out.printf("Scenario %s: %d firms, %d quarters from 2020Q1, seed %d (docs/pipeline.md)%n", s.name(),
                s.firms(), s.ticks(), s.seed());
        long started = System.nanoTime();
        AtomicReference<String> runId = new AtomicReference<>();
        AtomicReference<LocalCluster> clusterRef = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            LocalCluster c = clusterRef.getAndSet(null);
            if (c != null) {
                System.err.println("\nstopping broker and services...");
                if (runId.get() != null) {
                    try {
                        Http.post(c.url("firm-service") + "/api/runs/" + runId.get() + "/cancel", "", c.operator());
                    } catch (Exception ignored) {
                        // best effort
                    }
                }
                c.close();
            }
        }, "local-run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LocalCluster.Options options = LocalCluster.Options.local(repo.toAbsolutePath().normalize()).withInstances(instances);
        LocalCluster cluster = LocalCluster.start(options, msg -> System.out.println("- " + msg));
        clusterRef.set(cluster);
        System.out.printf("- ready in %.1f s: %s (broker %s; logs in %s)%n", (System.nanoTime() - started) / 1e9,
                instances == 1 ? cluster.urls() : allUrls(cluster), cluster.bootstrapServers(), repo.resolve(".local-run/logs"));
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        body.set("scenarioDocument", ScenarioLoader.toTree(s));
        Http.Response created = Http.post(cluster.url("firm-service") + "/api/runs", EventCodec.MAPPER.writeValueAsString(body),
                cluster.operator());
        if (created.status() != 201) {
            System.err.println("firm-service refused the run (HTTP " + created.status() + "): " + errorOf(created));
            return created.status() == 422 ? 4 : 2;
        }
        runId.set(created.body().path("id").asText());
        System.out.println("- run " + runId.get() + " submitted to firm-service; watch it live: "
                + cluster.url("indicator-service") + "/live.html?run=" + runId.get());
        long runStart = System.nanoTime();
        Followed run = follow(cluster, runId.get(), s);
        List<TickIndicators> series = run.series();
        double seconds = (System.nanoTime() - runStart) / 1e9;
        if (!"FINISHED".equals(run.end())) {
            System.err.println("run did not finish (" + run.end() + (run.reason() == null ? "" : " by " + run.reason())
                    + "); service logs are in " + repo.resolve(".local-run/logs"));
            return 1;
        }
        int n = s.ticks();
        System.out.print(IndicatorTable.render(series, 1, Math.min(n, 17), Math.min(n, 41), n));
        Path dir = out.resolve(s.name() + "-seed" + s.seed());
        SeriesExport.write(s, series, dir);
        System.out.printf("%npipeline: %d ticks in %.1f s (%.0f firm-ticks/s); series and charts written to %s (open report.html)%n", n, seconds,
                (double) s.firms() * n / seconds, dir);
        if (keepRunning) {
            System.out.printf("APIs: %s/api/runs/%s  %s/api/runs/%s/indicators  (Swagger UI at /q/swagger-ui)%n",
                    cluster.url("firm-service"), runId.get(), cluster.url("indicator-service"), runId.get());
            System.out.printf("live page: %s/live.html?run=%s  (charts by quarter; docs/live.md)%n",
                    cluster.url("indicator-service"), runId.get());
            // changing runs needs the operator account of this launch (docs/deployment.md)
            boolean chosen = System.getenv(LocalCluster.OPERATOR_PASSWORD_ENV) != null
                    && !System.getenv(LocalCluster.OPERATOR_PASSWORD_ENV).isBlank();
            String user = cluster.operator().username();
            System.out.printf("creating or changing runs needs HTTP basic, e.g. curl -u %s:%s -H 'Content-Type: application/json'"
                            + " -d '{\"scenario\":\"baseline\",\"firms\":2000}' %s/api/runs%n", user,
                    chosen ? "\"$" + LocalCluster.OPERATOR_PASSWORD_ENV + "\"" : cluster.operator().password(),
                    cluster.url("firm-service"));
            if (!chosen) {
                System.out.println("(that password was generated for this launch; set " + LocalCluster.OPERATOR_PASSWORD_ENV
                        + " to choose it)");
            }
        } else {
            System.out.println("(add --keep-running to browse the run through the services' APIs afterwards)");
        }
        int code = 0;
        if (verify) {
            List<TickIndicators> reference = new ReferenceEngine().run(s).series();
            boolean same = reference.equals(series);
            System.out.println(same ? "verify: identical to the in-process reference engine, bit for bit"
                    : "verify: DIFFERS from the reference engine");
            code = same ? 0 : 3;
        }
        if (forkAt != null) {
            int forked = fork(cluster, runId.get(), s, series);
            code = code != 0 ? code : forked;
        }
        if (keepRunning) {
            System.out.println("broker and services keep running; press Ctrl-C to stop them");
            Thread.currentThread().join();
        }
        return code;
    }

    /** How a followed run ended and its series. */
    record Followed(String end, String reason, List<TickIndicators> series) {
    }

    /** Follows a run's quarters with a progress bar; after 10 s without one, says what the services report. */
    private Followed follow(LocalCluster cluster, String id, Scenario s) throws Exception {
        try (RunFollower follower = new RunFollower(cluster.bootstrapServers(), id);
             ProgressBar pb = new ProgressBarBuilder().setTaskName(s.name()).setInitialMax(s.ticks())
                     .setStyle(ProgressBarStyle.ASCII).setUnit(" qtr", 1).showSpeed().build()) {
            String end = follower.follow(Duration.ofMinutes(timeoutMinutes), ti -> {
                pb.stepTo(ti.tick());
                pb.setExtraMessage(String.format("%s S3 %.3f pen %.3f u %.3f D %.3f", ti.quarter(),
                        ti.get(Indicator.STAGE_INTELLIGENT), ti.get(Indicator.AI_PENETRATION),
                        ti.get(Indicator.UNEMPLOYMENT), ti.get(Indicator.COORDINATION)));
            }, Duration.ofSeconds(10), () -> {
                // no tick for a while: say what the services report (STALLED names what each waits for)
                String why = stallReport(cluster, id);
                pb.setExtraMessage(why.isEmpty() ? "waiting for the next quarter" : why);
                if (!why.isEmpty()) {
                    System.err.println(System.lineSeparator() + why);
                }
            });
            Followed f = new Followed(end, follower.reason(), follower.series());
            System.out.println();
            return f;
        }
    }

    /**
     * Forks the finished run at --fork-at with --set, follows the fork, prints fork − parent for the headline
     * indicators and writes the fork's results; with --verify checks its ticks before the fork against the parent
     * and the whole series against the reference engine with the change scheduled at that tick.
     */
    private int fork(LocalCluster cluster, String parentId, Scenario parent, List<TickIndicators> parentSeries) throws Exception {
        Scenario forkScenario = org.ngai.model.engine.Fork.scenario(parent, forkAt, forkSet, null);   // same checks as the API
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        body.put("tick", forkAt);
        ObjectNode params = body.putObject("parameters");
        forkSet.forEach(params::put);
        Http.Response created = Http.post(cluster.url("firm-service") + "/api/runs/" + parentId + "/fork",
                EventCodec.MAPPER.writeValueAsString(body), cluster.operator());
        if (created.status() != 201) {
            System.err.println("firm-service refused the fork (HTTP " + created.status() + "): " + errorOf(created));
            return 2;
        }
        String id = created.body().path("id").asText();
        System.out.printf("%n- fork %s of run %s from tick %d with %s; watch it with its parent dashed: %s/live.html?run=%s%n",
                id, parentId, forkAt, forkSet.isEmpty() ? "no change" : forkSet, cluster.url("indicator-service"), id);
        long t0 = System.nanoTime();
        Followed f = follow(cluster, id, forkScenario);
        if (!"FINISHED".equals(f.end())) {
            System.err.println("fork did not finish (" + f.end() + (f.reason() == null ? "" : " by " + f.reason()) + ")");
            return 1;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("fork: %d quarters after the fork in %.1f s%n", forkScenario.ticks() - forkAt + 1, seconds);
        System.out.print(IndicatorTable.renderDifference(f.series(), parentSeries, forkAt, forkScenario.ticks()));
        Path dir = out.resolve(forkScenario.name() + "-seed" + forkScenario.seed());
        SeriesExport.write(forkScenario, f.series(), dir);
        // the fork solid over its parent's path dashed, chart by chart
        Files.writeString(dir.resolve("compare.html"), org.ngai.model.engine.SeriesReport.compareHtml(
                new org.ngai.model.engine.Comparison(parent, parentSeries, forkScenario, f.series(), null)));
        System.out.println("fork's series and charts written to " + dir + " (compare.html: the fork solid, its parent dashed)");
        if (!verify) {
            return 0;
        }
        boolean prefix = f.series().subList(0, forkAt - 1).equals(parentSeries.subList(0, forkAt - 1));
        boolean same = new ReferenceEngine().run(forkScenario).series().equals(f.series());
        System.out.println("verify fork: ticks 1.." + (forkAt - 1) + (prefix ? " equal the parent's" : " DIFFER from the parent's")
                + "; " + (same ? "identical to the reference engine with the change scheduled at tick " + forkAt
                : "DIFFERS from the reference engine with the change scheduled at tick " + forkAt));
        return prefix && same ? 0 : 3;
    }

    private static java.util.Map<String, List<String>> allUrls(LocalCluster cluster) {
        java.util.Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (String svc : LocalCluster.SERVICES) {
            m.put(svc, cluster.urls(svc));
        }
        return m;
    }
}
