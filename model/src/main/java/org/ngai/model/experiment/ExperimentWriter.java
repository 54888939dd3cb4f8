package org.ngai.model.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ngai.model.engine.SeriesReport;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.ScenarioLoader;

/**
 * Writes an {@link ExperimentResult}: {@code summary.csv} (per cell, indicator and tick: n, mean, sd, 95%
 * interval), {@code paired.csv} (the same for the paired differences cell − control), {@code window.csv}
 * (window means and paired differences), {@code experiment.json} (all of it, with the experiment's
 * definition and seeds) and {@code experiment.html} (one chart per indicator: each cell's mean with its 95%
 * band, the control dashed; and the table of window differences).
 */
public final class ExperimentWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> STAT = List.of("n", "mean", "sd", "lo", "hi");

    private ExperimentWriter() {
    }

    /** Writes all output files into {@code dir} and returns their paths. */
    public static List<Path> write(ExperimentResult r, Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> out = List.of(dir.resolve("summary.csv"), dir.resolve("paired.csv"), dir.resolve("window.csv"),
                    dir.resolve("experiment.json"), dir.resolve("experiment.html"));
            try (BufferedWriter w = Files.newBufferedWriter(out.get(0), StandardCharsets.UTF_8)) {
                writeSummaryCsv(r, w);
            }
            try (BufferedWriter w = Files.newBufferedWriter(out.get(1), StandardCharsets.UTF_8)) {
                writePairedCsv(r, w);
            }
            try (BufferedWriter w = Files.newBufferedWriter(out.get(2), StandardCharsets.UTF_8)) {
                writeWindowCsv(r, w);
            }
            JSON.writeValue(out.get(3).toFile(), toJson(r));
            Files.writeString(out.get(4), html(r), StandardCharsets.UTF_8);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Long format: cell, indicator, tick, quarter, n, mean, sd, lo, hi. */
    public static void writeSummaryCsv(ExperimentResult r, Appendable w) throws IOException {
        Experiment e = r.experiment();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            p.printRecord("cell", "indicator", "tick", "quarter", "n", "mean", "sd", "lo", "hi");
            for (int c = 0; c < e.cells().size(); c++) {
                for (Indicator i : e.indicators()) {
                    for (int t = 1; t <= r.ticks(); t++) {
                        p.printRecord(row(List.of(e.cells().get(c).name(), i.key, t, TickIndicators.quarter(t)), r.at(c, i, t)));
                    }
                }
            }
        }
    }

    /** Long format: cell, control, indicator, tick, quarter, n, mean, sd, lo, hi of cell − control (paired by seed). */
    public static void writePairedCsv(ExperimentResult r, Appendable w) throws IOException {
        Experiment e = r.experiment();
        String control = e.controlCell().name();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            p.printRecord("cell", "control", "indicator", "tick", "quarter", "n", "mean", "sd", "lo", "hi");
            for (int c = 0; c < e.cells().size(); c++) {
                if (c == e.control()) {
                    continue;
                }
                for (Indicator i : e.indicators()) {
                    for (int t = 1; t <= r.ticks(); t++) {
                        p.printRecord(row(List.of(e.cells().get(c).name(), control, i.key, t, TickIndicators.quarter(t)),
                                r.pairedAt(c, i, t)));
                    }
                }
            }
        }
    }

    /** Per cell and indicator over the window: the cell's mean and, for other cells, the paired difference. */
    public static void writeWindowCsv(ExperimentResult r, Appendable w) throws IOException {
        Experiment e = r.experiment();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            p.printRecord("cell", "indicator", "from", "to", "n", "mean", "sd", "lo", "hi", "diff_n", "diff_mean", "diff_sd",
                    "diff_lo", "diff_hi", "diff_excludes_zero");
            for (int c = 0; c < e.cells().size(); c++) {
                for (Indicator i : e.indicators()) {
                    List<Object> row = row(List.of(e.cells().get(c).name(), i.key, e.windowFrom(), e.windowTo()), r.window(c, i));
                    if (c == e.control()) {
                        row.addAll(List.of("", "", "", "", "", ""));
                    } else {
                        Summary d = r.pairedWindow(c, i);
                        row.addAll(row(List.of(), d));
                        row.add(d.excludesZero());
                    }
                    p.printRecord(row);
                }
            }
        }
    }

    private static List<Object> row(List<Object> keys, Summary s) {
        List<Object> row = new ArrayList<>(keys);
        row.add(s.n());
        row.add(cell(s.mean()));
        row.add(cell(s.sd()));
        row.add(cell(s.lo()));
        row.add(cell(s.hi()));
        return row;
    }

    private static Object cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /** Everything: the definition (cells as normalised scenarios, seeds), per-tick and window statistics. */
    public static ObjectNode toJson(ExperimentResult r) {
        Experiment e = r.experiment();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode def = root.putObject("experiment");
        def.put("name", e.name());
        def.put("description", e.description());
        def.put("baseSeed", e.baseSeed());
        def.put("replicates", e.replicates());
        def.put("firms", e.firms());
        def.put("ticks", e.ticks());
        def.put("control", e.controlCell().name());
        def.putArray("window").add(e.windowFrom()).add(e.windowTo());
        ArrayNode seeds = def.putArray("seeds");
        for (int k = 0; k < e.replicates(); k++) {
            seeds.add(e.seed(k));
        }
        ArrayNode inds = def.putArray("indicators");
        e.indicators().forEach(i -> inds.add(i.key));
        ArrayNode cells = def.putArray("cells");
        for (Experiment.Cell c : e.cells()) {
            ObjectNode n = cells.addObject();
            n.put("name", c.name());
            ObjectNode sc = ScenarioLoader.toTree(c.scenario());
            sc.remove("seed");
            n.set("scenario", sc);
        }
        root.put("elapsedSeconds", r.elapsedNanos() / 1e9);
        ArrayNode quarters = root.putArray("quarters");
        r.quarters().forEach(quarters::add);
        ObjectNode byCell = root.putObject("cells");
        ObjectNode paired = root.putObject("paired");
        for (int c = 0; c < e.cells().size(); c++) {
            ObjectNode cn = byCell.putObject(e.cells().get(c).name());
            ObjectNode pn = c == e.control() ? null : paired.putObject(e.cells().get(c).name());
            for (Indicator i : e.indicators()) {
                List<Summary> at = new ArrayList<>();
                List<Summary> diff = new ArrayList<>();
                for (int t = 1; t <= r.ticks(); t++) {
                    at.add(r.at(c, i, t));
                    if (pn != null) {
                        diff.add(r.pairedAt(c, i, t));
                    }
                }
                ObjectNode in = series(cn.putObject(i.key), at);
                stat(in.putObject("window"), r.window(c, i));
                if (pn != null) {
                    ObjectNode dn = series(pn.putObject(i.key), diff);
                    stat(dn.putObject("window"), r.pairedWindow(c, i));
                }
            }
        }
        return root;
    }

    private static ObjectNode series(ObjectNode n, List<Summary> s) {
        ArrayNode[] cols = new ArrayNode[STAT.size()];
        for (int k = 0; k < cols.length; k++) {
            cols[k] = n.putArray(STAT.get(k));
        }
        for (Summary x : s) {
            cols[0].add(x.n());
            num(cols[1], x.mean());
            num(cols[2], x.sd());
            num(cols[3], x.lo());
            num(cols[4], x.hi());
        }
        return n;
    }

    private static void num(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }

    private static void stat(ObjectNode n, Summary s) {
        n.put("n", s.n());
        put(n, "mean", s.mean());
        put(n, "sd", s.sd());
        put(n, "lo", s.lo());
        put(n, "hi", s.hi());
        n.put("excludesZero", s.excludesZero());
    }

    private static void put(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    /** One chart per indicator (each cell's mean with a shaded 95% band; the control dashed) and the window table. */
    public static String html(ExperimentResult r) {
        Experiment e = r.experiment();
        List<SeriesReport.Chart> charts = new ArrayList<>();
        for (Indicator i : e.indicators()) {
            List<SeriesReport.Line> lines = new ArrayList<>();
            for (int c = 0; c < e.cells().size(); c++) {
                double[] mean = new double[r.ticks()];
                double[] lo = new double[r.ticks()];
                double[] hi = new double[r.ticks()];
                for (int t = 1; t <= r.ticks(); t++) {
                    Summary s = r.at(c, i, t);
                    mean[t - 1] = s.mean();
                    lo[t - 1] = s.lo();
                    hi[t - 1] = s.hi();
                }
                boolean control = c == e.control();
                lines.add(new SeriesReport.Line(e.cells().get(c).name() + (control ? " (control)" : ""), mean, c, control,
                        e.replicates() > 1 ? lo : null, e.replicates() > 1 ? hi : null));
            }
            charts.add(new SeriesReport.Chart(i.key, i.section, i.description, i.unit, lines, false));
        }
        String meta = String.format(Locale.ROOT, "%d cells × %d replicates · %d firms · %d quarters (%s – %s) · seeds from %d "
                        + "(common random numbers: replicate k of every cell uses seed_k) · lines: mean over replicates, "
                        + "bands: 95%% t interval · dashed: control %s · wall %.1f s",
                e.cells().size(), e.replicates(), e.firms(), r.ticks(), TickIndicators.quarter(1), TickIndicators.quarter(r.ticks()),
                e.baseSeed(), e.controlCell().name(), r.elapsedNanos() / 1e9);
        return SeriesReport.page(e.name(), "experiment " + e.name(), meta, charts, r.quarters(), windowTableHtml(r));
    }

    static String windowTableHtml(ExperimentResult r) {
        Experiment e = r.experiment();
        StringBuilder b = new StringBuilder();
        b.append("<h2>Paired differences vs ").append(SeriesReport.esc(e.controlCell().name())).append(", window ")
                .append(TickIndicators.quarter(e.windowFrom())).append(" – ").append(TickIndicators.quarter(e.windowTo()))
                .append(" (ticks ").append(e.windowFrom()).append("..").append(e.windowTo()).append(")</h2>\n")
                .append("<p class=\"meta\">per replicate: mean over the window of cell − control (same seed); mean, sd and 95% t "
                        + "interval over replicates; bold rows: the interval excludes 0</p>\n");
        b.append("<table><tr><th class=\"l\">cell</th><th class=\"l\">indicator</th><th>control</th><th>cell</th><th>Δ</th>"
                + "<th>95% interval</th><th>sd</th><th>n</th><th>excludes 0</th></tr>\n");
        for (int c = 0; c < e.cells().size(); c++) {
            if (c == e.control()) {
                continue;
            }
            for (Indicator i : e.indicators()) {
                Summary d = r.pairedWindow(c, i);
                b.append(d.excludesZero() ? "<tr class=\"sig\">" : "<tr>")
                        .append("<td class=\"l\">").append(SeriesReport.esc(e.cells().get(c).name())).append("</td>")
                        .append("<td class=\"l\">").append(SeriesReport.esc(i.key)).append("</td>")
                        .append("<td>").append(fmt(r.window(e.control(), i).mean())).append("</td>")
                        .append("<td>").append(fmt(r.window(c, i).mean())).append("</td>")
                        .append("<td>").append(signed(d.mean())).append("</td>")
                        .append("<td>").append(interval(d)).append("</td>")
                        .append("<td>").append(fmt(d.sd())).append("</td>")
                        .append("<td>").append(d.n()).append("</td>")
                        .append("<td>").append(d.excludesZero() ? (d.lo() > 0 ? "yes, up" : "yes, down") : "").append("</td></tr>\n");
            }
        }
        b.append("</table>\n");
        return b.toString();
    }

    /**
     * The window paired differences as a text table (what {@code ngai experiment} prints at the end); a
     * {@code *} marks an interval that excludes zero.
     */
    public static String summaryTable(ExperimentResult r) {
        Experiment e = r.experiment();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "window %s – %s (ticks %d..%d), %d replicates: paired differences cell − %s "
                        + "(95%% t interval; * excludes 0)%n", TickIndicators.quarter(e.windowFrom()), TickIndicators.quarter(e.windowTo()),
                e.windowFrom(), e.windowTo(), e.replicates(), e.controlCell().name()));
        for (int c = 0; c < e.cells().size(); c++) {
            if (c == e.control()) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "%n%s%n", e.cells().get(c).name()));
            b.append(String.format(Locale.ROOT, "  %-34s %11s %11s %11s  %-25s %4s%n", "indicator (national)", "control", "cell", "Δ",
                    "95% interval", "n"));
            for (Indicator i : e.indicators()) {
                Summary d = r.pairedWindow(c, i);
                b.append(String.format(Locale.ROOT, "  %-34s %11s %11s %11s  %-25s %4d%s%n", i.key, fmt(r.window(e.control(), i).mean()),
                        fmt(r.window(c, i).mean()), signed(d.mean()), interval(d), d.n(), d.excludesZero() ? " *" : ""));
            }
        }
        return b.toString();
    }

    static String interval(Summary d) {
        return Double.isNaN(d.lo()) ? "–" : "[" + signed(d.lo()) + ", " + signed(d.hi()) + "]";
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String signed(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        String s = fmt(v);
        return v > 0 ? "+" + s : v == 0 ? "0" : s;
    }
}
