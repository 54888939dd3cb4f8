package org.ngai.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ngai.model.experiment.Experiment;
import org.ngai.model.experiment.ExperimentLoader;
import org.ngai.model.experiment.ExperimentResult;
import org.ngai.model.experiment.ExperimentRunner;
import org.ngai.model.experiment.ExperimentWriter;
import org.ngai.model.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./simulate experiment FILE --pipeline [--instances N]}: the experiment through the pipeline on the local
 * cluster (docs/experiments.md "Through the pipeline"). indicator-service runs it (POST /api/experiments): its runs
 * are ordinary runs, at most {@code --concurrency} at once, spread over the instances. A progress bar follows the
 * runs; at the end the kept values of every run are fetched and the same files as the in-process runner's are
 * written; {@code --verify} also runs the experiment in-process and checks that the values are identical.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Run a replicated experiment file through the distributed pipeline (with --pipeline; without it ./simulate "
                + "runs experiments in-process).")
public final class PipelineExperiment implements Callable<Integer> {
    @Parameters(index = "0", description = "Experiment file (YAML), e.g. experiments/levers.yaml; cells name bundled scenarios.")
    Path file;
    @Option(names = "--pipeline", required = true, description = "Through the pipeline (broker + services) on this machine.")
    boolean pipeline;
    @Option(names = "--instances", defaultValue = "1", description = "JVMs per service, 1-4 (default: ${DEFAULT-VALUE}).")
    int instances;
    @Option(names = "--concurrency", description = "Runs in flight at most (default: indicator-service's ngai.experiments.concurrency, 4).")
    Integer concurrency;
    @Option(names = "--out", defaultValue = "results", description = "Results folder (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--repo", defaultValue = ".", description = "Repository root (where the services were built).")
    Path repo;
    @Option(names = "--verify", description = "Also run the experiment in-process and check the values are identical.")
    boolean verify;
    @Option(names = "--timeout", defaultValue = "60", description = "Minutes to wait (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;
    @Option(names = "--full-jit", description = "Service JVMs with the C2 compiler (the local default is C1 only, quicker to "
            + "warm up); pays off on long experiments.")
    boolean fullJit;

    @Override
    public Integer call() throws Exception {
        Experiment e;
        String document;
        try {
            document = Files.readString(file);
            e = ExperimentLoader.load(file);
        } catch (ScenarioException ex) {
            System.err.println("invalid experiment " + file + ": " + ex.getMessage());
            return 2;
        }
        System.out.printf("Experiment %s through the pipeline: %d cells × %d replicates = %d runs, %d firms, %d quarters, "
                        + "%d instance(s) per service%n", e.name(), e.cells().size(), e.replicates(), e.runs(), e.firms(), e.ticks(),
                instances);
        LocalCluster.Options options = LocalCluster.Options.local(repo.toAbsolutePath().normalize()).withInstances(instances);
        if (fullJit) {
            options = options.withJvmOptions(LocalCluster.FULL_JIT_JVM_OPTIONS);
        }
        try (LocalCluster cluster = LocalCluster.start(options, msg -> System.out.println("- " + msg))) {
            Outcome o = run(cluster, document, e, concurrency, timeoutMinutes, true);
            if (o.code() != 0) {
                return o.code();
            }
            System.out.print(ExperimentWriter.summaryTable(o.result()));
            Path dir = out.resolve(e.name());
            List<Path> files = ExperimentWriter.write(o.result(), dir);
            System.out.printf("%nwall %.1f s for %d runs through the pipeline (%.1f runs/min); written to %s (%s)%n",
                    o.seconds(), e.runs(), e.runs() / o.seconds() * 60, dir,
                    files.stream().map(p -> p.getFileName().toString()).toList());
            if (verify) {
                ExperimentResult ref = ExperimentRunner.run(e, 0, (d, t) -> { });
                boolean same = ref.sameData(o.result());
                System.out.println(same ? "verify: every run's kept values are identical to the in-process runner's, so are "
                        + "all statistics" : "verify: DIFFERS from the in-process runner");
                return same ? 0 : 3;
            }
            return 0;
        }
    }

    /** How an experiment through the pipeline ended: exit code, its result rebuilt from the runs' kept values, wall time. */
    public record Outcome(int code, String id, ExperimentResult result, double seconds) {
    }

    /** Submits the experiment to indicator-service and follows it to the end; the result comes from the runs' values. */
    public static Outcome run(LocalCluster cluster, String document, Experiment e, Integer concurrency, int timeoutMinutes,
                              boolean progress) throws Exception {
        String base = cluster.url("indicator-service") + "/api/experiments";
        long t0 = System.nanoTime();
        Http.Response created = Http.post(base + (concurrency == null ? "" : "?concurrency=" + concurrency), document,
                "text/plain", cluster.operator());
        if (created.status() != 201) {
            System.err.println("indicator-service refused the experiment (HTTP " + created.status() + "): " + LocalRun.errorOf(created));
            return new Outcome(2, null, null, 0);
        }
        String id = created.body().path("id").asText();
        if (progress) {
            System.out.println("- experiment " + id + " submitted to indicator-service: " + base + "/" + id);
        }
        long deadline = System.nanoTime() + timeoutMinutes * 60_000_000_000L;
        JsonNode view = created.body();
        ProgressBar pb = progress ? new ProgressBarBuilder().setTaskName(e.name()).setInitialMax(e.runs())
                .setStyle(ProgressBarStyle.ASCII).setUnit(" runs", 1).showSpeed().build() : null;
        try {
            while ("RUNNING".equals(view.path("status").asText())) {
                if (System.nanoTime() > deadline) {
                    System.err.println("experiment " + id + " did not finish within " + timeoutMinutes + " minutes");
                    return new Outcome(1, id, null, (System.nanoTime() - t0) / 1e9);
                }
                Thread.sleep(500);
                view = Http.get(base + "/" + id).body();
                if (pb != null) {
                    JsonNode r = view.path("runs");
                    pb.stepTo(r.path("finished").asInt() + r.path("cancelled").asInt() + r.path("failed").asInt());
                    pb.setExtraMessage(r.path("running").asInt() + " running, " + r.path("queued").asInt() + " queued");
                }
            }
        } finally {
            if (pb != null) {
                pb.close();
                System.out.println();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!"FINISHED".equals(view.path("status").asText())) {
            System.err.println("experiment " + id + " ended " + view.path("status").asText() + ": " + view.path("message").asText());
            return new Outcome(1, id, null, seconds);
        }
        if (!view.path("message").isNull() && !view.path("message").asText().isBlank()) {
            System.err.println("note: " + view.path("message").asText());
        }
        return new Outcome(0, id, fetch(cluster, id, e, (long) (seconds * 1e9)), seconds);
    }

    /** The experiment's result rebuilt from every finished run's kept values (GET /api/experiments/{id}/values). */
    public static ExperimentResult fetch(LocalCluster cluster, String id, Experiment e, long elapsedNanos) throws Exception {
        JsonNode v = Http.get(cluster.url("indicator-service") + "/api/experiments/" + id + "/values").body();
        int k = e.indicators().size();
        int ticks = e.ticks();
        double[][][][] data = new double[e.cells().size()][e.replicates()][][];
        for (JsonNode r : v.path("runs")) {
            if (!r.path("values").isTextual()) {
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(r.path("values").asText()));
            double[][] vals = new double[k][ticks];
            for (double[] row : vals) {
                for (int t = 0; t < ticks; t++) {
                    row[t] = b.getDouble();
                }
            }
            data[r.path("cell").asInt()][r.path("replicate").asInt()] = vals;
        }
        return ExperimentResult.of(e, data, elapsedNanos);
    }
}
