package org.ngai.model.tick;

/**
 * The AI capital market as known at the start of a tick (spec §A3 price, A3f learning curve, A5
 * frontier, A7 energy, C chokepoints). Owned and advanced by the factor side (AI vendors).
 *
 * @param theta              capability frontier θ: tasks with codifiability c &ge; 1−θ are AI-feasible
 * @param thetaTacit         embodied-AI frontier: tasks with c &le; θ_tacit are feasible too (B1)
 * @param thetaUs            exogenous US frontier (catch-up target, A5)
 * @param quality            q_AI
 * @param price              p_AI,t: effective price of one deployed AI unit per quarter, incl. energy
 * @param energyPerUnit      e_AI,t (kWh-units per AI unit, before PUE)
 * @param computeDomestic    domestic compute capacity (AI units per quarter)
 * @param computeImported    imported compute capacity
 * @param exportControl      true while an export-control shock is in force
 * @param dataStock          pooled real data D_real
 * @param effectiveData      D_eff
 * @param collapse           model-collapse penalty in [0,1) from recursive synthetic data
 * @param revenue            R_AI of the previous tick (wage units)
 * @param rdBase             BASE-layer R&D of the previous tick
 * @param protectionTicks    consecutive ticks under protection (openness &lt; 1)
 * @param initialData        D_0, the data stock at t0 (learning-curve anchor)
 * @param scarcity           compute scarcity multiplier in the posted price, (U/U_0)^ξ smoothed (spec §A3, §C)
 */
public record AiMarketState(double theta, double thetaTacit, double thetaUs, double quality, double price,
                            double energyPerUnit, double computeDomestic, double computeImported,
                            boolean exportControl, double dataStock, double effectiveData, double collapse,
                            double revenue, double rdBase, int protectionTicks, double initialData,
                            double scarcity) {

    public double computeCapacity() {
        return computeDomestic + computeImported;
    }

    public double importShare() {
        double c = computeCapacity();
        return c == 0 ? 0 : computeImported / c;
    }
}
