package org.ngai.model.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.ngai.model.core.Cluster;
import org.ngai.model.core.Region;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;

/**
 * A run's indicator series as one self-contained HTML page of line charts (inline SVG, no scripts, no
 * network), one chart per mechanism of docs/specification.md, each with the stylised fact of spec §E3 it should
 * show. Written next to the CSV and JSON files, so a run can be looked at before it is read.
 */
public final class SeriesReport {
    /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
    private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};
    private static final int W = 460;
    private static final int H = 250;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 14;
    private static final int BOTTOM = 58;
    private static final int LEGEND_ROW = 14;
    /** Average advance of an 11 px sans-serif character, generous so that labels never overlap. */
    private static final double LEGEND_CHAR = 6.6;

    /**
     * One line of a chart: a label and its value per tick (NaN where undefined: a gap); its colour index
     * (−1: by position), whether it is dashed (the comparison run of a {@link Comparison}) and an optional
     * band drawn shaded behind it ({@code lower}/{@code upper} per tick, e.g. a 95% confidence interval; null: none).
     */
    public record Line(String label, double[] values, int colour, boolean dashed, double[] lower, double[] upper) {
        public Line(String label, double[] values, int colour, boolean dashed) {
            this(label, values, colour, dashed, null, null);
        }

        public Line(String label, double[] values) {
            this(label, values, -1, false);
        }
    }

    /** One chart: title, the docs/specification.md sections it shows, what the paper expects to see, its lines. */
    public record Chart(String title, String sections, String expect, String unit, List<Line> lines, boolean zeroLine) {
    }

    private SeriesReport() {
    }

    /** Writes {@code report.html} into {@code dir} and returns its path. */
    public static Path write(Scenario scenario, List<TickIndicators> series, Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("report.html");
            Files.writeString(file, html(scenario, series), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The charts of a run, in the order of the paper's argument. */
    public static List<Chart> charts(List<TickIndicators> series) {
        List<Chart> c = new ArrayList<>();
        c.add(national(series, "Adoption stages", "A6, E3.7", "adoption follows an S-shaped (Bass) curve; firms move manual → digitalised → networked → intelligent",
                "share of firms", false, Indicator.STAGE_MANUAL, Indicator.STAGE_DIGITALISED, Indicator.STAGE_NETWORKED,
                Indicator.STAGE_INTELLIGENT));
        c.add(byCluster(series));
        c.add(national(series, "AI in the task mix", "A1, A5, B1", "AI takes a growing share of tasks, much of it by augmenting workers rather than replacing them",
                "share of task wage bill", false, Indicator.AI_PENETRATION, Indicator.AUGMENTATION));
        c.add(national(series, "Measured and true TFP", "A3, C", "intangible investment makes measured TFP lag true TFP after adoption, then overtake it",
                "index, first quarter = 1", false, Indicator.TFP_MEASURED, Indicator.TFP_TRUE));
        c.add(national(series, "Productivity J-curve gap", "C, E3.1", "ln TFP_true − ln TFP_measured is positive early and falls below zero later",
                "ln points", true, Indicator.JCURVE_GAP));
        c.add(national(series, "Displacement and reinstatement", "A2, E3.2", "automation displaces labour from tasks; new tasks reinstate it",
                "share of wage bill", false, Indicator.DISPLACEMENT, Indicator.REINSTATEMENT));
        c.add(national(series, "Skill premium", "A2, E3.4", "the skill premium rises with AI capital (capital–skill complementarity)",
                "w_H / w_L", false, Indicator.SKILL_PREMIUM));
        c.add(national(series, "Labour market", "A2, B4", "upgrading raises the high-skill share; matching lowers unemployment",
                "share", false, Indicator.HIGH_SKILL_SHARE, Indicator.LABOUR_SHARE, Indicator.UNEMPLOYMENT));
        c.add(national(series, "Separating equilibria", "B3", "AI screening raises the disguise cost C above the gain P: pooling markets turn separating",
                "share of regional markets", false, Indicator.LAB_SEPARATING, Indicator.FIN_SEPARATING, Indicator.TECH_SEPARATING));
        c.add(national(series, "Market efficiency", "B3", "in a separating market good types trade and lemons do not",
                "E_m", false, Indicator.LAB_EFFICIENCY, Indicator.FIN_EFFICIENCY, Indicator.TECH_EFFICIENCY));
        c.add(national(series, "Four subsystems and coordination", "B5", "real economy, innovation, finance and human resources move together: D rises",
                "index in [0,1]", false, Indicator.U_RE, Indicator.U_TI, Indicator.U_MF, Indicator.U_HR, Indicator.COORDINATION));
        c.add(national(series, "Regional imbalance", "C, E3.9", "AI activity concentrates in the leading clusters, then diffuses",
                "Theil / Gini", false, Indicator.INTELLIGENT_THEIL, Indicator.VENDOR_THEIL, Indicator.VENDOR_GINI));
        c.add(national(series, "AI industry", "A3f, A5", "pooled data raise AI quality; the capability frontier moves out",
                "index", false, Indicator.Q_AI, Indicator.THETA));
        c.add(national(series, "Energy", "A7, E3.14", "AI's share of electricity rises despite efficiency gains",
                "share of firm electricity", false, Indicator.AI_ENERGY_SHARE));
        c.add(national(series, "Slow and fast deaths", "A6.7", "not transforming is slow death; transforming badly is fast death",
                "firms per quarter", false, Indicator.SLOW_DEATHS, Indicator.FAST_DEATHS));
        return c;
    }

    static Chart national(List<TickIndicators> series, String title, String sections, String expect, String unit,
                          boolean zeroLine, Indicator... indicators) {
        List<Line> lines = new ArrayList<>();
        for (Indicator i : indicators) {
            lines.add(new Line(i.key, values(series, t -> t.get(i))));
        }
        return new Chart(title, sections, expect, unit, lines, zeroLine);
    }

    /** Intelligent-stage share per cluster: the regions' shares weighted by their live firms. */
    static Chart byCluster(List<TickIndicators> series) {
        List<Line> lines = new ArrayList<>();
        for (Cluster cl : Cluster.values()) {
            lines.add(new Line(cl.name(), values(series, t -> {
                double firms = 0;
                double adopters = 0;
                for (Region r : Region.ALL) {
                    if (r.cluster() == cl) {
                        double n = t.region(Indicator.FIRMS, r.index());
                        double s = t.region(Indicator.STAGE_INTELLIGENT, r.index());
                        if (n > 0 && !Double.isNaN(s)) {
                            firms += n;
                            adopters += n * s;
                        }
                    }
                }
                return firms > 0 ? adopters / firms : Double.NaN;
            })));
        }
        return new Chart("Intelligent firms by cluster", "C, E1", "adoption leads in the JJJ, YRD and PRD clusters; other regions lag",
                "share of firms at stage 3", lines, false);
    }

    private static double[] values(List<TickIndicators> series, ToDoubleFunction<TickIndicators> f) {
        double[] v = new double[series.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = f.applyAsDouble(series.get(k));
        }
        return v;
    }

    public static String html(Scenario s, List<TickIndicators> series) {
        String meta = "seed " + s.seed() + " · " + s.firms() + " firms · " + series.size() + " quarters (" + span(series)
                + ") · sections refer to docs/specification.md; each chart says what the paper expects to see";
        return page(s.name(), s.name() + " · seed " + s.seed(), meta, charts(series), series);
    }

    /**
     * The charts of two runs on one page: the comparison run dashed, the scenario solid, one colour per
     * indicator. Both runs must have the same ticks ({@link Comparison} checks it).
     */
    public static String compareHtml(Comparison c) {
        List<Chart> base = charts(c.baseSeries());
        List<Chart> policy = charts(c.policySeries());
        List<Chart> merged = new ArrayList<>();
        for (int k = 0; k < policy.size(); k++) {
            Chart p = policy.get(k);
            List<Line> lines = new ArrayList<>();
            for (int j = 0; j < p.lines().size(); j++) {
                Line bl = base.get(k).lines().get(j);
                lines.add(new Line(bl.label() + " · " + c.base().name(), bl.values(), j, true));
                lines.add(new Line(p.lines().get(j).label(), p.lines().get(j).values(), j, false));
            }
            merged.add(new Chart(p.title(), p.sections(), p.expect(), p.unit(), lines, p.zeroLine()));
        }
        String title = c.policy().name() + " vs " + c.base().name();
        String meta = "solid: " + c.policy().name() + ", dashed: " + c.base().name() + " · same seed " + c.policy().seed()
                + " (common random numbers: the difference is the policy's) · " + c.policy().firms() + " firms · "
                + c.policySeries().size() + " quarters (" + span(c.policySeries()) + ") · sections refer to docs/specification.md";
        return page(title, title, meta, merged, c.policySeries());
    }

    private static String span(List<TickIndicators> series) {
        return series.isEmpty() ? "no ticks" : series.get(0).quarter() + " – " + series.get(series.size() - 1).quarter();
    }

    private static String page(String heading, String title, String meta, List<Chart> charts, List<TickIndicators> series) {
        return page(heading, title, meta, charts, series.stream().map(TickIndicators::quarter).toList(), "");
    }

    /**
     * A page of charts in this report's style: heading, a meta line, the charts (x axis: {@code quarters},
     * one per tick) and {@code extraHtml} (already escaped markup, e.g. a table) after them.
     */
    public static String page(String heading, String title, String meta, List<Chart> charts, List<String> quarters, String extraHtml) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}")
                .append("h1{font-size:1.3em;margin:0 0 .2em}.meta{color:#555;margin:0 0 1em}")
                .append(".grid{display:flex;flex-wrap:wrap;gap:14px}")
                .append("figure{margin:0;border:1px solid #ddd;border-radius:4px;padding:8px;width:").append(W).append("px}")
                .append("figcaption b{display:block}figcaption span{color:#555;font-size:.85em}")
                .append("svg text{font-size:11px;fill:#333}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:.9em}td,th{border:1px solid #ddd;padding:2px 6px;text-align:right}")
                .append("th{background:#f4f4f4}td.l,th.l{text-align:left}tr.sig td{font-weight:600}\n</style></head><body>\n");
        b.append("<h1>").append(esc(heading)).append("</h1>\n<p class=\"meta\">").append(esc(meta))
                .append("</p>\n<div class=\"grid\">\n");
        for (Chart c : charts) {
            b.append("<figure><figcaption><b>").append(esc(c.title())).append(" <small>(").append(esc(c.sections()))
                    .append(")</small></b><span>").append(esc(c.expect())).append("</span></figcaption>\n")
                    .append(svgOver(c, quarters)).append("</figure>\n");
        }
        b.append("</div>\n").append(extraHtml).append("</body></html>\n");
        return b.toString();
    }

    /** One chart as an SVG element: axes with rounded ticks, years on the x axis, a legend below. */
    static String svg(Chart c, List<TickIndicators> series) {
        return svgOver(c, series.stream().map(TickIndicators::quarter).toList());
    }

    /** One chart as an SVG element, the x axis labelled with the given quarters (one per tick). */
    public static String svgOver(Chart c, List<String> quarters) {
        int n = quarters.size();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Line l : c.lines()) {
            for (double[] vs : new double[][] {l.values(), l.lower(), l.upper()}) {
                if (vs == null) {
                    continue;
                }
                for (double v : vs) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (c.zeroLine() && lo <= hi) {
            lo = Math.min(lo, 0);
            hi = Math.max(hi, 0);
        }
        int[][] legend = legendLayout(c.lines());
        int height = H + LEGEND_ROW * (legend.length == 0 ? 0 : legend[legend.length - 1][1]);
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(esc(c.title())).append("\">\n");
        int x0 = LEFT;
        int x1 = W - RIGHT;
        int y0 = H - BOTTOM;
        int y1 = TOP;
        if (n == 0 || lo > hi) {
            b.append("<text x=\"").append(W / 2).append("\" y=\"").append(H / 2).append("\" text-anchor=\"middle\">no data</text></svg>\n");
            return b.toString();
        }
        double[] ticks = niceTicks(lo, hi, 5);
        double ymin = Math.min(lo, ticks[0]);
        double ymax = Math.max(hi, ticks[ticks.length - 1]);
        if (ymax - ymin < 1e-12) {
            ymin -= 0.5;
            ymax += 0.5;
        }
        final double fmin = ymin;
        final double fmax = ymax;
        java.util.function.DoubleUnaryOperator ys = v -> y0 - (v - fmin) / (fmax - fmin) * (y0 - y1);
        java.util.function.IntToDoubleFunction xs = k -> n == 1 ? (x0 + x1) / 2.0 : x0 + k * (double) (x1 - x0) / (n - 1);
        // grid and y labels
        for (double t : ticks) {
            if (t < ymin - 1e-12 || t > ymax + 1e-12) {
                continue;
            }
            double y = ys.applyAsDouble(t);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", x0, y, x1, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", x0 - 4, y + 4,
                    label(t, ticks)));
        }
        if (c.zeroLine() && ymin < 0 && ymax > 0) {
            double y = ys.applyAsDouble(0);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>%n",
                    x0, y, x1, y));
        }
        // x axis: a label at each first quarter of a year (every 8th year on long runs)
        int step = n > 80 ? 32 : n > 40 ? 8 : 4;
        for (int k = 0; k < n; k++) {
            String q = quarters.get(k);
            if (k % step == 0) {
                double x = xs.applyAsDouble(k);
                b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>", x, y0, x, y0 + 4));
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, y0 + 15, esc(q)));
            }
        }
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", x0, y0, x1, y0));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n", x0, y0, x0, y1));
        b.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>%n",
                (y0 + y1) / 2, (y0 + y1) / 2, esc(c.unit())));
        // bands first, so that every line is drawn over them: one polygon per run of defined ticks
        for (int li = 0; li < c.lines().size(); li++) {
            Line l = c.lines().get(li);
            if (l.lower() == null || l.upper() == null) {
                continue;
            }
            String colour = COLOURS[(l.colour() >= 0 ? l.colour() : li) % COLOURS.length];
            int k = 0;
            while (k < n) {
                while (k < n && !(k < l.lower().length && Double.isFinite(l.lower()[k]) && Double.isFinite(l.upper()[k]))) {
                    k++;
                }
                int startK = k;
                while (k < n && k < l.lower().length && Double.isFinite(l.lower()[k]) && Double.isFinite(l.upper()[k])) {
                    k++;
                }
                if (k > startK) {
                    StringBuilder pts = new StringBuilder();
                    for (int j = startK; j < k; j++) {
                        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs.applyAsDouble(j), ys.applyAsDouble(l.upper()[j])));
                    }
                    for (int j = k - 1; j >= startK; j--) {
                        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs.applyAsDouble(j), ys.applyAsDouble(l.lower()[j])));
                    }
                    b.append("<polygon points=\"").append(pts.toString().trim()).append("\" fill=\"").append(colour)
                            .append("\" fill-opacity=\"0.18\" stroke=\"none\"><title>").append(esc(l.label()))
                            .append(" (95% interval)</title></polygon>\n");
                }
            }
        }
        // lines (a NaN breaks the path) and legend
        for (int li = 0; li < c.lines().size(); li++) {
            Line l = c.lines().get(li);
            String colour = COLOURS[(l.colour() >= 0 ? l.colour() : li) % COLOURS.length];
            StringBuilder d = new StringBuilder();
            boolean pen = false;
            for (int k = 0; k < n && k < l.values().length; k++) {
                double v = l.values()[k];
                if (!Double.isFinite(v)) {
                    pen = false;
                    continue;
                }
                d.append(pen ? 'L' : 'M').append(String.format(Locale.ROOT, "%.1f %.1f ", xs.applyAsDouble(k), ys.applyAsDouble(v)));
                pen = true;
            }
            if (d.length() > 0) {
                b.append("<path d=\"").append(d.toString().trim()).append("\" fill=\"none\" stroke=\"").append(colour)
                        .append(l.dashed() ? "\" stroke-dasharray=\"5 3" : "").append("\" stroke-width=\"1.8\"><title>").append(esc(l.label())).append("</title></path>\n");
            }
            int legendX = legend[li][0];
            int legendY = H - 18 + LEGEND_ROW * legend[li][1];
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"%s/>",
                    legendX, legendY - 4, legendX + 14, legendY - 4, colour, l.dashed() ? " stroke-dasharray=\"4 2\"" : ""));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX + 18, legendY, esc(l.label())));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    /** Legend entries flowed left to right under the plot: {x, row} per line (row 0 is the first). */
    static int[][] legendLayout(List<Line> lines) {
        int[][] at = new int[lines.size()][];
        int x = LEFT;
        int row = 0;
        for (int i = 0; i < lines.size(); i++) {
            int width = 28 + (int) Math.ceil(LEGEND_CHAR * lines.get(i).label().length());
            if (x + width > W - RIGHT && x > LEFT) {
                x = LEFT;
                row++;
            }
            at[i] = new int[]{x, row};
            x += width;
        }
        return at;
    }

    /** About {@code count} round tick values (1, 2 or 5 × 10^k apart) covering [lo, hi]. */
    static double[] niceTicks(double lo, double hi, int count) {
        if (hi - lo < 1e-12) {
            double pad = Math.abs(lo) > 1e-12 ? Math.abs(lo) * 0.1 : 1;
            lo -= pad;
            hi += pad;
        }
        double raw = (hi - lo) / Math.max(1, count - 1);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        int k = (int) Math.round((end - start) / step);
        double[] t = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            t[i] = start + i * step;
            if (Math.abs(t[i]) < step * 1e-9) {
                t[i] = 0;
            }
        }
        return t;
    }

    private static String label(double v, double[] ticks) {
        double step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(v);
        if (step >= 1e4 || (step > 0 && step < 1e-3)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Escapes text for HTML and SVG. */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
