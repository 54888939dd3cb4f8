package org.ngai.model.core;

/**
 * The nine sectors (spec §0) with the production-technology parameters that differ by sector.
 *
 * <p>Codifiability of a firm's tasks is Beta(codA, codB) (spec §C, "industry imbalance": primary is
 * low, tacit and physical). {@code highSkillTaskShare} is the share of tasks only high-skill labour can
 * do. {@code techDemandRate} is the per-quarter probability that a digitalised firm seeks a technology
 * licence (calibrated so TECH trades by buyer sector approach 71.93/27.92/0.15%, spec §E1).
 * {@code firmShare} places firms (NBS enterprise counts, rounded; assump.).
 * {@code expenditureShare} is the sector's share of nominal final expenditure (assump.).
 */
public enum Sector {
    AGRICULTURE(SectorClass.PRIMARY, false, 1.4, 4.6, 0.10, 0.001, 0.03, 0.08),
    MINING_ENERGY(SectorClass.SECONDARY, false, 1.8, 4.0, 0.20, 0.012, 0.03, 0.06),
    LIGHT_MANUFACTURING(SectorClass.SECONDARY, true, 2.6, 3.2, 0.20, 0.035, 0.14, 0.12),
    EQUIPMENT_MANUFACTURING(SectorClass.SECONDARY, true, 2.8, 3.0, 0.30, 0.045, 0.12, 0.14),
    CONSTRUCTION(SectorClass.SECONDARY, false, 1.8, 4.0, 0.20, 0.012, 0.08, 0.10),
    TRADE_LOGISTICS(SectorClass.TERTIARY, false, 3.0, 3.0, 0.25, 0.060, 0.30, 0.18),
    FINANCE(SectorClass.TERTIARY, false, 4.2, 2.4, 0.50, 0.090, 0.04, 0.10),
    ICT_SERVICES(SectorClass.TERTIARY, false, 4.6, 2.0, 0.60, 0.120, 0.08, 0.08),
    PUBLIC_SERVICES(SectorClass.TERTIARY, false, 2.6, 3.2, 0.45, 0.050, 0.18, 0.14);

    public static final int COUNT = values().length;
    private static final Sector[] VALUES = values();

    public final SectorClass sectorClass;
    public final boolean manufacturing;
    public final double codA;
    public final double codB;
    public final double highSkillTaskShare;
    public final double techDemandRate;
    public final double firmShare;
    public final double expenditureShare;

    Sector(SectorClass sectorClass, boolean manufacturing, double codA, double codB, double highSkillTaskShare,
           double techDemandRate, double firmShare, double expenditureShare) {
        this.sectorClass = sectorClass;
        this.manufacturing = manufacturing;
        this.codA = codA;
        this.codB = codB;
        this.highSkillTaskShare = highSkillTaskShare;
        this.techDemandRate = techDemandRate;
        this.firmShare = firmShare;
        this.expenditureShare = expenditureShare;
    }

    public static Sector of(int ordinal) {
        return VALUES[ordinal];
    }

    public static double[] cumulativeFirmShares() {
        double[] c = new double[COUNT];
        double s = 0;
        for (Sector x : VALUES) {
            s += x.firmShare;
            c[x.ordinal()] = s;
        }
        return c;
    }
}
