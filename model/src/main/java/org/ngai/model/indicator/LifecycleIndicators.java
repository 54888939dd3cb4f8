package org.ngai.model.indicator;

import static org.ngai.model.indicator.IndicatorMath.sum;

import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;

/** Indicator group "lifecycle" (A6.7): live firms, entries, exits and the two named deaths. */
final class LifecycleIndicators {
    private LifecycleIndicators() {
    }

    static void write(FirmSums f, TickIndicators out) {
        for (int r = 0; r < Region.COUNT; r++) {
            out.setRegion(Indicator.FIRMS, r, f.region.firms[r]);
            out.setRegion(Indicator.EXITS, r, f.exits[r]);
            out.setRegion(Indicator.SLOW_DEATHS, r, f.slowDeaths[r]);
            out.setRegion(Indicator.FAST_DEATHS, r, f.fastDeaths[r]);
        }
        for (int s = 0; s < Sector.COUNT; s++) {
            out.setSector(Indicator.FIRMS, s, f.sector.firms[s]);
        }
        out.set(Indicator.FIRMS, f.firms);
        out.set(Indicator.ENTRIES, f.entries);
        out.set(Indicator.EXITS, sum(f.exits));
        out.set(Indicator.SLOW_DEATHS, sum(f.slowDeaths));
        out.set(Indicator.FAST_DEATHS, sum(f.fastDeaths));
    }
}
