package org.ngai.model.indicator;

import static org.ngai.model.indicator.IndicatorMath.ratio;
import static org.ngai.model.indicator.IndicatorMath.sum;

import java.util.List;
import org.ngai.model.core.Num;
import org.ngai.model.core.Region;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.tick.AiMarketState;
import org.ngai.model.tick.AiSale;
import org.ngai.model.tick.VendorSummary;

/**
 * Indicator group "AI industry and environment" (A5, C, A7): AI quality, frontier and price, AI
 * revenue and the adoption loop gain, vendors and their geography and layers, regional
 * concentration of intelligent firms, compute and energy.
 */
final class AiIndustryIndicators {
    private AiIndustryIndicators() {
    }

    /**
     * @param modelledFirms the scenario's modelled firm count (AI revenue is scaled to the real economy by
     *                      accounts.firmsReal / this)
     */
    static void write(FirmSums f, AiMarketState ai, AiSale sale, VendorSummary v, Params p, int modelledFirms,
                      TickIndicators out) {
        int R = Region.COUNT;
        out.set(Indicator.Q_AI, ai.quality());
        out.set(Indicator.THETA, ai.theta());
        out.set(Indicator.THETA_GAP, ai.thetaUs() - ai.theta());
        out.set(Indicator.P_AI, sale.price());
        out.set(Indicator.AI_REVENUE, sale.revenue());
        double omega = p.get(Param.FIRMS_REAL) / modelledFirms;
        out.set(Indicator.AI_REVENUE_BN, sale.revenue() * 4 * omega * p.get(Param.YUAN_PER_UNIT));
        out.set(Indicator.IMPORT_SHARE, ai.importShare());
        out.set(Indicator.COMPUTE_SHORTFALL, sale.shortfall());
        out.set(Indicator.AI_ENERGY, f.aiEnergy);
        out.set(Indicator.AI_ENERGY_SHARE, ratio(f.aiEnergy, f.energy));
        out.set(Indicator.NET_ENERGY, f.aiEnergy - f.energySaved);
        double vendors = sum(v.countByRegion());
        out.set(Indicator.VENDORS, vendors * v.realPerModelled());
        double[] gdp = new double[R];
        boolean[] leading = new boolean[R];
        int[] area = new int[R];
        for (Region reg : Region.ALL) {
            gdp[reg.index()] = reg.gdpWeight();
            leading[reg.index()] = reg.cluster().leading();
            area[reg.index()] = reg.area().ordinal();
        }
        if (vendors > 0) {
            out.set(Indicator.VENDOR_CR3, Inequality.share(v.countByRegion(), leading));
            out.set(Indicator.VENDOR_BJ_SHARE, v.countByRegion()[0] / vendors);
            Inequality.TheilDecomposition th = Inequality.theilDecomposition(v.countByRegion(), gdp, area);
            out.set(Indicator.VENDOR_THEIL, th.total());
            out.set(Indicator.VENDOR_THEIL_BETWEEN, th.between());
            out.set(Indicator.VENDOR_THEIL_WITHIN, th.within());
            double[] density = new double[R];
            for (int r = 0; r < R; r++) {
                density[r] = v.countByRegion()[r] / gdp[r];
            }
            out.set(Indicator.VENDOR_GINI, Inequality.gini(density, gdp));
            out.set(Indicator.LAYER_BASE, v.countByLayer()[0] / vendors);
            out.set(Indicator.LAYER_TECH, v.countByLayer()[1] / vendors);
            out.set(Indicator.LAYER_APP, v.countByLayer()[2] / vendors);
            for (int r = 0; r < R; r++) {
                out.setRegion(Indicator.VENDOR_SHARE, r, v.countByRegion()[r] / vendors);
                out.setRegion(Indicator.VENDORS, r, v.countByRegion()[r] * v.realPerModelled());
            }
        }
        double[] s3R = new double[R];
        for (int r = 0; r < R; r++) {
            s3R[r] = f.region.stage[r][3];
        }
        if (sum(s3R) > 0) {
            double[] firmsPos = new double[R];
            for (int r = 0; r < R; r++) {
                firmsPos[r] = Math.max(f.region.firms[r], 1e-9);
            }
            out.set(Indicator.INTELLIGENT_THEIL, Inequality.theil(s3R, firmsPos));
            out.set(Indicator.INTELLIGENT_CR3, Inequality.share(s3R, leading));
        }
    }

    /**
     * Loop gain (A5): rolling {@link RollingOls#LOOP_GAIN_WINDOW}-tick OLS on the history and this tick,
     * β(ln adopt on ln q)·β(ln q on ln R_AI); NaN until the window is full or while a value is not positive.
     * Reads the adoption and AI-industry indicators of {@code current}, so those groups are written first.
     */
    static double loopGain(List<TickIndicators> history, TickIndicators current) {
        int w = RollingOls.LOOP_GAIN_WINDOW;
        int n = history.size() + 1;
        if (n < w) {
            return Double.NaN;
        }
        double[] a = new double[w];
        double[] q = new double[w];
        double[] rev = new double[w];
        for (int i = 0; i < w; i++) {
            TickIndicators t = i == w - 1 ? current : history.get(n - w + i);
            double adopt = t.get(Indicator.STAGE_INTELLIGENT);
            double quality = t.get(Indicator.Q_AI);
            double revenue = t.get(Indicator.AI_REVENUE);
            if (!(adopt > 0 && quality > 0 && revenue > 0)) {
                return Double.NaN;
            }
            a[i] = Num.log(adopt);
            q[i] = Num.log(quality);
            rev[i] = Num.log(revenue);
        }
        return RollingOls.loopGain(a, q, rev);
    }
}
