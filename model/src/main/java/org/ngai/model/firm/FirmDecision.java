package org.ngai.model.firm;

import org.ngai.model.tick.AdoptionIntent;
import org.ngai.model.tick.FactorDemand;

/**
 * The outcome of the decide phase for one firm: the public part ({@link #demand}, {@link #intent})
 * that travels to the markets, and the firm's private production plan that the produce phase needs.
 * The plan is a pure function of (state at the start of the tick, environment, seed), so a service
 * that restarts mid-tick recomputes it identically.
 */
public final class FirmDecision {
    public final long firmId;
    public final FactorDemand demand;
    public final AdoptionIntent intent;        // null if no upgrade this tick
    public final boolean exiting;
    public final int exitReason;
    public final boolean reviewed;             // the adoption review happened (decision lag, A3e)
    public final boolean financingConstrained; // wanted to upgrade but could not finance it (B5 U_MF)

    // private plan (A1 assignment at the current stage)
    final double z;
    final double unitCost;
    final double price;
    final double plannedOutput;
    final double lowPerUnit;
    final double highPerUnit;
    final double aiPerUnit;
    final double ictPerUnit;
    final byte[] factors;
    final double displacedPerUnit;
    final double reinstatedPerUnit;
    final double penetrationNum;
    final double penetrationDen;
    final double augmentedNum;
    final double feasibleWage;
    final double costEffectiveWage;
    final double exposure;
    final int outsideTasks;
    final double tfpq;
    final double lnZ;
    final double wedge;

    FirmDecision(long firmId, FactorDemand demand, AdoptionIntent intent, boolean exiting, int exitReason,
                 boolean reviewed, boolean financingConstrained, double z, double unitCost, double price,
                 double plannedOutput, double lowPerUnit, double highPerUnit, double aiPerUnit, double ictPerUnit,
                 byte[] factors, double displacedPerUnit, double reinstatedPerUnit, double penetrationNum,
                 double penetrationDen, double augmentedNum, double feasibleWage, double costEffectiveWage,
                 double exposure, int outsideTasks, double tfpq, double lnZ, double wedge) {
        this.firmId = firmId;
        this.demand = demand;
        this.intent = intent;
        this.exiting = exiting;
        this.exitReason = exitReason;
        this.reviewed = reviewed;
        this.financingConstrained = financingConstrained;
        this.z = z;
        this.unitCost = unitCost;
        this.price = price;
        this.plannedOutput = plannedOutput;
        this.lowPerUnit = lowPerUnit;
        this.highPerUnit = highPerUnit;
        this.aiPerUnit = aiPerUnit;
        this.ictPerUnit = ictPerUnit;
        this.factors = factors;
        this.displacedPerUnit = displacedPerUnit;
        this.reinstatedPerUnit = reinstatedPerUnit;
        this.penetrationNum = penetrationNum;
        this.penetrationDen = penetrationDen;
        this.augmentedNum = augmentedNum;
        this.feasibleWage = feasibleWage;
        this.costEffectiveWage = costEffectiveWage;
        this.exposure = exposure;
        this.outsideTasks = outsideTasks;
        this.tfpq = tfpq;
        this.lnZ = lnZ;
        this.wedge = wedge;
    }
}
