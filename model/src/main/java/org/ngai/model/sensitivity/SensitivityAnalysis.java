package org.ngai.model.sensitivity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.engine.RunResult;
import org.ngai.model.indicator.CouplingCalibration;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;

/**
 * Global sensitivity analysis of the headline outputs to every economic parameter (issue "model
 * validity" 1): Morris elementary effects over the documented ranges, optionally Sobol indices of the
 * top Morris factors, written as docs/sensitivity.md with a fingerprint that a test recomputes cheaply.
 */
public final class SensitivityAnalysis {
    /** The docs page, relative to the repository root. */
    public static final String DOC = "docs/sensitivity.md";
    static final String SETTINGS_TAG = "<!-- sensitivity-settings: ";
    static final String FINGERPRINT_TAG = "<!-- sensitivity-fingerprint: ";
    static final int PROBE_FIRMS = 200;
    static final int PROBE_TICKS = 12;

    private SensitivityAnalysis() {
    }

    /** Everything that determines the results (not the thread count). */
    public record Settings(int trajectories, int levels, int firms, int ticks, long seed, int window, int sobolN,
                           int sobolFactors, boolean tfpGain) {
        public static Settings defaults() {
            return new Settings(8, 4, 300, 32, 20200101L, 4, 0, 10, true);
        }

        public String describe() {
            return String.format(Locale.ROOT,
                    "trajectories=%d levels=%d firms=%d ticks=%d seed=%d window=%d sobol=%d sobolFactors=%d tfpGain=%b",
                    trajectories, levels, firms, ticks, seed, window, sobolN, sobolFactors, tfpGain);
        }

        public static Settings parse(String s) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (String part : s.trim().split("\\s+")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    kv.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            return new Settings(Integer.parseInt(kv.get("trajectories")), Integer.parseInt(kv.get("levels")),
                    Integer.parseInt(kv.get("firms")), Integer.parseInt(kv.get("ticks")), Long.parseLong(kv.get("seed")),
                    Integer.parseInt(kv.get("window")), Integer.parseInt(kv.get("sobol")),
                    Integer.parseInt(kv.get("sobolFactors")), Boolean.parseBoolean(kv.get("tfpGain")));
        }

        /** The outputs computed under these settings. */
        public List<Output> outputs() {
            List<Output> out = new ArrayList<>();
            for (Output o : Output.values()) {
                if (o != Output.AI_TFP_GAIN || tfpGain) {
                    out.add(o);
                }
            }
            return out;
        }

        /** Model runs of the Morris part (the frozen-AI counterfactual doubles them). */
        public long morrisRuns() {
            return (long) trajectories * (Factors.count() + 1) * (tfpGain ? 2 : 1);
        }

        public long sobolRuns() {
            return (long) sobolN * (Math.min(sobolFactors, Factors.count()) + 2) * (tfpGain ? 2 : 1);
        }
    }

    /** Progress of the evaluations (the CLI shows a bar). */
    public interface Progress {
        void phase(String name, long total);

        void step();

        Progress NONE = new Progress() {
            @Override
            public void phase(String name, long total) {
            }

            @Override
            public void step() {
            }
        };
    }

