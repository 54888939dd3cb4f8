package org.ngai.localrun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ngai.events.EventCodec;
import org.ngai.events.Topics;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.engine.ScenarioOverrides;
import org.ngai.model.engine.RunResult;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Benchmark of the distributed pipeline (issue 3): (a) the broker's raw throughput for records of the
 * sizes the pipeline actually sends, with the services' producer settings; (b) the pipeline's
 * firm-ticks/s and events/s for one scenario with one instance per service; (c) the reference engine
 * on the same scenario; then the ratios. Prints figures; asserts nothing.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure broker throughput, pipeline throughput and the reference engine, and print the ratios.")
public final class PipelineBenchmark implements Callable<Integer> {
    @ParentCommand
    LocalRun parent;
    @Option(names = "--scenario", defaultValue = "baseline")
    String scenario;
    @Option(names = "--firms", defaultValue = "10000")
    int firms;
    @Option(names = "--ticks", defaultValue = "60")
    int ticks;
    @Option(names = "--records", defaultValue = "20000", description = "Records per raw-broker measurement.")
    int records;
    @Option(names = "--runs", defaultValue = "2",
            description = "Pipeline runs of the scenario on the same services: the first shows a cold start, the last the warmed-up services.")
    int runs;
    @Option(names = "--scale-out", description = "Instead: concurrent runs per minute with 1 vs 2 instances of each service (docs/pipeline.md, Scale-out).")
    boolean scaleOut;
    @Option(names = "--concurrent", defaultValue = "8", description = "--scale-out: runs submitted at once (default: ${DEFAULT-VALUE}).")
    int concurrent;
    @Option(names = "--concurrent-firms", defaultValue = "2000", description = "--scale-out: firms per run (default: ${DEFAULT-VALUE}).")
    int concurrentFirms;
    @Option(names = "--concurrent-ticks", defaultValue = "40", description = "--scale-out: ticks per run (default: ${DEFAULT-VALUE}).")
    int concurrentTicks;
    @Option(names = "--instances", split = ",", defaultValue = "1,2",
            description = "--scale-out: instances per service to compare (default: ${DEFAULT-VALUE}).")
    List<Integer> instances;
    @Option(names = "--rounds", defaultValue = "2",
            description = "--scale-out: batches of concurrent runs on the same services; the first is on just-started services (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--recovery", description = "Instead: restart-to-progress of a killed firm-service after 1 and after N retained finished runs (docs/pipeline.md, Checkpoints).")
    boolean recovery;
    @Option(names = "--retained", defaultValue = "30", description = "--recovery: finished runs on the topics for the second measurement (default: ${DEFAULT-VALUE}).")
    int retained;
    @Option(names = "--retain-batch", defaultValue = "2", description = "--recovery: runs at once while filling the topics (default: ${DEFAULT-VALUE}; 4 ran firm-service out of heap once).")
    int retainBatch;
    @Option(names = "--postgres", paramLabel = "JDBC_URL",
            description = "--recovery: the services' database is this PostgreSQL (user postgres, trust auth) instead of the launcher's H2 server; an empty database is best.")
    String postgres;


    @Option(names = "--experiment", paramLabel = "FILE",
            description = "Instead: this experiment file through the pipeline at each --instances count and in-process on the same cores; runs per minute side by side (docs/experiments.md).")
    Path experiment;
    @Option(names = "--experiment-concurrency", description = "--experiment: runs in flight at most (default: indicator-service's, 4).")
    Integer experimentConcurrency;
    @Option(names = "--full-jit", description = "--experiment: also measure each instance count with the services' C2 compiler on.")
    boolean fullJit;

