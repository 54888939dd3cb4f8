package org.ngai.model.firm;

import org.ngai.model.tick.AdoptionIntent;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmReport;

/**
 * The outcome of the decide phase for one firm: the public part ({@link #demand}, {@link #intent})
 * that travels to the markets, and the firm's private production plan that the produce phase needs.
 * The plan is a pure function of (state at the start of the tick, environment, seed), so a service
 * that restarts mid-tick recomputes it identically.
 *
 * <p>A decision is assembled from the steps of {@link FirmPhase#decide} (docs/model.md, Firms): the
 * {@link ProductionPlan} (A4 forecast, A1 assignment at the current stage), the {@link TaskMix} it
 * implies, the {@link AdoptionReview} (A6) and the {@link FactorDemand} sent to the markets. The
 * decision keeps the plan record; the task mix and the review are copied into it, so those records
 * stay local to {@code decide} and the JIT need not allocate them (hot path: one decision per live
 * firm per tick).
 */
public final class FirmDecision {
    public final long firmId;
    public final FactorDemand demand;
    public final AdoptionIntent intent;        // null if no upgrade this tick
    public final boolean exiting;
    public final int exitReason;
    public final boolean reviewed;             // the adoption review happened (decision lag, A3e)
    public final boolean financingConstrained; // wanted to upgrade but could not finance it (B5 U_MF)

    // private plan: production plan at the current stage (A4, A1) and the task mix it implies
    final ProductionPlan plan;
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

    /** A continuing firm: its plan, the task mix behind it, the adoption review and the factor demands. */
    FirmDecision(FactorDemand demand, ProductionPlan plan, TaskMix mix, AdoptionReview review) {
        this.firmId = demand.firmId();
        this.demand = demand;
        this.intent = review.intent();
        this.exiting = false;
        this.exitReason = FirmReport.EXIT_NONE;
        this.reviewed = review.reviewed();
        this.financingConstrained = review.financingConstrained();
        this.plan = plan;
        this.lowPerUnit = mix.lowPerUnit();
        this.highPerUnit = mix.highPerUnit();
        this.aiPerUnit = mix.aiPerUnit();
        this.ictPerUnit = mix.ictPerUnit();
        this.factors = mix.factors();
        this.displacedPerUnit = mix.displacedPerUnit();
        this.reinstatedPerUnit = mix.reinstatedPerUnit();
        this.penetrationNum = mix.penetrationNum();
        this.penetrationDen = mix.penetrationDen();
        this.augmentedNum = mix.augmentedNum();
        this.feasibleWage = mix.feasibleWage();
        this.costEffectiveWage = mix.costEffectiveWage();
        this.exposure = mix.exposure();
        this.outsideTasks = mix.outsideTasks();
    }

    /** A firm that exits this tick (A6.7): it releases its workers and defaults on its debt, and plans nothing. */
    static FirmDecision exit(FactorDemand demand, int exitReason) {
        return new FirmDecision(demand, exitReason);
    }

    private FirmDecision(FactorDemand demand, int exitReason) {
        this.firmId = demand.firmId();
        this.demand = demand;
        this.intent = null;
        this.exiting = true;
        this.exitReason = exitReason;
        this.reviewed = false;
        this.financingConstrained = false;
        this.plan = ProductionPlan.NONE;
        this.lowPerUnit = 0;
        this.highPerUnit = 0;
        this.aiPerUnit = 0;
        this.ictPerUnit = 0;
        this.factors = null;
        this.displacedPerUnit = 0;
        this.reinstatedPerUnit = 0;
        this.penetrationNum = 0;
        this.penetrationDen = 0;
        this.augmentedNum = 0;
        this.feasibleWage = 0;
        this.costEffectiveWage = 0;
        this.exposure = 0;
        this.outsideTasks = 0;
    }

    /**
     * The production plan at the current stage: forecast output (A4, capped by the capacity-building
     * friction), TFP Z = exp(ln Z), the HK wedge (A3b), the CES cost index of the task assignment (A1)
     * and the markup price on the resulting unit cost.
     */
    record ProductionPlan(double output, double lnZ, double z, double wedge, double costIndex, double unitCost,
                          double price) {
        /** The plan of an exiting firm: nothing (TFP and wedge neutral). */
        static final ProductionPlan NONE = new ProductionPlan(0, 0, 0, 1, 0, 0, 0);

        /** Effective output Y/Z the tasks are sized for. */
        double effectiveOutput() {
            return output / z;
        }

        /** Physical TFP of the plan, Z over the cost index. */
        double tfpq() {
            return z / costIndex;
        }
    }

    /**
     * What the task assignment (A1, B1) implies per unit of effective output Y/Z: factor requirements,
     * each task's factor, and the exposure, displacement and reinstatement measures the indicators use.
     */
    record TaskMix(double lowPerUnit, double highPerUnit, double aiPerUnit, double ictPerUnit, byte[] factors,
                   double displacedPerUnit, double reinstatedPerUnit, double penetrationNum, double penetrationDen,
                   double augmentedNum, double feasibleWage, double costEffectiveWage, double exposure,
                   int outsideTasks) {
    }

    /**
     * The A6 adoption review of a tick: whether it happened (decision lag, A3e), whether a wanted upgrade
     * could not be financed, the intent if the firm upgrades, and its credit request (A6.5).
     */
    record AdoptionReview(boolean reviewed, boolean financingConstrained, AdoptionIntent intent, double loanSecured,
                          double loanUnsecured, boolean projectGood) {
        /** No review this tick (not due, or already at the highest stage). */
        static final AdoptionReview NOT_DUE = new AdoptionReview(false, false, null, 0, 0, true);
        /** Reviewed, but no option was weighed or the hazard did not fire. */
        static final AdoptionReview NO_UPGRADE = new AdoptionReview(true, false, null, 0, 0, true);
        private static final AdoptionReview CONSTRAINED_GOOD = new AdoptionReview(true, true, null, 0, 0, true);
        private static final AdoptionReview CONSTRAINED_BAD = new AdoptionReview(true, true, null, 0, 0, false);

        /** Reviewed and wanted to upgrade, but the credit limit does not cover the financing need (B5 U_MF). */
        static AdoptionReview constrained(boolean projectGood) {
            return projectGood ? CONSTRAINED_GOOD : CONSTRAINED_BAD;
        }
    }
}
