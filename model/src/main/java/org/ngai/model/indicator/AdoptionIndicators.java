package org.ngai.model.indicator;

import static org.ngai.model.indicator.IndicatorMath.ratio;
import static org.ngai.model.indicator.IndicatorMath.sum;

import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;

/** Indicator group "adoption stages and AI use" (A6, A5, A1): stage shares, penetration, exposure, upgrade outcomes. */
final class AdoptionIndicators {
    private AdoptionIndicators() {
    }

    static void write(FirmSums f, TickIndicators out) {
        FirmSums.Cells reg = f.region;
        FirmSums.Cells sec = f.sector;
        for (int k = 0; k < 4; k++) {
            Indicator ind = Indicator.of(Indicator.STAGE_MANUAL.ordinal() + k);
            double tot = 0;
            for (int r = 0; r < Region.COUNT; r++) {
                tot += reg.stage[r][k];
                out.setRegion(ind, r, ratio(reg.stage[r][k], reg.firms[r]));
            }
            for (int s = 0; s < Sector.COUNT; s++) {
                out.setSector(ind, s, ratio(sec.stage[s][k], sec.firms[s]));
            }
            out.set(ind, ratio(tot, f.firms));
        }
        out.set(Indicator.ADOPTION_EMPLOYMENT, ratio(sum(reg.intelligentEmployment), f.employment));
        out.set(Indicator.AI_PENETRATION, ratio(sum(reg.penetrationNum), sum(reg.penetrationDen)));
        out.set(Indicator.AUGMENTATION, ratio(sum(reg.augmentedNum), sum(reg.penetrationDen)));
        for (int r = 0; r < Region.COUNT; r++) {
            out.setRegion(Indicator.ADOPTION_EMPLOYMENT, r, ratio(reg.intelligentEmployment[r], reg.employment[r]));
            out.setRegion(Indicator.AI_PENETRATION, r, ratio(reg.penetrationNum[r], reg.penetrationDen[r]));
            out.setRegion(Indicator.AUGMENTATION, r, ratio(reg.augmentedNum[r], reg.penetrationDen[r]));
            out.setRegion(Indicator.UPGRADES, r, f.upgrades[r]);
            out.setRegion(Indicator.FAILED_FINANCE, r, f.failedFinance[r]);
            out.setRegion(Indicator.FINANCING_CONSTRAINED, r, f.financingConstrained[r]);
        }
        for (int s = 0; s < Sector.COUNT; s++) {
            out.setSector(Indicator.ADOPTION_EMPLOYMENT, s, ratio(sec.intelligentEmployment[s], sec.employment[s]));
            out.setSector(Indicator.AI_PENETRATION, s, ratio(sec.penetrationNum[s], sec.penetrationDen[s]));
            out.setSector(Indicator.AUGMENTATION, s, ratio(sec.augmentedNum[s], sec.penetrationDen[s]));
        }
        out.set(Indicator.EXPOSURE_50, ratio(f.exposure50, f.exposureEmployment));
        out.set(Indicator.EXPOSURE_10, ratio(f.exposure10, f.exposureEmployment));
        out.set(Indicator.COST_EFFECTIVE, ratio(f.costEffectiveW, f.feasibleW));
        out.set(Indicator.FRONTIER_ERRORS, ratio(f.outsideFrontierTasks, f.producing));
        out.set(Indicator.UPGRADES, sum(f.upgrades));
        out.set(Indicator.FAILED_FINANCE, sum(f.failedFinance));
        out.set(Indicator.FAILED_EXECUTION, f.failedExecution);
        out.set(Indicator.FAILED_LEAPS, f.failedLeaps);
        out.set(Indicator.FINANCING_CONSTRAINED, sum(f.financingConstrained));
        out.set(Indicator.SIGNIFICANT_VALUE, ratio(f.significant, f.networked));
    }
}