    @Override
    public Integer call() throws Exception {
        if (experiment != null) {
            return experimentBench();
        }
        if (scaleOut) {
            return scaleOut();
        }
        if (recovery) {
            return recovery();
        }
        Scenario s = ScenarioOverrides.resolve(scenario, firms, ticks, null);
        Path repo = parent == null ? Path.of(".") : parent.repo;
        System.out.printf("benchmark: %s, %d firms x %d ticks, one instance per service, %d cores%n", s.name(),
                s.firms(), s.ticks(), Runtime.getRuntime().availableProcessors());
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.local(repo.toAbsolutePath().normalize()),
                msg -> System.out.println("- " + msg))) {
            // (b) the pipeline: the first run on freshly started services, then the same run again
            List<Measured> runs = new ArrayList<>();
            for (int i = 0; i < Math.max(1, this.runs); i++) {
                runs.add(pipelineRun(cluster, s));
            }
            Measured cold = runs.get(0);
            Measured warm = runs.get(runs.size() - 1);
            // (a) raw broker throughput for the record sizes the run used
            int typical = (int) Math.max(200, cold.volume.bytes / Math.max(1, cold.volume.events));
            double raw = rawThroughput(cluster.bootstrapServers(), typical, records);
            // (c) reference engine, twice in this JVM (cold and warm)
            RunResult ref = new ReferenceEngine().run(s);
            double refCold = ref.elapsedNanos() / 1e9;
            RunResult ref2 = new ReferenceEngine().run(s);
            double refWarm = ref2.elapsedNanos() / 1e9;
            double firmTicks = (double) s.firms() * s.ticks();
            System.out.println();
            System.out.printf("(a) broker raw:        %,10.0f records/s  (records of %,d bytes = the run's mean; no compression, acks=all, idempotent)%n",
                    raw, typical);
            for (int i = 0; i < runs.size(); i++) {
                Measured m = runs.get(i);
                System.out.printf("(b) pipeline run %d:    %,10.0f firm-ticks/s  %,8.0f events/s  wall %5.1f s  (%,d events, %.1f MB, %s%s)%n",
                        i + 1, firmTicks / m.seconds, m.volume.events / m.seconds, m.seconds, m.volume.events,
                        m.volume.bytes / 1e6, m.end, i == 0 ? ", services just started" : ", same services again");
            }
            System.out.printf("(c) reference engine:  %,10.0f firm-ticks/s  wall %5.1f s  (second run: %,.0f firm-ticks/s, %.1f s)%n",
                    firmTicks / refCold, refCold, firmTicks / refWarm, refWarm);
            for (int i = 0; i < runs.size(); i++) {
                Measured m = runs.get(i);
                System.out.printf("ratios, run %d: pipeline events/s ÷ broker raw records/s = %.3f (aim >= 0.25); "
                        + "pipeline wall %.1f s (aim < 60 s); reference is %.1fx faster%n", i + 1,
                        (m.volume.events / m.seconds) / raw, m.seconds, m.seconds / (i == 0 ? refCold : refWarm));
            }
            System.out.println("run " + runs.size() + ": " + warm.volume.stages());
            boolean same = true;
            for (Measured m : runs) {
                same &= ref.series().equals(m.series);
            }
            System.out.println("every run's series identical to the reference engine: " + same);
            return runs.stream().allMatch(m -> "FINISHED".equals(m.end)) && same ? 0 : 1;
        }
    }

    /**
     * Experiments: the in-process runner on all cores, then the same experiment through the pipeline with each
     * instance count (a fresh cluster each), every pipeline result checked against the in-process one.
     */
    Integer experimentBench() throws Exception {
        org.ngai.model.experiment.Experiment e = org.ngai.model.experiment.ExperimentLoader.load(experiment);
        String doc = java.nio.file.Files.readString(experiment);
        Path repo = parent == null ? Path.of(".") : parent.repo;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("benchmark: experiment %s, %d cells × %d replicates = %d runs of %d firms × %d quarters, %d cores%n",
                e.name(), e.cells().size(), e.replicates(), e.runs(), e.firms(), e.ticks(), cores);
        long t0 = System.nanoTime();
        org.ngai.model.experiment.ExperimentResult in = org.ngai.model.experiment.ExperimentRunner.run(e, 0, (d, t) -> { });
        double inSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("- in-process runner: %d runs in %.1f s on %d threads%n", e.runs(), inSeconds, Math.min(cores, e.runs()));
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-34s %6s %9s %10s %14s %10s", "mode", "runs", "wall s", "runs/min", "÷ in-process", "identical"));
        rows.add(String.format("%-34s %6d %9.1f %10.1f %14s %10s", "in-process runner (" + Math.min(cores, e.runs()) + " threads)",
                e.runs(), inSeconds, e.runs() / inSeconds * 60, "1.00", "-"));
        boolean ok = true;
        for (boolean c2 : fullJit ? new boolean[] {false, true} : new boolean[] {false}) {
            for (int n : instances) {
                LocalCluster.Options options = LocalCluster.Options.local(repo.toAbsolutePath().normalize()).withInstances(n);
                if (c2) {
                    options = options.withJvmOptions(LocalCluster.FULL_JIT_JVM_OPTIONS);
                }
                try (LocalCluster cluster = LocalCluster.start(options, msg -> System.out.println("- " + msg))) {
                    cluster.awaitConsumerGroupsStable(java.time.Duration.ofMinutes(2));
                    java.util.Map<String, Double> cpu0 = cpuSeconds(cluster);
                    PipelineExperiment.Outcome o = PipelineExperiment.run(cluster, doc, e, experimentConcurrency, 60, true);
                    java.util.Map<String, Double> cpu1 = cpuSeconds(cluster);
                    StringBuilder where = new StringBuilder("  CPU seconds during the experiment:");
                    cpu1.forEach((k, v) -> where.append(String.format(" %s %.1f", k, v - cpu0.getOrDefault(k, 0.0))));
                    System.out.println(where);
                    boolean same = o.code() == 0 && o.result().sameData(in);
                    ok &= same;
                    rows.add(String.format("%-34s %6d %9.1f %10.1f %14.2f %10s", "pipeline, " + n + " instance" + (n == 1 ? "" : "s")
                                    + (c2 ? ", C2" : ", C1 only"), e.runs(), o.seconds(), e.runs() / o.seconds() * 60,
                            o.seconds() / inSeconds, same ? "yes" : "NO"));
                }
            }
        }
        System.out.println();
        rows.forEach(System.out::println);
        System.out.println("(÷ in-process: pipeline wall time over the in-process runner's on the same cores; each pipeline row "
                + "starts on freshly started services)");
        return ok ? 0 : 1;
    }

    /**
     * CPU time so far of each service (its instances together) and of this JVM, which hosts the broker and the
     * H2 server: where an experiment's cost goes.
     */
    static java.util.Map<String, Double> cpuSeconds(LocalCluster cluster) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (String svc : LocalCluster.SERVICES) {
            double sum = 0;
            for (ServiceProcess p : cluster.instances(svc)) {
                sum += ProcessHandle.of(p.pid()).flatMap(h -> h.info().totalCpuDuration())
                        .map(d -> d.toNanos() / 1e9).orElse(0.0);
            }
            out.put(svc, sum);
        }
        // this JVM's threads: the H2 server's, the broker's, and the rest (the benchmark's own: follower, HTTP)
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double h2 = 0;
        double broker = 0;
        double other = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long ns = threads.getThreadCpuTime(t.getThreadId());
            if (ns < 0) {
                continue;
            }
            String n = t.getThreadName();
            if (n.startsWith("H2 ")) {
                h2 += ns / 1e9;
            } else if (n.contains("kafka") || n.contains("broker") || n.contains("controller") || n.contains("raft")
                    || n.contains("data-plane") || n.contains("Log") || n.contains("quorum") || n.contains("ExpirationReaper")
                    || n.contains("request-handler") || n.contains("network")) {
                broker += ns / 1e9;
            } else {
                other += ns / 1e9;
            }
        }
        out.put("H2 server", h2);
        out.put("broker", broker);
        out.put("rest of this JVM", other);
        return out;
    }

    /**
     * Scale-out: for each instance count, start the cluster with that many JVMs per service, wait until every
     * consumer group is stable, then submit {@link #concurrent} runs at once (round-robin over the firm-service
     * instances, seeds 1..n) and time from the first POST to the last RUN_FINISHED; {@link #rounds} batches on
     * the same services. Every run must equal the reference engine's series.
     */
    Integer scaleOut() throws Exception {
        int f = concurrentFirms;
        int t = concurrentTicks;
        Path repo = parent == null ? Path.of(".") : parent.repo;
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
            scenarios.add(ScenarioOverrides.resolve(scenario, f, t, 1L + i));
        }
        System.out.printf("scale-out benchmark: %d concurrent runs of %s, %d firms x %d ticks (seeds 1-%d), instances per service %s, %d cores%n",
                concurrent, scenario, f, t, concurrent, instances, Runtime.getRuntime().availableProcessors());
        List<List<TickIndicators>> reference = new ArrayList<>();
        for (Scenario sc : scenarios) {
            reference.add(new ReferenceEngine().run(sc).series());
        }
        java.util.Map<Integer, List<Double>> walls = new java.util.LinkedHashMap<>();
        boolean allOk = true;
        for (int n : instances) {
            long t0 = System.nanoTime();
            try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.local(repo.toAbsolutePath().normalize())
                    .withInstances(n), msg -> System.out.println("- " + msg))) {
                cluster.awaitConsumerGroupsStable(Duration.ofMinutes(2));
                System.out.printf("- %d instance(s) per service ready and stable in %.1f s: firm-service at %s%n", n,
                        (System.nanoTime() - t0) / 1e9, cluster.urls("firm-service"));
                List<Double> w = new ArrayList<>();
                for (int r = 0; r < Math.max(1, rounds); r++) {
                    Batch b = concurrentRuns(cluster, scenarios);
                    boolean same = true;
                    for (int i = 0; i < scenarios.size(); i++) {
                        same &= "FINISHED".equals(b.ends.get(i)) && reference.get(i).equals(b.series.get(i));
                    }
                    allOk &= same;
                    w.add(b.seconds);
                    System.out.printf("  %d instance(s), round %d: %d runs in %.1f s = %.1f runs/min, %,.0f firm-ticks/s; ends %s; all equal the reference engine: %s%n",
                            n, r + 1, scenarios.size(), b.seconds, scenarios.size() * 60 / b.seconds,
                            (double) f * t * scenarios.size() / b.seconds, new java.util.TreeSet<>(b.ends), same);
                }
                walls.put(n, w);
            }
        }
        System.out.println();
        System.out.printf("%-28s", "instances per service");
        for (int r = 0; r < rounds; r++) {
            System.out.printf(" | round %d runs/min (wall)", r + 1);
        }
        System.out.println();
        walls.forEach((n, w) -> {
            System.out.printf("%-28d", n);
            for (double sec : w) {
                System.out.printf(" | %10.1f (%5.1f s)     ", concurrent * 60 / sec, sec);
            }
            System.out.println();
        });
        if (walls.size() >= 2) {
            List<Integer> keys = new ArrayList<>(walls.keySet());
            List<Double> base = walls.get(keys.get(0));
            for (int k = 1; k < keys.size(); k++) {
                List<Double> other = walls.get(keys.get(k));
                StringBuilder sb = new StringBuilder();
                for (int r = 0; r < Math.min(base.size(), other.size()); r++) {
                    sb.append(String.format(" round %d %.2f", r + 1, base.get(r) / other.get(r)));
                }
                System.out.printf("ratio runs/min, %d vs %d instance(s):%s%n", keys.get(k), keys.get(0), sb);
            }
        }
        System.out.println("every run FINISHED and equal to the reference engine: " + allOk);
        return allOk ? 0 : 1;
    }

    /** A batch of concurrent runs: wall time from the first POST to the last end, per run its end and series. */
    record Batch(double seconds, List<String> ends, List<List<TickIndicators>> series) {
    }

    static Batch concurrentRuns(LocalCluster cluster, List<Scenario> scenarios) throws Exception {
        List<String> firm = cluster.urls("firm-service");
        long t0 = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            ObjectNode body = EventCodec.MAPPER.createObjectNode();
            body.set("scenarioDocument", ScenarioLoader.toTree(scenarios.get(i)));
            String url = firm.get(i % firm.size());
            Http.Response created = Http.post(url + "/api/runs", EventCodec.MAPPER.writeValueAsString(body), cluster.operator());
            if (created.status() != 201) {
                throw new IllegalStateException(url + " refused run " + (i + 1) + ": " + created.text());
            }
            ids.add(created.body().path("id").asText());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(ids.size());
        try {
            List<java.util.concurrent.Future<RunFollower>> followers = new ArrayList<>();
            for (String id : ids) {
                followers.add(pool.submit(() -> {
                    RunFollower fo = new RunFollower(cluster.bootstrapServers(), id);
                    fo.follow(Duration.ofMinutes(30), ti -> { });
                    return fo;
                }));
            }
            List<String> ends = new ArrayList<>();
            List<List<TickIndicators>> series = new ArrayList<>();
            double wall = 0;
            for (var fut : followers) {
                try (RunFollower fo = fut.get()) {
                    ends.add(fo.end());
                    series.add(fo.series());
                }
            }
            wall = (System.nanoTime() - t0) / 1e9;
            return new Batch(wall, ends, series);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Restart-to-progress: a run is killed (SIGKILL of firm-service) halfway; the time from the restart
     * command to the next new tick is measured, once with 1 finished run on the topics and once with
     * {@code retained} finished runs. Every interrupted run is checked against the reference engine.
     */
    private int recovery() throws Exception {
        Scenario s = ScenarioOverrides.resolve(scenario, firms, ticks, null);
        Path repo = (parent == null ? Path.of(".") : parent.repo).toAbsolutePath().normalize();
        LocalCluster.Options o = LocalCluster.Options.local(repo);
        o = postgres == null
                ? new LocalCluster.Options(repo, repo.resolve(".local-run/recovery"), o.database(), o.postgresUrl(), false,
                        o.jvmOptions(), 1)
                : new LocalCluster.Options(repo, repo.resolve(".local-run/recovery"), LocalCluster.Database.POSTGRESQL,
                        postgres, false, o.jvmOptions(), 1);
        List<TickIndicators> reference = new ReferenceEngine().run(s).series();
        try (LocalCluster c = LocalCluster.start(o, m -> System.out.println("  " + m))) {
            System.out.printf("restart-to-progress of firm-service, %d firms x %d ticks, killed at tick %d; database %s%n",
                    s.firms(), s.ticks(), s.ticks() / 2, postgres == null ? "H2 server" : "PostgreSQL " + postgres);
            int finished = 0;
            finished += finishRuns(c, s, 1);
            double first = killAndMeasure(c, s, reference);
            finished++;
            int more = Math.max(0, retained - finished);
            System.out.printf("  retaining %d more finished runs (%d at a time)...%n", more, retainBatch);
            long fill0 = System.nanoTime();
            while (more > 0) {
                int batch = Math.min(retainBatch, more);
                finished += finishRuns(c, s, batch);
                more -= batch;
                System.out.printf("  %d finished runs on the topics (%.0f s filling)%n", finished,
                        (System.nanoTime() - fill0) / 1e9);
            }
            double second = killAndMeasure(c, s, reference);
            finished++;
            System.out.printf("%nrestart-to-progress with %d finished run(s) on the topics: %.1f s; with %d: %.1f s; ratio %.2f (aim <= 1.5)%n",
                    1, first, finished - 1, second, second / first);
        }
        return 0;
    }

    private int finishRuns(LocalCluster c, Scenario s, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(submit(c, s));
        }
        for (String id : ids) {
            try (RunFollower f = new RunFollower(c.bootstrapServers(), id)) {
                String end = f.follow(Duration.ofMinutes(20), t -> { });
                if (!"FINISHED".equals(end)) {
                    throw new IllegalStateException("run " + id + " ended " + end);
                }
            }
        }
        return n;
    }

    private double killAndMeasure(LocalCluster c, Scenario s, List<TickIndicators> reference) throws Exception {
        String id = submit(c, s);
        java.util.concurrent.atomic.AtomicInteger tick = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong lastTickAt = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<List<TickIndicators>> series = pool.submit(() -> {
                try (RunFollower f = new RunFollower(c.bootstrapServers(), id)) {
                    String end = f.follow(Duration.ofMinutes(20), t -> {
                        tick.accumulateAndGet(t.tick(), Math::max);
                        lastTickAt.set(System.nanoTime());
                    });
                    if (!"FINISHED".equals(end)) {
                        throw new IllegalStateException("run " + id + " ended " + end);
                    }
                    return f.series();
                }
            });
            int killAt = s.ticks() / 2;
            while (tick.get() < killAt) {
                Thread.sleep(5);
            }
            c.kill("firm-service", 0);
            int at = tick.get();
            long t0 = System.nanoTime();
            c.restart("firm-service", 0);
            double ready = (System.nanoTime() - t0) / 1e9;
            while (tick.get() <= at && !series.isDone()) {
                Thread.sleep(5);
            }
            double progress = (System.nanoTime() - t0) / 1e9;
            List<TickIndicators> got = series.get();
            boolean same = got.equals(reference);
            System.out.printf("  killed at tick %d: restarted and ready in %.1f s, next tick %d published %.1f s after the restart; run %s the reference engine%n",
                    at, ready, at + 1, progress, same ? "equals" : "DIFFERS FROM");
            if (!same) {
                throw new IllegalStateException("run " + id + " differs from the reference engine after the restart");
            }
            return progress;
        } finally {
            pool.shutdownNow();
        }
    }

    static String submit(LocalCluster cluster, Scenario s) throws Exception {
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        body.set("scenarioDocument", ScenarioLoader.toTree(s));
        Http.Response created = Http.post(cluster.url("firm-service") + "/api/runs", EventCodec.MAPPER.writeValueAsString(body),
                cluster.operator());
        if (created.status() != 201) {
            throw new IllegalStateException("firm-service refused the run (HTTP " + created.status() + "): "
                    + LocalRun.errorOf(created));
        }
        return created.body().path("id").asText();
    }

    /** One pipeline run: wall time from POST to RUN_FINISHED, its series and what it put on the topics. */
    record Measured(double seconds, String end, List<TickIndicators> series, Volume volume) {
    }

    static Measured pipelineRun(LocalCluster cluster, Scenario s) throws Exception {
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        body.set("scenarioDocument", ScenarioLoader.toTree(s));
        long t0 = System.nanoTime();
        Http.Response created = Http.post(cluster.url("firm-service") + "/api/runs", EventCodec.MAPPER.writeValueAsString(body),
                cluster.operator());
        if (created.status() != 201) {
            throw new IllegalStateException("firm-service refused the run (HTTP " + created.status() + "): "
                    + LocalRun.errorOf(created));
        }
        String runId = created.body().path("id").asText();
        List<TickIndicators> series;
        String end;
        try (RunFollower f = new RunFollower(cluster.bootstrapServers(), runId)) {
            end = f.follow(Duration.ofMinutes(30), ti -> { });
            series = f.series();
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        return new Measured(sec, end, series, runVolume(cluster.bootstrapServers(), runId));
    }

    /**
     * What the run put on the protocol topics: events, bytes, and per tick the time from TICK_STARTED
     * to the last record of each protocol step (Kafka CreateTime, i.e. when the producer sent it).
     */
    static final class Volume {
        long events;
        long bytes;
        /** Per tick: first TICK_STARTED time and, per step, the earliest and the latest record time. */
        final java.util.Map<Integer, long[]> ticks = new java.util.TreeMap<>();
        static final String[] STEPS = {"demands", "supplies", "clearing", "reports", "owners", "indicators"};

        void add(int tick, String type, long time) {
            long[] t = ticks.computeIfAbsent(tick, k -> new long[2 * STEPS.length + 1]);
            int step = switch (type) {
                case "TICK_STARTED" -> -1;
                case "FACTOR_DEMANDS", "DEMANDS_CLOSED", "FIRM_ADOPTED" -> 0;
                case "FACTOR_SUPPLIED" -> 1;
                case "FACTOR_MATCHED", "MARKET_CLEARED", "CLEARING_CLOSED" -> 2;
                case "FIRM_REPORTS", "REPORTS_CLOSED" -> 3;
                case "OWNERS_REPORTED" -> 4;
                case "INDICATORS_PUBLISHED", "TICK_CLOSED" -> 5;
                default -> -2;
            };
            if (step == -1) {
                t[0] = t[0] == 0 ? time : Math.min(t[0], time);
            } else if (step >= 0) {
                t[step + 1] = Math.max(t[step + 1], time);
                int first = STEPS.length + step + 1;
                t[first] = t[first] == 0 ? time : Math.min(t[first], time);
            }
        }

        /** Mean milliseconds per tick from TICK_STARTED to the first and the last record of each step. */
        String stages() {
            double[] sum = new double[STEPS.length];
            double[] sumFirst = new double[STEPS.length];
            int n = 0;
            for (long[] t : ticks.values()) {
                if (t[0] == 0 || t[STEPS.length] == 0) {
                    continue;
                }
                n++;
                for (int i = 0; i < STEPS.length; i++) {
                    sum[i] += t[i + 1] - t[0];
                    sumFirst[i] += t[STEPS.length + i + 1] - t[0];
                }
            }
            StringBuilder sb = new StringBuilder("where a tick's time goes (mean ms after TICK_STARTED to the first-last record of each step, "
                    + n + " ticks):");
            for (int i = 0; i < STEPS.length; i++) {
                sb.append(String.format(" %s %.0f-%.0f", STEPS[i], n == 0 ? Double.NaN : sumFirst[i] / n,
                        n == 0 ? Double.NaN : sum[i] / n));
            }
            // tick length = TICK_STARTED to the next TICK_STARTED: shows the JIT warm-up
            List<Long> lengths = new ArrayList<>();
            long prev = 0;
            for (long[] t : ticks.values()) {
                if (prev != 0 && t[0] != 0) {
                    lengths.add(t[0] - prev);
                }
                prev = t[0];
            }
            if (lengths.size() >= 10) {
                List<Long> sorted = new ArrayList<>(lengths);
                sorted.sort(null);
                sb.append(String.format("%ntick length ms: ticks 2-6 %s, median %d, last 5 %s", lengths.subList(0, 5),
                        sorted.get(sorted.size() / 2), lengths.subList(lengths.size() - 5, lengths.size())));
            }
            return sb.toString();
        }
    }

    static Volume runVolume(String bootstrap, String runId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        Volume v = new Volume();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : Topics.all().keySet()) {
                for (PartitionInfo pi : c.partitionsFor(t)) {
                    parts.add(new TopicPartition(t, pi.partition()));
                }
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            var end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (runId.equals(r.key())) {
                        v.events++;
                        v.bytes += r.value() == null ? 0 : r.value().length;
                        if (r.value() != null) {
                            try {
                                var e = EventCodec.fromBytes(r.value());
                                v.add(e.tick(), e.type(), r.timestamp());
                            } catch (IllegalArgumentException ignored) {
                                // not an envelope: counted, not timed
                            }
                        }
                    }
                }
            }
        }
        return v;
    }

    /**
     * Produce-then-consume records/s on a scratch topic shaped like the project's (4 partitions), with
     * the services' producer settings. Every send is checked; the consumer reads to the end offsets.
     */
    static double rawThroughput(String bootstrap, int size, int n) throws Exception {
        String topic = "bench.raw." + System.nanoTime();
        try (Admin admin = Admin.create(java.util.Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262144);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        java.util.Random rnd = new java.util.Random(1);
        byte[][] payloads = new byte[64][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = new byte[size];
            rnd.nextBytes(payloads[i]);
        }
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> prod = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                prod.send(new ProducerRecord<>(topic, "run-" + (i % 8), payloads[i % payloads.length]), (md, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    }
                });
            }
            prod.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("raw benchmark: a send failed", failure.get());
        }
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        long got = 0;
        try (KafkaConsumer<String, byte[]> cons = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo pi : cons.partitionsFor(topic)) {
                parts.add(new TopicPartition(topic, pi.partition()));
            }
            cons.assign(parts);
            cons.seekToBeginning(parts);
            var end = cons.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (parts.stream().anyMatch(tp -> cons.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("raw benchmark: consumer did not reach the end offsets in 5 minutes");
                }
                got += cons.poll(Duration.ofMillis(200)).count();
            }
        }
        if (got != n) {
            throw new IllegalStateException("raw benchmark: produced " + n + " records, consumed " + got);
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        return n / sec;
    }
}
