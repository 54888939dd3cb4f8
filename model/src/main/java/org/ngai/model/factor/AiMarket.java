package org.ngai.model.factor;

import org.ngai.model.core.Num;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.tick.AiMarketState;
import org.ngai.model.tick.AiSale;

/**
 * The AI capital market's law of motion (spec §A3 price, A3f learning curve, A5 frontier loop,
 * A7 energy, C chokepoints). Pure: (state of t, clearing of t) → state of t+1.
 */
public final class AiMarket {
    private AiMarket() {
    }

    /** Average PUE used in the price's energy term (A3: p_e·PUE·e_AI). */
    static double averagePue(Params p) {
        return 0.5 * (p.get(Param.PUE_DEFAULT) + p.get(Param.PUE_HUB));
    }

    /**
     * e_AI,t = e_AI,0·(g_c/1.4)^(t/4)·(1−b_brain): hardware efficiency +40%/yr (A7, AI Index 2025) against
     * compute per unit of service growing with model scale (g_c, E3.14).
     */
    static double energyPerUnit(Params p, int tick) {
        return p.get(Param.ENERGY_PER_UNIT)
                * Num.pow(p.get(Param.COMPUTE_INTENSITY_GROWTH) / p.get(Param.ENERGY_EFFICIENCY_GAIN), tick / 4.0)
                * (1 - p.get(Param.BRAIN_LIKE));
    }

    /** p_AI,t = p_AI,0(1−g_p)^(t/4)(1+shock_chip) + p_e·PUE·e_AI (A3). */
    static double price(Params p, int tick, boolean exportControl) {
        double base = p.get(Param.P_AI0) * Num.pow(1 - p.get(Param.PRICE_DECLINE), tick / 4.0)
                * (1 + (exportControl ? p.get(Param.CHIP_PRICE_SHOCK) : 0));
        double level = org.ngai.model.firm.FirmEconomics.nominal(p, tick);
        return (base + p.get(Param.ENERGY_PRICE) * averagePue(p) * energyPerUnit(p, tick)) * level;
    }

    /**
     * Scarcity multiplier of the compute price: (U/U_0)^ξ with U = AI demand / installed compute and
     * U_0 = 1/headroom its t0 value; ξ is the inverse supply elasticity of compute services. Bounded to
     * [0.25, 4] so an idle or saturated market cannot send the price to 0 or infinity.
     */
    static double scarcity(Params p, double utilisation) {
        double xi = p.get(Param.COMPUTE_PRICE_ELASTICITY);
        if (xi <= 0) {
            return 1;
        }
        double rel = utilisation * p.get(Param.COMPUTE0);
        return Num.clamp(Num.pow(Math.max(rel, 1e-9), xi), 0.25, 4);
    }

    /** q = q_max − (q_max − q_0)(D_eff/D_0)^(−α_D) (A3f, Kaplan et al. 2020). */
    static double quality(Params p, double effectiveData, double initialData) {
        double ratio = Math.max(1e-9, effectiveData / initialData);
        double q = p.get(Param.QMAX) - (p.get(Param.QMAX) - p.get(Param.Q0)) * Num.pow(ratio, -p.get(Param.DATA_EXPONENT));
        return Num.clamp(q, 0.01, p.get(Param.QMAX));
    }

    /** D_eff = [D_real(1−e_d) + v_syn·D_syn]·(1−collapse); returns {D_eff, collapse} (A3f, D synthetic data). */
    static double[] effectiveData(Params p, double dataStock) {
        double syn = p.get(Param.SYNTHETIC_SHARE);
        double dSyn = syn >= 1 ? 0 : dataStock * syn / (1 - syn);
        double collapse = Math.min(0.9, p.get(Param.COLLAPSE_RATE) * Math.max(0, syn - p.get(Param.SYNTHETIC_CAP)));
        double eff = (dataStock * (1 - p.get(Param.DATA_EXCLUDABILITY)) + p.get(Param.SYNTHETIC_VALUE) * dSyn) * (1 - collapse);
        return new double[] {eff, collapse};
    }

    /** The t0 state. Compute capacity scales with the population (compute.capacityPerFirm). */
    public static AiMarketState initial(Params p, int firms, double initialAiDemand) {
        double data = firms;
        double[] eff = effectiveData(p, data);
        double capacity = p.get(Param.COMPUTE0) * Math.max(initialAiDemand, 1e-3 * firms);
        boolean on = p.getInt(Param.AI_ENABLED) == 1;
        double imported = capacity * p.get(Param.IMPORT_SHARE);
        // D_0 is the raw data stock at t0: a fixed reference, so data policies (e_d, pooling, synthetic
        // data) move q from the first tick on rather than cancelling out
        double q = quality(p, eff[0], data);
        return new AiMarketState(on ? p.get(Param.THETA0) : 0, on ? p.get(Param.THETA_TACIT0) : 0, p.get(Param.THETA_US0),
                q, price(p, 0, false), energyPerUnit(p, 0), capacity - imported, imported, false,
                data, eff[0], eff[1], 0, 0, 0, data, 1);
    }

