package org.ngai.model.core;

import java.util.List;

/**
 * A province (spec §0: 31 provinces with cluster and macro-area tags).
 *
 * @param index        0..30, the region's position in every per-region array
 * @param code         two-letter code (BJ, GD, ...)
 * @param name         English name
 * @param cluster      JJJ / YRD / PRD / OTHER
 * @param area         macro-area
 * @param gdpWeight    2020 GDP, trillion yuan (NBS, rounded): weight for placing firms and workers
 * @param vendorShare  initial share of AI firms, % (NGAI report 2021: BJ 29.73, GD 26.39, SH 14.07,
 *                     ZJ 8.81, JS 6.56; clusters JJJ 31.02, YRD 30.23, PRD 26.39 = CR3 87.64);
 *                     the remaining 12.36% spread by the authors' judgement (assump.)
 * @param wageIndex    average wage relative to the national mean (assump., NBS 2020 order)
 * @param infra        digital-infrastructure readiness in [0,1] (assump.; used by A6.6 readiness)
 * @param computeHub   a 东数西算 national compute hub: AI-as-a-service discount and low PUE (A3c, A7)
 */
public record Region(int index, String code, String name, Cluster cluster, MacroArea area, double gdpWeight,
                     double vendorShare, double wageIndex, double infra, boolean computeHub) {

    public static final List<Region> ALL = List.of(
            new Region(0, "BJ", "Beijing", Cluster.JJJ, MacroArea.EAST, 3.61, 29.73, 1.80, 0.95, false),
            new Region(1, "TJ", "Tianjin", Cluster.JJJ, MacroArea.EAST, 1.41, 1.00, 1.20, 0.80, false),
            new Region(2, "HE", "Hebei", Cluster.JJJ, MacroArea.EAST, 3.62, 0.29, 0.85, 0.60, true),
            new Region(3, "SX", "Shanxi", Cluster.OTHER, MacroArea.CENTRAL, 1.77, 0.15, 0.85, 0.50, false),
            new Region(4, "NM", "Inner Mongolia", Cluster.OTHER, MacroArea.WEST, 1.74, 0.15, 0.90, 0.50, true),
            new Region(5, "LN", "Liaoning", Cluster.OTHER, MacroArea.NORTHEAST, 2.51, 0.50, 0.85, 0.60, false),
            new Region(6, "JL", "Jilin", Cluster.OTHER, MacroArea.NORTHEAST, 1.23, 0.15, 0.80, 0.50, false),
            new Region(7, "HL", "Heilongjiang", Cluster.OTHER, MacroArea.NORTHEAST, 1.37, 0.20, 0.80, 0.45, false),
            new Region(8, "SH", "Shanghai", Cluster.YRD, MacroArea.EAST, 3.87, 14.07, 1.75, 0.95, true),
            new Region(9, "JS", "Jiangsu", Cluster.YRD, MacroArea.EAST, 10.27, 6.56, 1.10, 0.85, true),
            new Region(10, "ZJ", "Zhejiang", Cluster.YRD, MacroArea.EAST, 6.46, 8.81, 1.15, 0.90, true),
            new Region(11, "AH", "Anhui", Cluster.YRD, MacroArea.CENTRAL, 3.87, 0.79, 0.90, 0.65, true),
            new Region(12, "FJ", "Fujian", Cluster.OTHER, MacroArea.EAST, 4.39, 1.10, 0.95, 0.70, false),
            new Region(13, "JX", "Jiangxi", Cluster.OTHER, MacroArea.CENTRAL, 2.57, 0.30, 0.82, 0.55, false),
            new Region(14, "SD", "Shandong", Cluster.OTHER, MacroArea.EAST, 7.31, 1.50, 0.92, 0.70, false),
            new Region(15, "HA", "Henan", Cluster.OTHER, MacroArea.CENTRAL, 5.50, 0.70, 0.80, 0.55, false),
            new Region(16, "HB", "Hubei", Cluster.OTHER, MacroArea.CENTRAL, 4.34, 1.60, 0.90, 0.65, false),
            new Region(17, "HN", "Hunan", Cluster.OTHER, MacroArea.CENTRAL, 4.18, 0.70, 0.85, 0.60, false),
            new Region(18, "GD", "Guangdong", Cluster.PRD, MacroArea.EAST, 11.08, 26.39, 1.10, 0.90, true),
            new Region(19, "GX", "Guangxi", Cluster.OTHER, MacroArea.WEST, 2.22, 0.25, 0.82, 0.50, false),
            new Region(20, "HI", "Hainan", Cluster.OTHER, MacroArea.EAST, 0.55, 0.15, 0.90, 0.55, false),
            new Region(21, "CQ", "Chongqing", Cluster.OTHER, MacroArea.WEST, 2.50, 0.70, 0.90, 0.65, true),
            new Region(22, "SC", "Sichuan", Cluster.OTHER, MacroArea.WEST, 4.86, 2.40, 0.88, 0.65, true),
            new Region(23, "GZ", "Guizhou", Cluster.OTHER, MacroArea.WEST, 1.79, 0.40, 0.85, 0.55, true),
            new Region(24, "YN", "Yunnan", Cluster.OTHER, MacroArea.WEST, 2.45, 0.25, 0.85, 0.45, false),
            new Region(25, "XZ", "Tibet", Cluster.OTHER, MacroArea.WEST, 0.19, 0.02, 1.00, 0.30, false),
            new Region(26, "SN", "Shaanxi", Cluster.OTHER, MacroArea.WEST, 2.62, 0.90, 0.88, 0.60, false),
            new Region(27, "GS", "Gansu", Cluster.OTHER, MacroArea.WEST, 0.90, 0.10, 0.80, 0.40, true),
            new Region(28, "QH", "Qinghai", Cluster.OTHER, MacroArea.WEST, 0.30, 0.03, 0.90, 0.35, false),
            new Region(29, "NX", "Ningxia", Cluster.OTHER, MacroArea.WEST, 0.39, 0.05, 0.88, 0.45, true),
            new Region(30, "XJ", "Xinjiang", Cluster.OTHER, MacroArea.WEST, 1.38, 0.10, 0.88, 0.40, false));

    public static final int COUNT = ALL.size();

    public static Region of(int index) {
        return ALL.get(index);
    }

    /** Looks a region up by its code; error names the code when unknown. */
    public static Region byCode(String code) {
        for (Region r : ALL) {
            if (r.code.equalsIgnoreCase(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown region code '" + code + "'");
    }

    /** Lagging region = outside the three leading clusters (spec §D, subsidies for lagging regions). */
    public boolean lagging() {
        return cluster == Cluster.OTHER;
    }

    /** Cumulative GDP weights for drawing a region. */
    public static double[] cumulativeGdp() {
        double[] c = new double[COUNT];
        double s = 0;
        for (Region r : ALL) {
            s += r.gdpWeight;
            c[r.index] = s;
        }
        return c;
    }

    /** Initial vendor shares normalised to sum 1. */
    public static double[] initialVendorShares() {
        double[] v = new double[COUNT];
        double s = 0;
        for (Region r : ALL) {
            s += r.vendorShare;
        }
        for (Region r : ALL) {
            v[r.index] = r.vendorShare / s;
        }
        return v;
    }
}
