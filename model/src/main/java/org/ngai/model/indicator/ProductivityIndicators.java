package org.ngai.model.indicator;

import static org.ngai.model.indicator.IndicatorMath.lnPos;
import static org.ngai.model.indicator.IndicatorMath.ratio;
import static org.ngai.model.indicator.IndicatorMath.sum;

import java.util.Arrays;
import java.util.List;
import org.ngai.model.core.Num;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.core.SectorClass;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.tick.SectorSummary;

/**
 * Indicator group "productivity" (A3, C): real output and the levels behind the indices, measured
 * vs true TFP and the J-curve gap, innovation, Hsieh-Klenow allocation, concentration, organisation
 * and scope, the prosumer tier, and the Baumol ratios.
 */
final class ProductivityIndicators {
    private ProductivityIndicators() {
    }

    /**
     * @param first the indicators of tick 1 (this tick's own {@code out} at tick 1): indices are relative to it
     */
    static void write(FirmSums f, List<SectorSummary> sectors, Params p, TickIndicators first, TickIndicators out) {
        int R = Region.COUNT;
        int S = Sector.COUNT;
        double[] vaS = f.sector.valueAdded;
        double[] empS = f.sector.employment;
        // ---- productivity and accounts (C: measured vs true TFP)
        double[] priceS = new double[S];
        double realVa = 0;
        double nominalVa = 0;
        for (SectorSummary ss : sectors) {
            priceS[ss.sector()] = ss.priceIndex();
        }
        double[] realS = new double[S];
        for (int s = 0; s < S; s++) {
            realS[s] = priceS[s] > 0 && Double.isFinite(priceS[s]) ? vaS[s] / priceS[s] : 0;
            realVa += realS[s];
            nominalVa += vaS[s];
        }
        double deflator = realVa > 0 ? nominalVa / realVa : Double.NaN;
        double sK = p.get(Param.SHARE_K);
        double sG = p.get(Param.SHARE_G);
        double lnY = lnPos(realVa);
        double lnMeas = lnY - sK * lnPos(f.capitalTotal) - (1 - sK) * lnPos(f.employment);
        double realIg = f.intangibleInvestment / deflator;
        double lnTrue = lnPos(realVa + realIg) - sK * lnPos(f.capitalTotal) - sG * lnPos(Math.max(f.intangible, 1e-9))
                - (1 - sK - sG) * lnPos(f.employment);
        out.set(Indicator.LN_REAL_OUTPUT, lnY);
        out.set(Indicator.LN_TFP_MEASURED, lnMeas);
        out.set(Indicator.LN_TFP_TRUE, lnTrue);
        out.set(Indicator.LN_LABOUR_PRODUCTIVITY, lnY - lnPos(f.employment));
        out.set(Indicator.PRICE_INDEX, deflator);
        out.set(Indicator.INTANGIBLE_RATE, ratio(f.intangibleInvestment, nominalVa));
        for (int s = 0; s < S; s++) {
            double ls = lnPos(realS[s]);
            out.setSector(Indicator.LN_REAL_OUTPUT, s, ls);
            out.setSector(Indicator.LN_TFP_MEASURED, s, ls - sK * lnPos(f.capital[s]) - (1 - sK) * lnPos(empS[s]));
            out.setSector(Indicator.LN_LABOUR_PRODUCTIVITY, s, ls - lnPos(empS[s]));
            out.setSector(Indicator.PRICE_INDEX, s, priceS[s]);
        }
        for (int r = 0; r < R; r++) {
            out.setRegion(Indicator.LN_LABOUR_PRODUCTIVITY, r, lnPos(f.region.valueAdded[r] / deflator) - lnPos(f.region.employment[r]));
        }
        double[] tert = classSums(vaS, realS, empS, SectorClass.TERTIARY);
        double[] sec = classSums(vaS, realS, empS, SectorClass.SECONDARY);
        out.set(Indicator.LN_PRICE_RATIO, lnPos(tert[0] / tert[1]) - lnPos(sec[0] / sec[1]));
        out.set(Indicator.LN_PRODUCTIVITY_RATIO, lnPos(tert[1] / tert[2]) - lnPos(sec[1] / sec[2]));
        out.set(Indicator.REAL_OUTPUT, indexOf(out, first, Indicator.LN_REAL_OUTPUT));
        out.set(Indicator.TFP_MEASURED, indexOf(out, first, Indicator.LN_TFP_MEASURED));
        out.set(Indicator.TFP_TRUE, indexOf(out, first, Indicator.LN_TFP_TRUE));
        out.set(Indicator.LABOUR_PRODUCTIVITY, indexOf(out, first, Indicator.LN_LABOUR_PRODUCTIVITY));
        out.set(Indicator.JCURVE_GAP, (lnTrue - first.get(Indicator.LN_TFP_TRUE)) - (lnMeas - first.get(Indicator.LN_TFP_MEASURED)));
        out.set(Indicator.RELATIVE_PRICE_SERVICES, indexOf(out, first, Indicator.LN_PRICE_RATIO));
        out.set(Indicator.RELATIVE_PRODUCTIVITY_SERVICES, indexOf(out, first, Indicator.LN_PRODUCTIVITY_RATIO));
        for (int s = 0; s < S; s++) {
            out.setSector(Indicator.REAL_OUTPUT, s, Num.exp(out.sector(Indicator.LN_REAL_OUTPUT, s) - first.sector(Indicator.LN_REAL_OUTPUT, s)));
            out.setSector(Indicator.TFP_MEASURED, s, Num.exp(out.sector(Indicator.LN_TFP_MEASURED, s) - first.sector(Indicator.LN_TFP_MEASURED, s)));
            out.setSector(Indicator.LABOUR_PRODUCTIVITY, s, Num.exp(out.sector(Indicator.LN_LABOUR_PRODUCTIVITY, s) - first.sector(Indicator.LN_LABOUR_PRODUCTIVITY, s)));
        }
        for (int r = 0; r < R; r++) {
            out.setRegion(Indicator.LABOUR_PRODUCTIVITY, r, Num.exp(out.region(Indicator.LN_LABOUR_PRODUCTIVITY, r) - first.region(Indicator.LN_LABOUR_PRODUCTIVITY, r)));
        }
        // ---- innovation (A3a)
        double innovStep = p.get(Param.INNOV_STEP);
        out.set(Indicator.INNOVATION_SUCCESS, ratio(sum(f.innovationSuccesses), sum(f.innovationAttempts)));
        out.set(Indicator.INNOVATION_GAIN, ratio(sum(f.innovationSuccesses) * innovStep, f.firms));
        for (int r = 0; r < R; r++) {
            out.setRegion(Indicator.INNOVATION_SUCCESS, r, ratio(f.innovationSuccesses[r], f.innovationAttempts[r]));
            out.setRegion(Indicator.INNOVATION_GAIN, r, ratio(f.innovationSuccesses[r] * innovStep, f.region.firms[r]));
        }
        allocation(f, p.get(Param.DEMAND_ELASTICITY), out);
        // ---- organisation, scope (A3d, A3e) and the prosumer tier (A4)
        out.set(Indicator.MEAN_SIZE, ratio(f.employment, f.firms));
        out.set(Indicator.MEAN_LAYERS, ratio(f.layers, f.firms));
        out.set(Indicator.PRODUCTS_PER_FIRM, ratio(f.productLines, f.firms));
        out.set(Indicator.SCOPE_ECONOMIES, ratio(f.scopeSaving, f.totalCost));
        out.set(Indicator.HI_TIER_SHARE, ratio(sum(f.sector.intelligentRevenue), sum(f.sector.revenue)));
        out.set(Indicator.CAPACITY_UTILISATION, ratio(sum(f.sector.output), sum(f.sector.capacity)));
        for (int s = 0; s < S; s++) {
            out.setSector(Indicator.MEAN_SIZE, s, ratio(empS[s], f.sector.firms[s]));
            out.setSector(Indicator.HI_TIER_SHARE, s, ratio(f.sector.intelligentRevenue[s], f.sector.revenue[s]));
            out.setSector(Indicator.CAPACITY_UTILISATION, s, ratio(f.sector.output[s], f.sector.capacity[s]));
        }
    }