    /** Results: Morris statistics [output][factor], the overall score, and the optional Sobol indices. */
    public record Result(Settings settings, List<Output> outputs, Morris.Design morris, Morris.Stats[][] stats,
                         double[] overall, List<Param> sobolFactors, Sobol.Indices[][] sobol, int sobolRows,
                         int sobolRejected, int failedRuns, Map<String, Integer> failures) {
        /** Factor indices ordered by decreasing μ* for output o. */
        public Integer[] ranking(int o) {
            Integer[] idx = order(Factors.count());
            Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -nz(stats[o][i].muStar())).thenComparing(i -> i));
            return idx;
        }

        public Integer[] overallRanking() {
            Integer[] idx = order(Factors.count());
            Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -nz(overall[i])).thenComparing(i -> i));
            return idx;
        }
    }

    private static Integer[] order(int n) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    private static double nz(double v) {
        return Double.isFinite(v) ? v : -1;
    }

    // ---- model evaluation --------------------------------------------------------------------------

    private static final class Base {
        static final Scenario BASELINE = ScenarioLoader.bundled("baseline");
        static final CouplingCalibration CALIBRATION = CouplingCalibration.shipped();
    }

    /** The scenario of a design point: the baseline with these parameters, size and seed. */
    static Scenario scenario(double[] u, int firms, int ticks, long seed) {
        Params p = Factors.params(u);
        return Base.BASELINE.toBuilder().name("sensitivity").firms(firms).ticks(ticks).seed(seed).params(p)
                .clearSchedule().build();
    }

    /** True when a design point makes a valid scenario (after repair). */
    static boolean valid(double[] u) {
        try {
            scenario(u, Scenario.MIN_FIRMS, 1, 1);
            return true;
        } catch (IllegalArgumentException e) { // ScenarioException and the model's own argument checks
            return false;
        }
    }

    /** Outputs at a design point (NaN where a run fails or an output is undefined). */
    static double[] evaluate(double[] u, int firms, int ticks, int window, long seed, List<Output> outputs) {
        return evaluate(u, firms, ticks, window, seed, outputs, why -> { });
    }

    /** As above; {@code failure} receives the exception of a run that throws. */
    static double[] evaluate(double[] u, int firms, int ticks, int window, long seed, List<Output> outputs,
                             java.util.function.Consumer<String> failure) {
        double[] y = new double[outputs.size()];
        Arrays.fill(y, Double.NaN);
        try {
            Scenario s = scenario(u, firms, ticks, seed);
            RunResult r = new ReferenceEngine(Base.CALIBRATION).run(s);
            RunResult frozen = outputs.contains(Output.AI_TFP_GAIN)
                    ? new ReferenceEngine(Base.CALIBRATION).run(s.toBuilder().params(s.params().with(Param.AI_FROZEN, 1)).build())
                    : null;
            List<TickIndicators> series = r.series();
            int from = Math.max(0, series.size() - window);
            for (int k = 0; k < outputs.size(); k++) {
                Output o = outputs.get(k);
                double sum = 0;
                for (int t = from; t < series.size(); t++) {
                    sum += o == Output.AI_TFP_GAIN
                            ? Math.log(series.get(t).get(org.ngai.model.indicator.Indicator.TFP_MEASURED))
                                    - Math.log(frozen.series().get(t).get(org.ngai.model.indicator.Indicator.TFP_MEASURED))
                            : o.log() ? Math.log(series.get(t).get(o.indicator)) : series.get(t).get(o.indicator);
                }
                y[k] = sum / (series.size() - from);
            }
        } catch (RuntimeException e) {
            // a failing run is recorded as NaN outputs; its elementary effects are left out
            failure.accept(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return y;
    }

    // ---- the analysis ------------------------------------------------------------------------------

    public static Result run(Settings st, int threads, Progress progress) {
        int k = Factors.count();
        List<Output> outputs = st.outputs();
        int no = outputs.size();
        Morris.Design design = Morris.design(k, st.trajectories(), st.levels(), st.seed(), Factors::snap,
                SensitivityAnalysis::valid);
        int per = k + 1;
        int nt = design.trajectories().size();
        progress.phase("Morris", (long) nt * per);
        Map<String, Integer> failures = new java.util.TreeMap<>();
        java.util.function.Consumer<String> sink = why -> {
            synchronized (failures) {
                failures.merge(why, 1, Integer::sum);
            }
        };
        double[][] flat = Parallel.map(nt * per, threads, idx -> {
            int t = idx / per;
            int j = idx % per;
            return evaluate(design.trajectories().get(t).points()[j], st.firms(), st.ticks(), st.window(),
                    st.seed() + t, outputs, sink);
        }, progress::step);
        int failed = countFailed(flat);
        Morris.Stats[][] stats = new Morris.Stats[no][];
        for (int o = 0; o < no; o++) {
            double[][] y = new double[nt][per];
            for (int t = 0; t < nt; t++) {
                for (int j = 0; j < per; j++) {
                    y[t][j] = flat[t * per + j][o];
                }
            }
            stats[o] = Morris.analyse(design, k, y);
        }
        double[] overall = new double[k];
        for (int o = 0; o < no; o++) {
            double max = 0;
            for (Morris.Stats s : stats[o]) {
                if (Double.isFinite(s.muStar())) {
                    max = Math.max(max, s.muStar());
                }
            }
            for (int i = 0; i < k; i++) {
                double m = stats[o][i].muStar();
                overall[i] += (max > 0 && Double.isFinite(m) ? m / max : 0) / no;
            }
        }
        Result partial = new Result(st, outputs, design, stats, overall, List.of(), null, 0, 0, failed, failures);
        if (st.sobolN() <= 0) {
            return partial;
        }
        // ---- Sobol indices of the top factors, the others at their defaults
        Integer[] rank = partial.overallRanking();
        int ks = Math.min(st.sobolFactors(), k);
        int[] chosen = new int[ks];
        List<Param> chosenParams = new ArrayList<>();
        for (int i = 0; i < ks; i++) {
            chosen[i] = rank[i];
            chosenParams.add(Factors.all().get(rank[i]));
        }
        double[] def = Factors.defaults();
        java.util.function.UnaryOperator<double[]> embed = v -> {
            double[] u = def.clone();
            for (int i = 0; i < ks; i++) {
                u[chosen[i]] = v[i];
            }
            return Factors.snap(u);
        };
        Sobol.Design sd = Sobol.design(ks, st.sobolN(), v -> valid(embed.apply(v)));
        int pr = ks + 2;
        int nr = sd.rows().size();
        progress.phase("Sobol", (long) nr * pr);
        double[][] sflat = Parallel.map(nr * pr, threads, idx -> {
            int row = idx / pr;
            int j = idx % pr;
            return evaluate(embed.apply(sd.rows().get(row).points()[j]), st.firms(), st.ticks(), st.window(),
                    st.seed() + 1_000_000L + row, outputs, sink);
        }, progress::step);
        failed += countFailed(sflat);
        Sobol.Indices[][] sobol = new Sobol.Indices[no][];
        for (int o = 0; o < no; o++) {
            double[][] y = new double[nr][pr];
            for (int row = 0; row < nr; row++) {
                for (int j = 0; j < pr; j++) {
                    y[row][j] = sflat[row * pr + j][o];
                }
            }
            sobol[o] = Sobol.analyse(ks, y);
        }
        return new Result(st, outputs, design, stats, overall, List.copyOf(chosenParams), sobol, nr, sd.rejected(), failed,
                failures);
    }

    private static int countFailed(double[][] flat) {
        int n = 0;
        for (double[] y : flat) {
            boolean all = true;
            for (double v : y) {
                all &= Double.isNaN(v);
            }
            if (all) {
                n++;
            }
        }
        return n;
    }

    // ---- fingerprint -------------------------------------------------------------------------------

    /**
     * The text hashed into the fingerprint: the parameter catalogue (keys, defaults, ranges), the factor
     * scales and exclusions, the settings and a probe of the model (the outputs at three design points
     * of PROBE_FIRMS firms × PROBE_TICKS ticks, full precision).
     */
    public static String fingerprintInput(Settings st) {
        StringBuilder b = new StringBuilder();
        for (Param p : Param.values()) {
            b.append(p.key).append(' ').append(p.defaultValue).append(' ').append(p.min).append(' ').append(p.max)
                    .append(' ').append(p.integer).append(' ').append(p.unit).append('\n');
        }
        for (Param p : Factors.all()) {
            b.append("factor ").append(p.key).append(Factors.log(p) ? " log" : " linear").append('\n');
        }
        for (Map.Entry<Param, String> e : Factors.EXCLUDED.entrySet()) {
            b.append("excluded ").append(e.getKey().key).append('\n');
        }
        for (String r : Factors.repairRules()) {
            b.append("repair ").append(r).append('\n');
        }
        b.append("settings ").append(st.describe()).append('\n');
        b.append(probe(st));
        return b.toString();
    }

    /** Outputs at three fixed small design points: defaults, all factors at u = 0.25, all at u = 0.75. */
    public static String probe(Settings st) {
        StringBuilder b = new StringBuilder();
        List<Output> outputs = st.outputs();
        double[][] points = {Factors.defaults(), Factors.snap(fill(0.25)), Factors.snap(fill(0.75))};
        String[] names = {"defaults", "u=0.25", "u=0.75"};
        for (int i = 0; i < points.length; i++) {
            b.append("probe ").append(names[i]).append(':');
            if (!valid(points[i])) {
                b.append(" invalid\n");
                continue;
            }
            double[] y = evaluate(points[i], PROBE_FIRMS, PROBE_TICKS, Math.min(st.window(), PROBE_TICKS), st.seed(), outputs);
            for (int o = 0; o < y.length; o++) {
                b.append(' ').append(outputs.get(o).key()).append('=').append(y[o]);
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static double[] fill(double v) {
        double[] u = new double[Factors.count()];
        Arrays.fill(u, v);
        return u;
    }

    public static String fingerprint(Settings st) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(fingerprintInput(st).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings recorded in a generated page, or null. */
    public static Settings settingsOf(String doc) {
        Matcher m = Pattern.compile(Pattern.quote(SETTINGS_TAG) + "(.*?) -->").matcher(doc);
        try {
            return m.find() ? Settings.parse(m.group(1)) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The fingerprint recorded in a generated page, or null. */
    public static String fingerprintOf(String doc) {
        Matcher m = Pattern.compile(Pattern.quote(FINGERPRINT_TAG) + "([0-9a-f]+) -->").matcher(doc);
        return m.find() ? m.group(1) : null;
    }

    /** Null when the page matches the code, else why it does not. */
    public static String staleness(String doc) {
        Settings st = settingsOf(doc);
        String recorded = fingerprintOf(doc);
        if (st == null || recorded == null) {
            return "no settings/fingerprint header";
        }
        String now = fingerprint(st);
        return now.equals(recorded) ? null : "fingerprint " + recorded + " in the page, " + now + " from the code";
    }

    // ---- the page ----------------------------------------------------------------------------------

    public static String markdown(Result r, String fingerprint, String probe) {
        Settings st = r.settings();
        StringBuilder b = new StringBuilder();
        int k = Factors.count();
        b.append("# Global sensitivity analysis\n\n");
        b.append(SETTINGS_TAG).append(st.describe()).append(" -->\n");
        b.append(FINGERPRINT_TAG).append(fingerprint).append(" -->\n\n");
        b.append("Generated by `").append(command(st)).append("` — do not edit; regenerate after changing the model. ")
                .append("A test (`SensitivityDocTest`) fails when this page no longer matches the code.\n\n");
        b.append(String.format(Locale.ROOT, "- Settings: %d Morris trajectories, %d levels (Δ = %s), %d firms × %d ticks, "
                        + "outputs averaged over the last %d ticks, base seed %d%s.%n",
                st.trajectories(), st.levels(), fmt(Morris.delta(st.levels())), st.firms(), st.ticks(), st.window(), st.seed(),
                st.sobolN() > 0 ? ", Sobol N = " + st.sobolN() + " on the top " + Math.min(st.sobolFactors(), k) + " factors"
                        : ", no Sobol indices"));
        b.append(String.format(Locale.ROOT, "- Factors: %d parameters (%d excluded, see the end); model runs: %d Morris",
                k, Factors.EXCLUDED.size(), (long) r.morris().runs() * (st.tfpGain() ? 2 : 1)));
        if (r.sobol() != null) {
            b.append(String.format(Locale.ROOT, " + %d Sobol", (long) r.sobolRows() * (r.sobolFactors().size() + 2)
                    * (st.tfpGain() ? 2 : 1)));
        }
        b.append(String.format(Locale.ROOT, "; %d trajectories rejected as invalid; %d design points whose run failed "
                + "(see *Failed runs*).%n", r.morris().rejected(), r.failedRuns()));
        b.append("- Model fingerprint `").append(fingerprint).append("`: a hash of the parameter catalogue, these settings and ")
                .append("the probe below (the outputs of ").append(PROBE_FIRMS).append(" firms × ").append(PROBE_TICKS)
                .append(" ticks at three fixed design points).\n\n");

        b.append("## Method\n\n");
        b.append("Every factor is scaled to u ∈ [0, 1] over its documented range (docs/parameters.md): linearly, or on a log ")
                .append("scale when min > 0 and max/min > 100 (marked *log*); integer parameters are rounded and the realised step ")
                .append("is used. Morris (1991) trajectories start on a ").append(st.levels()).append("-level grid at points of a ")
                .append("Sobol sequence (Hipparchus) and move one factor at a time by ±Δ in a seeded random order, so a trajectory ")
                .append("costs k + 1 = ").append(k + 1).append(" runs. All points of a trajectory share one seed (common random ")
                .append("numbers; trajectory t uses seed + t), so an elementary effect EE_i = (y(u + Δe_i) − y(u)) / Δ measures the ")
                .append("parameter, not the noise between seeds. Per output: μ* = mean |EE| (importance, Campolongo et al. 2007), ")
                .append("μ = mean EE (sign) and σ = sd of EE (non-linearity or interactions); EEs are in output units per unit of u, ")
                .append("i.e. per full documented range. *μ*/max* divides by the largest μ* of that output so outputs are comparable; ")
                .append("the overall ranking is the mean of μ*/max over the outputs. Outputs are national indicators averaged over ")
                .append("the last ").append(st.window()).append(" ticks of a run");
        if (st.tfpGain()) {
            b.append("; `tfp.aiGain` is ln `tfp.measured` minus that of the frozen-AI counterfactual (`ai.frozen` = 1, same ")
                    .append("parameters and seed), which doubles the runs");
        }
        b.append(". With few trajectories the ranking of factors with small μ* is noisy; the leading factors are robust. ")
                .append("Sobol first-order (S, Saltelli 2010 estimator) and total (ST, Jansen 1999) indices use Sobol-sequence A/B ")
                .append("matrices and cost N·(k_s + 2) runs for k_s factors, the other factors at their defaults")
                .append(st.sobolN() > 0 ? "." : " (not computed here: `--sobol N`).").append("\n\n");

        b.append("Cross-parameter repairs applied to every design point (the analysis is of the model composed with them):\n\n");
        for (String rule : Factors.repairRules()) {
            b.append("- ").append(rule).append('\n');
        }
        b.append('\n');

        b.append("## Overall ranking\n\n");
        b.append("Mean μ*/max over the ").append(r.outputs().size()).append(" outputs; the columns give μ*/max per output.\n\n");
        b.append("| # | parameter | overall |");
        for (Output o : r.outputs()) {
            b.append(' ').append(o.key()).append(" |");
        }
        b.append("\n|---:|---|---:|");
        for (int o = 0; o < r.outputs().size(); o++) {
            b.append("---:|");
        }
        b.append('\n');
        Integer[] overall = r.overallRanking();
        for (int n = 0; n < overall.length; n++) {
            int i = overall[n];
            b.append("| ").append(n + 1).append(" | `").append(Factors.all().get(i).key).append("` | ")
                    .append(fmt(r.overall()[i])).append(" |");
            for (int o = 0; o < r.outputs().size(); o++) {
                b.append(' ').append(fmt(normalised(r, o, i))).append(" |");
            }
            b.append('\n');
        }
        b.append('\n');

        b.append("## Ranking per output\n\n");
        for (int o = 0; o < r.outputs().size(); o++) {
            Output out = r.outputs().get(o);
            b.append("### `").append(out.key()).append("` (").append(out.unit()).append(")\n\n");
            b.append(out.description()).append(".\n\n");
            b.append("| # | parameter | μ* | μ*/max | μ | σ | n | unit | range |\n");
            b.append("|---:|---|---:|---:|---:|---:|---:|---|---|\n");
            Integer[] rank = r.ranking(o);
            for (int n = 0; n < Math.min(15, rank.length); n++) {
                int i = rank[n];
                Param p = Factors.all().get(i);
                Morris.Stats s = r.stats()[o][i];
                b.append("| ").append(n + 1).append(" | `").append(p.key).append("` | ").append(fmt(s.muStar())).append(" | ")
                        .append(fmt(normalised(r, o, i))).append(" | ").append(fmt(s.mu())).append(" | ").append(fmt(s.sigma()))
                        .append(" | ").append(s.n()).append(" | ").append(p.unit.isEmpty() ? "–" : p.unit).append(" | ")
                        .append(range(p)).append(" |\n");
            }
            b.append('\n');
        }

        if (r.sobol() != null) {
            b.append("## Sobol indices\n\n");
            b.append(String.format(Locale.ROOT, "N = %d rows (%d rejected as invalid) on the top %d factors of the overall ranking; "
                    + "S = first order, ST = total. Estimates carry Monte-Carlo error of a few hundredths at this N; "
                    + "ST − S measures interactions.%n%n", r.sobolRows(), r.sobolRejected(), r.sobolFactors().size()));
            b.append("| parameter |");
            for (Output o : r.outputs()) {
                b.append(' ').append(o.key()).append(" S / ST |");
            }
            b.append("\n|---|");
            for (int o = 0; o < r.outputs().size(); o++) {
                b.append("---:|");
            }
            b.append('\n');
            for (int i = 0; i < r.sobolFactors().size(); i++) {
                b.append("| `").append(r.sobolFactors().get(i).key).append("` |");
                for (int o = 0; o < r.outputs().size(); o++) {
                    Sobol.Indices x = r.sobol()[o][i];
                    b.append(' ').append(fmt2(x.first())).append(" / ").append(fmt2(x.total())).append(" |");
                }
                b.append('\n');
            }
            b.append('\n');
        }

        b.append("## Failed runs\n\n");
        if (r.failures().isEmpty()) {
            b.append("Every run completed.\n\n");
        } else {
            b.append("Runs that threw (their outputs are left out, so n < trajectories in the tables); the count is of model ")
                    .append("runs, a design point with the TFP gain has two. Parameter points inside every documented range ")
                    .append("that make the model throw are model defects to fix:\n\n| runs | exception |\n|---:|---|\n");
            r.failures().entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(10)
                    .forEach(e -> b.append("| ").append(e.getValue()).append(" | ")
                            .append(e.getKey().replace("|", "\\|").replace("\n", " ")).append(" |\n"));
            b.append('\n');
        }
        b.append("Runs where an output is undefined (e.g. no firms left, or no intelligent firms for the Theil index) also ")
                .append("give NaN for that output and reduce n.\n\n");
        b.append("## Excluded parameters\n\n");
        b.append("| parameter | default | range | reason |\n|---|---:|---|---|\n");
        for (Map.Entry<Param, String> e : Factors.EXCLUDED.entrySet()) {
            Param p = e.getKey();
            b.append("| `").append(p.key).append("` | ").append(fmt(p.defaultValue)).append(" | ").append(range(p)).append(" | ")
                    .append(e.getValue()).append(" |\n");
        }
        b.append("\nExcluded parameters stay at their defaults in every run. Log-scaled factors: ");
        List<String> logs = new ArrayList<>();
        for (Param p : Factors.all()) {
            if (Factors.log(p)) {
                logs.add("`" + p.key + "`");
            }
        }
        b.append(String.join(", ", logs)).append(".\n\n");
        b.append("## Probe\n\nThe outputs hashed into the fingerprint (").append(PROBE_FIRMS).append(" firms × ").append(PROBE_TICKS)
                .append(" ticks, seed ").append(st.seed()).append("):\n\n```\n").append(probe).append("```\n");
        return b.toString();
    }

    static String command(Settings st) {
        Settings d = Settings.defaults();
        StringBuilder b = new StringBuilder("./simulate sensitivity");
        if (st.trajectories() != d.trajectories()) {
            b.append(" --trajectories ").append(st.trajectories());
        }
        if (st.levels() != d.levels()) {
            b.append(" --levels ").append(st.levels());
        }
        if (st.firms() != d.firms()) {
            b.append(" --firms ").append(st.firms());
        }
        if (st.ticks() != d.ticks()) {
            b.append(" --ticks ").append(st.ticks());
        }
        if (st.seed() != d.seed()) {
            b.append(" --seed ").append(st.seed());
        }
        if (st.window() != d.window()) {
            b.append(" --window ").append(st.window());
        }
        if (st.sobolN() != d.sobolN()) {
            b.append(" --sobol ").append(st.sobolN());
        }
        if (st.sobolFactors() != d.sobolFactors()) {
            b.append(" --sobol-factors ").append(st.sobolFactors());
        }
        if (st.tfpGain() != d.tfpGain()) {
            b.append(st.tfpGain() ? " --tfp-gain" : " --no-tfp-gain");
        }
        return b.toString();
    }

    private static double normalised(Result r, int o, int i) {
        double max = 0;
        for (Morris.Stats s : r.stats()[o]) {
            if (Double.isFinite(s.muStar())) {
                max = Math.max(max, s.muStar());
            }
        }
        double m = r.stats()[o][i].muStar();
        return max > 0 && Double.isFinite(m) ? m / max : Double.NaN;
    }

    static String range(Param p) {
        return "[" + fmt(p.min) + ", " + fmt(p.max) + "]" + (Factors.log(p) ? " *log*" : "");
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == 0) {
            return "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String fmt2(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }
}