    /**
     * Advances the AI market from t to t+1.
     *
     * @param sale               clearing of the AI market at t
     * @param baseShare          BASE-layer share of vendors (their R&D moves the frontier, A5)
     * @param totalExpenditure   nominal final expenditure at t (scales RD_ref)
     */
    static AiMarketState advance(AiMarketState s, AiSale sale, Params p, int tick, double baseShare,
                                 double totalExpenditure) {
        int next = tick + 1;
        // A5 frontier: θ += g_θ0 + g_θ1·ln(1+RD_BASE/RD_ref) + s_int·o·(θ_US − θ)
        double openness = p.get(Param.OPENNESS);
        int protection = openness < 1 ? s.protectionTicks() + 1 : 0;
        int sunset = p.getInt(Param.PROTECTION_SUNSET);
        if (sunset > 0 && protection > sunset) {
            openness = 1;
        }
        double gTheta = p.get(Param.THETA_GROWTH);
        if (openness < 1 && protection > 8) {
            gTheta *= 1 - p.get(Param.PROTECTION_INERTIA);   // long protection: domestic inertia (D)
        }
        double rdBase = p.get(Param.VENDOR_RD_SHARE) * sale.revenue() * Math.min(1, 3 * baseShare)
                + p.get(Param.PUBLIC_BASE_RD) * totalExpenditure;
        double rdRef = p.get(Param.RD_REF) * totalExpenditure;
        double theta = s.theta() + gTheta + p.get(Param.THETA_RD) * Num.log(1 + rdBase / rdRef)
                + p.get(Param.CATCH_UP) * openness * (s.thetaUs() - s.theta());
        theta = Num.clamp(theta, 0, p.get(Param.THETA_MAX));
        boolean on = p.getInt(Param.AI_ENABLED) == 1;
        double thetaUs = Math.min(p.get(Param.THETA_MAX), s.thetaUs() + p.get(Param.THETA_US_GROWTH));
        double thetaTacit = on ? Math.min(0.5, s.thetaTacit() + p.get(Param.THETA_TACIT_GROWTH)) : 0;
        if (!on) {
            theta = 0;
        }
        // A3f learning curve: pooled data from all users (network effect), excludability loss, synthetic data
        double data = s.dataStock() * (1 - p.get(Param.DATA_DECAY))
                + p.get(Param.DATA_PER_UNIT) * sale.sold() * p.get(Param.DATA_POOLING);
        double[] eff = effectiveData(p, data);
        double q = quality(p, eff[0], s.initialData());
        // C chokepoints: imported compute, export-control shock, domestic substitution at efficiency φ_dom.
        // Private compute investment closes part of the gap to the capacity that would serve this tick's
        // demand at the t0 headroom grown by g (partial adjustment; capacity depreciates at most 2%/qtr),
        // plus a response to shortfalls. The national-compute lever adds public domestic capacity on top
        // (spec §D), which then crowds out part of the private investment.
        int shockTick = p.getInt(Param.EXPORT_CONTROL_TICK);
        boolean control = s.exportControl() || (shockTick > 0 && next >= shockTick);
        double capacityNow = s.computeDomestic() + s.computeImported();
        double wanted = sale.demanded() * p.get(Param.COMPUTE0) * (1 + p.get(Param.COMPUTE_GROWTH));
        double g = capacityNow > 0
                ? Math.max(-0.02, p.get(Param.COMPUTE_ADJUSTMENT) * (wanted - capacityNow) / capacityNow) : 0;
        double response = p.get(Param.COMPUTE_RESPONSE) * sale.shortfall();
        double domestic = s.computeDomestic() * (1 + g + response + p.get(Param.COMPUTE_DOMESTIC_BOOST));
        double imported = s.computeImported() * (1 + (g + response) * openness);
        if (control && !s.exportControl()) {
            imported *= 1 - p.get(Param.EXPORT_CONTROL_CUT);
        }
        if (control) {
            double lost = imported * p.get(Param.EXPORT_CONTROL_CUT);
            double phiDom = Math.min(1, p.get(Param.DOMESTIC_EFFICIENCY) + 20 * p.get(Param.PUBLIC_BASE_RD));
            domestic += p.get(Param.SUBSTITUTION_SPEED) * phiDom * lost;
        }
        // supply term: compute scarcity rent (utilisation of the capacity of t+1 by the demand of t, relative to
        // t0) moves the price, so more capacity (national compute) lowers it and an import cut raises it;
        // last tick's shortfall stays in the posted price, so buyers substitute back to labour (C)
        double capacityNext = domestic + imported;
        // compute is bought on contracts: the scarcity rent adjusts halfway to its new level each quarter
        // (without this the price and the demand it meets chase each other in a cobweb cycle)
        double target = scarcity(p, capacityNext > 0 ? sale.demanded() / capacityNext : 0);
        double scarcity = Num.exp(0.5 * Num.log(s.scarcity()) + 0.5 * Num.log(target));
        // contracts are priced a quarter ahead: the chip surcharge reaches the posted price one tick after the
        // capacity cut, so the shock first shows as a shortfall (rationing), then as a price spike
        double posted = price(p, next, s.exportControl()) * scarcity
                * (1 + p.get(Param.SHORTFALL_SPIKE) * sale.shortfall());
        if (p.getInt(Param.AI_FROZEN) == 1) {
            // counterfactual: AI technology stays as it was at t0 (E3.6)
            theta = s.theta();
            thetaTacit = s.thetaTacit();
            q = s.quality();
            posted = price(p, 0, false) * org.ngai.model.firm.FirmEconomics.nominal(p, next);
        }
        return new AiMarketState(theta, thetaTacit, thetaUs, q, posted, energyPerUnit(p, next),
                domestic, imported, control, data, eff[0], eff[1], sale.revenue(), rdBase, protection, s.initialData(), scarcity);
    }
}
