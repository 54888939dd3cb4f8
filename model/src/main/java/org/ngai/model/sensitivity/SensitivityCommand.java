package org.ngai.model.sensitivity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ngai sensitivity}: Morris (and optionally Sobol) global sensitivity analysis, written to docs/sensitivity.md. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true,
        description = "Global sensitivity analysis of the headline outputs over every parameter's documented range "
                + "(Morris elementary effects; Sobol indices of the top factors with --sobol N); writes docs/sensitivity.md.")
public final class SensitivityCommand implements Callable<Integer> {
    private static final SensitivityAnalysis.Settings D = SensitivityAnalysis.Settings.defaults();

    @Option(names = "--trajectories", description = "Morris trajectories r (default: ${DEFAULT-VALUE}).")
    int trajectories = D.trajectories();
    @Option(names = "--levels", description = "Morris grid levels p, even (default: ${DEFAULT-VALUE}).")
    int levels = D.levels();
    @Option(names = "--firms", description = "Firms per run (default: ${DEFAULT-VALUE}).")
    int firms = D.firms();
    @Option(names = "--ticks", description = "Quarters per run (default: ${DEFAULT-VALUE}).")
    int ticks = D.ticks();
    @Option(names = "--seed", description = "Base seed; trajectory t runs with seed + t (default: ${DEFAULT-VALUE}).")
    long seed = D.seed();
    @Option(names = "--window", description = "Outputs are averaged over the last this many ticks (default: ${DEFAULT-VALUE}).")
    int window = D.window();
    @Option(names = "--sobol", description = "Sobol base sample size N (0 = no Sobol indices; costs N·(k+2) runs, "
            + "twice that with the TFP gain) (default: ${DEFAULT-VALUE}).")
    int sobol = D.sobolN();
    @Option(names = "--sobol-factors", description = "Top Morris factors for the Sobol indices (default: ${DEFAULT-VALUE}).")
    int sobolFactors = D.sobolFactors();
    @Option(names = "--tfp-gain", negatable = true, description = "Compute the AI TFP gain against the frozen-AI counterfactual "
            + "(doubles the runs) (default: ${DEFAULT-VALUE}).")
    boolean tfpGain = D.tfpGain();
    @Option(names = "--threads", description = "Worker threads, each run single-threaded; results do not depend on it "
            + "(default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();
    @Option(names = "--out", description = "Page to write (default: ${DEFAULT-VALUE}).")
    Path out = Path.of(SensitivityAnalysis.DOC);
    @Option(names = "--check", description = "Only check that the page matches the code (cheap; exit 1 if stale).")
    boolean check;
    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (check) {
            if (!Files.isRegularFile(out)) {
                System.err.println(out + " does not exist: run ./simulate sensitivity");
                return 1;
            }
            String why = SensitivityAnalysis.staleness(Files.readString(out, StandardCharsets.UTF_8));
            if (why != null) {
                System.err.println(out + " is stale (" + why + "): run ./simulate sensitivity");
                return 1;
            }
            System.out.println(out + " is up to date");
            return 0;
        }
        SensitivityAnalysis.Settings st = new SensitivityAnalysis.Settings(trajectories, levels, firms, ticks, seed, window,
                sobol, sobolFactors, tfpGain);
        System.out.printf("sensitivity: %d factors, %s; %d model runs (design points × %d) on %d threads%n", Factors.count(), st.describe(),
                st.morrisRuns() + st.sobolRuns(), st.tfpGain() ? 2 : 1, threads);
        long start = System.nanoTime();
        SensitivityAnalysis.Result r;
        if (quiet) {
            r = SensitivityAnalysis.run(st, threads, SensitivityAnalysis.Progress.NONE);
        } else {
            Bar bar = new Bar();
            try {
                r = SensitivityAnalysis.run(st, threads, bar);
            } finally {
                bar.close();
            }
        }
        String probe = SensitivityAnalysis.probe(st);
        String fingerprint = SensitivityAnalysis.fingerprint(st);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, SensitivityAnalysis.markdown(r, fingerprint, probe), StandardCharsets.UTF_8);
        System.out.printf("wrote %s (fingerprint %s) in %.1f s%n", out, fingerprint, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** A progress bar per phase (Morris, Sobol); steps come from the worker threads. */
    private static final class Bar implements SensitivityAnalysis.Progress {
        private ProgressBar pb;

        @Override
        public synchronized void phase(String name, long total) {
            close();
            pb = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" points", 1).showSpeed().build();
        }

        @Override
        public synchronized void step() {
            if (pb != null) {
                pb.step();
            }
        }

        synchronized void close() {
            if (pb != null) {
                pb.close();
                pb = null;
            }
        }
    }
}