    /** A3b Hsieh-Klenow allocative gap and (A3c) concentration, per sector and value-added / revenue weighted. */
    private static void allocation(FirmSums f, double eps, TickIndicators out) {
        double gapW = 0;
        double gapVa = 0;
        for (int s = 0; s < Sector.COUNT; s++) {
            int n = f.hkCount(s);
            if (n >= 2) {
                double[] w = new double[n];
                Arrays.fill(w, 1.0);
                double g = HsiehKlenow.allocativeGap(f.hkTfpq(s), f.hkTfpr(s), w, eps);
                out.setSector(Indicator.ALLOCATIVE_GAP, s, g);
                gapW += g * f.sector.valueAdded[s];
                gapVa += f.sector.valueAdded[s];
            }
        }
        out.set(Indicator.ALLOCATIVE_GAP, gapVa > 0 ? gapW / gapVa : Double.NaN);
        double hhiW = 0;
        double hhiRev = 0;
        double[] revS = f.sector.revenue;
        for (int s = 0; s < Sector.COUNT; s++) {
            if (revS[s] <= 0) {
                continue;
            }
            double h = f.revenueSq[s] / (revS[s] * revS[s]);   // Σ shares² (Herfindahl)
            out.setSector(Indicator.HHI, s, h);
            hhiW += h * revS[s];
            hhiRev += revS[s];
        }
        out.set(Indicator.HHI, hhiRev > 0 ? hhiW / hhiRev : Double.NaN);
    }

    /** Nominal value added, real value added and employment of one sector class. */
    private static double[] classSums(double[] va, double[] real, double[] emp, SectorClass cls) {
        double[] out = new double[3];
        for (Sector s : Sector.values()) {
            if (s.sectorClass == cls) {
                out[0] += va[s.ordinal()];
                out[1] += real[s.ordinal()];
                out[2] += emp[s.ordinal()];
            }
        }
        return out;
    }

    private static double indexOf(TickIndicators now, TickIndicators first, Indicator level) {
        return Num.exp(now.get(level) - first.get(level));
    }
}
