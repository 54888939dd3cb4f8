package org.ngai.model.factor;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.core.Region;
import org.ngai.model.tick.AiMarketState;
import org.ngai.model.tick.Environment;

/**
 * State of the factor owners of one run (spec §1, A2, A5, B2, B3): worker cohorts by region × skill
 * (unemployed and in-training stocks; employment is what firms report), lenders, AI vendors, the AI
 * market and the AI adoption of market intermediaries. Workers are modelled as cohorts, not
 * individuals (docs/specification.md §0 allows it; see docs/model.md).
 */
public final class FactorOwners {
    final double[] unemployed;        // [region*2 + skill]
    /**
     * Training is an Erlang pipeline of this many phases (mean duration = trainingDuration): almost nobody
     * completes in the first quarters, most between one and three years (Card-Kluve-Weber 2018: effects
     * near zero in the short run, positive after 2–3 years; spec §A2).
     */
    public static final int TRAINING_PHASES = 4;
    final double[] training;          // [region*TRAINING_PHASES + phase], trainees drawn from low-skill unemployed
    final List<Lender> lenders;
    final List<Vendor> vendors;
    final double[] intermediaryShare; // [market*31 + region] for LAB, FIN, TECH
    final double expenditure0;        // total nominal final expenditure at t0
    final double lenderCapital0;      // total lender capital at t0
    final int firms;                  // population size (scales offers and compute)
    long nextVendorId;
    AiMarketState ai;

    public FactorOwners(double[] unemployed, double[] training, List<Lender> lenders, List<Vendor> vendors,
                        double[] intermediaryShare, double expenditure0, double lenderCapital0, int firms,
                        long nextVendorId, AiMarketState ai) {
        this.unemployed = unemployed;
        this.training = training;
        this.lenders = lenders;
        this.vendors = vendors;
        this.intermediaryShare = intermediaryShare;
        this.expenditure0 = expenditure0;
        this.lenderCapital0 = lenderCapital0;
        this.firms = firms;
        this.nextVendorId = nextVendorId;
        this.ai = ai;
    }

    public AiMarketState ai() {
        return ai;
    }

    public double unemployed(int region, int skill) {
        return unemployed[region * 2 + skill];
    }

    /** Workers in training in a region (all phases). */
    public double training(int region) {
        double sum = 0;
        for (int k = 0; k < TRAINING_PHASES; k++) {
            sum += training[region * TRAINING_PHASES + k];
        }
        return sum;
    }

    public List<Lender> lenders() {
        return lenders;
    }

    public List<Vendor> vendors() {
        return vendors;
    }

    public double intermediaryShare(int market, int region) {
        return intermediaryShare[Environment.cell(market, region)];
    }

    public double expenditure0() {
        return expenditure0;
    }

    public FactorOwners copy() {
        List<Lender> ls = new ArrayList<>();
        for (Lender l : lenders) {
            ls.add(l.copy());
        }
        return new FactorOwners(unemployed.clone(), training.clone(), ls, new ArrayList<>(vendors),
                intermediaryShare.clone(), expenditure0, lenderCapital0, firms, nextVendorId, ai);
    }

    static int regions() {
        return Region.COUNT;
    }
}
