package org.ngai.model.engine;

import java.util.List;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;

/** The headline indicators of a run as a fixed-width text table (national scope, selected ticks). */
public final class IndicatorTable {
    /** Headline indicators, grouped as in docs/specification.md (adoption, productivity, labour, markets, AI, problems, B5). */
    public static final List<Indicator> HEADLINE = List.of(
            Indicator.STAGE_MANUAL, Indicator.STAGE_DIGITALISED, Indicator.STAGE_NETWORKED, Indicator.STAGE_INTELLIGENT,
            Indicator.AI_PENETRATION, Indicator.AUGMENTATION, Indicator.TFP_MEASURED, Indicator.TFP_TRUE,
            Indicator.JCURVE_GAP, Indicator.ALLOCATIVE_GAP, Indicator.HIGH_SKILL_SHARE, Indicator.SKILL_PREMIUM,
            Indicator.LABOUR_SHARE, Indicator.UNEMPLOYMENT, Indicator.DISPLACEMENT, Indicator.REINSTATEMENT,
            Indicator.LAB_SEPARATING, Indicator.FIN_SEPARATING, Indicator.TECH_SEPARATING, Indicator.TECH_TRADES,
            Indicator.Q_AI, Indicator.THETA, Indicator.P_AI, Indicator.AI_REVENUE_BN, Indicator.VENDORS,
            Indicator.VENDOR_CR3, Indicator.VENDOR_THEIL, Indicator.INTELLIGENT_THEIL, Indicator.COMPUTE_SHORTFALL,
            Indicator.AI_ENERGY_SHARE, Indicator.SLOW_DEATHS, Indicator.FAST_DEATHS, Indicator.U_RE, Indicator.U_TI,
            Indicator.U_MF, Indicator.U_HR, Indicator.COORDINATION, Indicator.COORDINATION_LEVEL);

    private IndicatorTable() {
    }

    /**
     * Rows = indicators, columns = the given ticks (1-based; out-of-range ticks are skipped, a tick
     * given twice, as in a short run's (1, 17, 41, n), is shown once).
     */
    public static String render(List<TickIndicators> series, int... requested) {
        int[] ticks = java.util.Arrays.stream(requested).filter(t -> t >= 1 && t <= series.size()).distinct().toArray();
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-34s %-22s", "indicator (national)", "unit"));
        for (int t : ticks) {
            b.append(String.format(" %10s", series.get(t - 1).quarter()));
        }
        b.append('\n');
        for (Indicator i : HEADLINE) {
            String unit = i.unit.length() > 22 ? i.unit.substring(0, 21) + "…" : i.unit;
            b.append(String.format("%-34s %-22s", i.key, unit));
            for (int t : ticks) {
                b.append(String.format(" %10s", format(series.get(t - 1).get(i))));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * A fork against its parent: for each headline indicator the parent's value at the tick before the fork, and
     * fork − parent at the fork tick, its midpoint to the end, and the last tick.
     */
    public static String renderDifference(List<TickIndicators> fork, List<TickIndicators> parent, int forkTick, int last) {
        int n = Math.min(Math.min(fork.size(), parent.size()), last);
        int[] ticks = java.util.stream.IntStream.of(forkTick, (forkTick + n) / 2, n)
                .filter(t -> t >= 1 && t <= n).distinct().toArray();
        int before = Math.max(1, forkTick - 1);
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-34s %12s", "fork - parent (national)", "parent " + parent.get(before - 1).quarter()));
        for (int t : ticks) {
            b.append(String.format(" %12s", "Δ " + fork.get(t - 1).quarter()));
        }
        b.append('\n');
        for (Indicator i : HEADLINE) {
            b.append(String.format("%-34s %12s", i.key, format(parent.get(before - 1).get(i))));
            for (int t : ticks) {
                double d = fork.get(t - 1).get(i) - parent.get(t - 1).get(i);
                b.append(String.format(" %12s", d == 0 ? "0" : format(d)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3)) {
            return String.format("%.3e", v);
        }
        if (a >= 100) {
            return String.format("%.1f", v);
        }
        return String.format("%.4f", v);
    }
}
