package org.ngai.model.indicator;

import java.util.Arrays;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;

/**
 * Indicator values of one tick: national, per region and per sector, indexed by
 * {@link Indicator#ordinal()}. Values that are not defined for a scope (or not computable this
 * tick) are NaN. {@link #equals} compares bits, so two runs agree only if every value is identical.
 *
 * @param quarter calendar quarter of the tick (tick 1 = 2020Q1)
 */
public record TickIndicators(int tick, String quarter, double[] national, double[][] regions, double[][] sectors) {

    public static String quarter(int tick) {
        int q = tick - 1;
        return (2020 + Math.floorDiv(q, 4)) + "Q" + (Math.floorMod(q, 4) + 1);
    }

    public static TickIndicators empty(int tick) {
        double[] n = new double[Indicator.COUNT];
        Arrays.fill(n, Double.NaN);
        double[][] r = new double[Region.COUNT][Indicator.COUNT];
        for (double[] row : r) {
            Arrays.fill(row, Double.NaN);
        }
        double[][] s = new double[Sector.COUNT][Indicator.COUNT];
        for (double[] row : s) {
            Arrays.fill(row, Double.NaN);
        }
        return new TickIndicators(tick, quarter(tick), n, r, s);
    }

    public double get(Indicator i) {
        return national[i.ordinal()];
    }

    public double region(Indicator i, int region) {
        return regions[region][i.ordinal()];
    }

    public double sector(Indicator i, int sector) {
        return sectors[sector][i.ordinal()];
    }

    void set(Indicator i, double v) {
        national[i.ordinal()] = v;
    }

    void setRegion(Indicator i, int r, double v) {
        regions[r][i.ordinal()] = v;
    }

    void setSector(Indicator i, int s, double v) {
        sectors[s][i.ordinal()] = v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TickIndicators t && t.tick == tick && t.quarter.equals(quarter)
                && Arrays.equals(t.national, national) && Arrays.deepEquals(t.regions, regions)
                && Arrays.deepEquals(t.sectors, sectors);
    }

    @Override
    public int hashCode() {
        return 31 * tick + Arrays.hashCode(national);
    }

    @Override
    public String toString() {
        return "TickIndicators[" + quarter + "]";
    }
}
