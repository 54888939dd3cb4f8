package org.ngai.model.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.ngai.model.indicator.CouplingCalibration;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioException;
import org.ngai.model.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Command line of the in-process reference engine:
 * {@code ngai run | compare | experiment | bench | params | indicators | validate | calibrate-coupling}.
 */
@Command(name = "ngai", mixinStandardHelpOptions = true, version = "ngai 0.1.0",
        description = "Agent-based simulation of AI-driven industrial transformation (Cao, Liu, Zheng 2025).",
        subcommands = {Cli.Run.class, Cli.Compare.class, Cli.RunExperiment.class, Cli.Bench.class, Cli.Params.class, Cli.Indicators.class, Cli.Validate.class,
            Cli.CalibrateCoupling.class, org.ngai.model.sensitivity.SensitivityCommand.class})
public final class Cli {

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ScenarioException) {
                cmd.getErr().println("invalid scenario: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        System.exit(cl.execute(args));
    }

    @Command(name = "run", description = "Run a scenario in the reference engine, print the indicator table and write the series.")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", defaultValue = "baseline", description = "Scenario file or bundled name (default: ${DEFAULT-VALUE}).")
        String scenario;
        @Mixin
        ScenarioOverrides overrides;
        @Option(names = "--out", defaultValue = "results", description = "Folder for results (default: ${DEFAULT-VALUE}).")
        Path out;
        @Option(names = "--quiet", description = "No progress bar.")
        boolean quiet;

        @Override
        public Integer call() {
            Scenario s = overrides.apply(scenario);
            System.out.printf("Scenario %s: %d firms, %d quarters from 2020Q1, seed %d, %s mode%n", s.name(), s.firms(),
                    s.ticks(), s.seed(), s.gameMode());
            RunResult r;
            if (quiet) {
                r = new ReferenceEngine().run(s);
            } else {
                try (ProgressBar pb = new ProgressBarBuilder().setTaskName(s.name()).setInitialMax(s.ticks())
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" qtr", 1).showSpeed().build()) {
                    r = new ReferenceEngine().run(s, (t, n, ind) -> {
                        pb.stepTo(t);
                        pb.setExtraMessage(String.format("%s S3 %.3f pen %.3f u %.3f", ind.quarter(),
                                ind.get(Indicator.STAGE_INTELLIGENT), ind.get(Indicator.AI_PENETRATION),
                                ind.get(Indicator.UNEMPLOYMENT)));
                    });
                }
            }
            int n = s.ticks();
            System.out.println();
            System.out.print(IndicatorTable.render(r.series(), 1, Math.min(n, 17), Math.min(n, 41), n));
            Path dir = out.resolve(s.name() + "-seed" + s.seed());
            List<Path> files = SeriesExport.write(s, r.series(), dir);
            System.out.printf("%nwall %.2f s, %.0f firm-ticks/s; series written to %s (%s)%n", r.elapsedNanos() / 1e9,
                    r.firmTicks() / (r.elapsedNanos() / 1e9), dir, files.stream().map(p -> p.getFileName().toString()).toList());
            return 0;
        }
    }

    @Command(name = "compare", description = "Run a scenario (a policy lever) and a comparison scenario with the same firms, "
            + "quarters and seed; print both and the differences, and write the series and an overlaid chart page. "
            + "With --replicates N > 1: N seeds each (common random numbers), differences with 95% intervals "
            + "(the one-cell case of 'experiment').")
    static final class Compare implements Callable<Integer> {
        @Parameters(index = "0", description = "Scenario file or bundled name, e.g. financing-support.")
        String scenario;
        @Option(names = "--against", defaultValue = "baseline", description = "Comparison scenario (default: ${DEFAULT-VALUE}).")
        String against;
        /** Applied to both runs. */
        @Mixin
        ScenarioOverrides overrides;
        @Option(names = "--out", defaultValue = "results", description = "Folder for results (default: ${DEFAULT-VALUE}).")
        Path out;
        @Option(names = "--replicates", defaultValue = "1", description = "Seeds per scenario (default: ${DEFAULT-VALUE}; "
                + "replicate 0 uses the scenario's seed).")
        int replicates;
        @Option(names = "--threads", defaultValue = "0", description = "Worker threads (default: all cores).")
        int threads;
        @Option(names = "--quiet", description = "No progress bar.")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            Scenario base = overrides.apply(against);
            Scenario policy = overrides.apply(scenario);
            System.out.printf("%s vs %s: %d firms, %d quarters from 2020Q1, seed %d%s (reference engine)%n", policy.name(),
                    base.name(), policy.firms(), policy.ticks(), policy.seed(),
                    replicates > 1 ? ", " + replicates + " replicates" : "");
            Comparison c;
            if (quiet || replicates == 1) {
                c = Comparison.run(base, policy, replicates, threads, (d, t) -> { });
            } else {
                try (ProgressBar pb = progressBar(policy.name() + " vs " + base.name(), 2L * replicates)) {
                    c = Comparison.run(base, policy, replicates, threads, (d, t) -> pb.stepTo(d));
                }
                System.out.println();
            }
            System.out.print(c.table());
            Path dir = out.resolve(policy.name() + "-vs-" + base.name() + "-seed" + policy.seed());
            SeriesExport.write(base, c.baseSeries(), dir.resolve(base.name()));
            SeriesExport.write(policy, c.policySeries(), dir.resolve(policy.name()));
            Files.writeString(dir.resolve("compare.html"), SeriesReport.compareHtml(c));
            System.out.printf("%nseries of both runs (seed %d) and the overlaid charts (compare.html) written to %s%n",
                    policy.seed(), dir);
            if (replicates > 1) {
                Path rep = dir.resolve("replicates");
                ExperimentWriter.write(c.experiment(), rep);
                System.out.printf("statistics over the %d replicates (CSV, JSON, experiment.html) written to %s%n", replicates, rep);
            }
            return 0;
        }
    }

    @Command(name = "experiment", description = "Run a replicated experiment file (cells × replicates with common random "
            + "numbers, docs/experiments.md); print the window paired differences with 95% intervals and write CSV, JSON "
            + "and a chart page.")
    static final class RunExperiment implements Callable<Integer> {
        @Parameters(index = "0", description = "Experiment file (YAML), e.g. experiments/levers.yaml.")
        Path file;
        @Option(names = "--threads", description = "Worker threads (default: the file's threads, else all cores).")
        Integer threads;
        @Option(names = "--out", defaultValue = "results", description = "Folder for results (default: ${DEFAULT-VALUE}).")
        Path out;
        @Option(names = "--quiet", description = "No progress bar.")
        boolean quiet;

        @Override
        public Integer call() {
            Experiment e;
            try {
                e = ExperimentLoader.load(file);
            } catch (ScenarioException ex) {
                System.err.println("invalid experiment " + file + ": " + ex.getMessage());
                return 2;
            }
            int th = threads != null ? threads : e.threads();
            int used = Math.min(e.runs(), th > 0 ? th : Runtime.getRuntime().availableProcessors());
            System.out.printf("Experiment %s: %d cells × %d replicates = %d runs, %d firms, %d quarters, seeds from %d, "
                    + "control %s, %d threads%n", e.name(), e.cells().size(), e.replicates(), e.runs(), e.firms(), e.ticks(),
                    e.baseSeed(), e.controlCell().name(), used);
            ExperimentResult r;
            if (quiet) {
                r = ExperimentRunner.run(e, th, (d, t) -> { });
            } else {
                try (ProgressBar pb = progressBar(e.name(), e.runs())) {
                    r = ExperimentRunner.run(e, th, (d, t) -> pb.stepTo(d));
                }
            }
            System.out.println();
            System.out.print(ExperimentWriter.summaryTable(r));
            Path dir = out.resolve(e.name());
            List<Path> files = ExperimentWriter.write(r, dir);
            System.out.printf("%nwall %.1f s for %d runs on %d threads; written to %s (%s)%n", r.elapsedNanos() / 1e9, e.runs(),
                    used, dir, files.stream().map(p -> p.getFileName().toString()).toList());
            return 0;
        }
    }

    static ProgressBar progressBar(String task, long runs) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(runs).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" runs", 1).showSpeed().build();
    }

    @Command(name = "bench", description = "Benchmark the reference engine: firm-ticks/s, wall time, peak heap, heap per firm.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--firms", split = ",", defaultValue = "10000,100000", description = "Population sizes (default: ${DEFAULT-VALUE}).")
        List<Integer> firms;
        @Option(names = "--ticks", defaultValue = "60", description = "Quarters (default: ${DEFAULT-VALUE}).")
        int ticks;
        @Option(names = "--scenario", defaultValue = "baseline")
        String scenario;

        @Override
        public Integer call() {
            System.out.printf("reference engine, one thread, scenario %s, %d ticks, JVM max heap %d MB%n", scenario, ticks,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("%10s %12s %16s %14s %18s%n", "firms", "wall s", "firm-ticks/s", "peak heap MB", "heap/firm bytes");
            for (int n : firms) {
                Scenario s = ScenarioOverrides.resolve(scenario, n, ticks, null);
                // warm-up on a small population so JIT compilation is not charged to the measurement
                new ReferenceEngine().run(s.toBuilder().firms(Math.min(n, 2000)).ticks(Math.min(ticks, 20)).build());
                long before = usedAfterGc();
                RunSetup.Initial init = RunSetup.create(s);
                long retained = usedAfterGc() - before;
                int keep = init.population().firms().size();
                init = null;
                resetPeaks();
                RunResult r = new ReferenceEngine().run(s);
                long peak = peakHeap();
                System.out.printf("%10d %12.2f %16.0f %14d %18d%n", n, r.elapsedNanos() / 1e9,
                        r.firmTicks() / (r.elapsedNanos() / 1e9), peak >> 20, retained / Math.max(1, keep));
            }
            System.out.println("aims (issue 2): >= 200,000 firm-ticks/s on one core; <= 2,048 bytes of heap per firm");
            return 0;
        }

        private static long usedAfterGc() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }

        private static void resetPeaks() {
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    p.resetPeakUsage();
                }
            }
        }

        private static long peakHeap() {
            long sum = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    sum += p.getPeakUsage().getUsed();
                }
            }
            return sum;
        }
    }

    @Command(name = "params", description = "Print the parameter catalogue (key, default, range, unit, spec section, source).")
    static final class Params implements Callable<Integer> {
        @Option(names = "--markdown", description = "As a Markdown table (docs/parameters.md).")
        boolean markdown;

        @Override
        public Integer call() {
            System.out.print(markdown ? Catalogue.parametersMarkdown() : Catalogue.parametersText());
            return 0;
        }
    }

    @Command(name = "indicators", description = "Print the indicator catalogue (key, unit, scopes, spec section).")
    static final class Indicators implements Callable<Integer> {
        @Option(names = "--markdown", description = "As a Markdown table (docs/indicators.md).")
        boolean markdown;

        @Override
        public Integer call() {
            System.out.print(Catalogue.indicatorsMarkdown());
            return 0;
        }
    }

    @Command(name = "validate", description = "Validate scenario files; errors name the field and the allowed range.")
    static final class Validate implements Callable<Integer> {
        @Parameters(arity = "1..*", description = "Scenario files.")
        List<Path> files;

        @Override
        public Integer call() {
            int bad = 0;
            for (Path f : files) {
                try {
                    Scenario s = ScenarioLoader.load(f);
                    System.out.printf("ok   %s (%s, %d firms, %d ticks)%n", f, s.name(), s.firms(), s.ticks());
                } catch (ScenarioException e) {
                    System.out.printf("FAIL %s: %s%n", f, e.getMessage());
                    bad++;
                }
            }
            return bad == 0 ? 0 : 2;
        }
    }

    @Command(name = "calibrate-coupling", description = "Fit the B5 normalisation bounds and entropy weights on the baseline panel.")
    static final class CalibrateCoupling implements Callable<Integer> {
        @Option(names = "--out", defaultValue = "model/src/main/resources/coupling-calibration.json")
        Path out;

        @Override
        public Integer call() throws Exception {
            CouplingCalibration c = Catalogue.fitCoupling(ScenarioLoader.bundled("baseline"));
            Files.writeString(out, c.toJson() + "\n");
            System.out.println("wrote " + out);
            return 0;
        }
    }

}
