package org.ngai.model.firm;

import org.ngai.model.core.Factor;
import org.ngai.model.core.Num;

/**
 * Task-based production (spec §A1, Acemoglu–Restrepo inside a firm CES over tasks): each task is
 * assigned to the cheapest feasible factor, and the firm's unit cost is the CES (power-mean) index
 * of task costs.
 *
 * <p>Feasibility: L only on low-skill tasks; H always; ICT if c_k &ge; c_ICT and x_k &le; x_ICT (S&ge;1);
 * AI if c_k &ge; 1−θ̂ or c_k &le; θ_tacit (embodied AI, B1), within the usable share φ_S·depth
 * (S&ge;2); L⊕AI / H⊕AI if c_k &ge; 1−θ̂−Δ_aug. Feasibility depends on codifiability, not on
 * complexity x_k (Polanyi/Moravec, B1). Firms assign against their perceived frontier θ̂; tasks in
 * (θ, θ̂] lose {@code outsideLoss} of productivity (jagged frontier, Dell'Acqua et al.).
 *
 * <p>Deviation noted in docs/model.md: tasks carry equal weights 1/K, so the cost index is a power
 * mean P̃ = [(1/K)Σ p_k^(1−σ)]^(1/(1−σ)) and adding a task changes the task mix, not the scale.
 * Task volume per unit of Y/Z is y_k = (1/K)(p_k/P̃)^(−σ); factor units are y_k/γ_f(k).
 *
 * <p>One instance is a reusable scratch buffer (no allocation per firm): set the inputs, call
 * {@link #run}, read the outputs. Not thread-safe.
 */
public final class TaskAssignment {
    // ---- inputs (set before run) ----
    public double sigma;
    public double wageL;
    public double wageH;
    public double ictUnitCost;      // R_ICT / γ_ICT
    public double ictProductivity;
    public double ictMinCod;
    public double ictMaxComplexity;
    public double aiPrice;          // p_AI per unit
    public double aiProductivity;   // γ̄ · q (firm's model quality)
    public double aiFixedPerVolume; // F_AI / task volume, wage units per task unit
    public double theta;
    public double thetaPerceived;
    public double thetaTacit;
    public boolean aiAllowedInSector;
    public double augBand;
    public double augIntensity;     // ν
    public double augGainHigh;      // a_aug
    public double augGainLow;       // novice gain
    public double outsideLoss;
    public double aiSkillIntensity;  // H workers per automated task unit (capital-skill complementarity)
    public double rampWidth = 0.3;
    public double rampFloor = 0.3;

    // ---- outputs per task ----
    public final byte[] factor;
    public final double[] cost;        // realised cost per task unit
    public final double[] volume;      // y_k per unit of Y/Z
    public final double[] labourCost;  // cost per task unit if done by its own labour type
    public final boolean[] feasible;
    public final boolean[] costEffective;

    // ---- outputs per unit of Y/Z ----
    public double costIndex;   // P̃
    public double lowPerUnit;  // L workers (incl. L⊕AI)
    public double highPerUnit; // H workers (incl. H⊕AI)
    public double aiPerUnit;   // AI units (automation + augmentation)
    public double ictPerUnit;  // ICT units
    public int aiTasks;        // tasks automated by AI (fixed deployment cost each)
    public double penetrationNum;
    public double penetrationDen;
    public double augmentedNum;
    public double feasibleWage;
    public double costEffectiveWage;
    public int feasibleTasks;
    public int outsideTasks;

    public TaskAssignment(int capacity) {
        factor = new byte[capacity];
        cost = new double[capacity];
        volume = new double[capacity];
        labourCost = new double[capacity];
        feasible = new boolean[capacity];
        costEffective = new boolean[capacity];
    }

    /**
     * Assigns the firm's tasks for a given stage.
     *
     * @param usableShare φ_S·min(1, H/(h_req·L)): tasks with AI-use rank below it may use AI (A1, A6.8)
     * @return the realised cost index P̃ (unit cost before TFP)
     */
    public double run(FirmState f, int stage, double usableShare) {
        int k = f.taskCount;
        double aiUnitCost = aiProductivity > 0 ? aiPrice / aiProductivity : Double.POSITIVE_INFINITY;
        double lowAug = (wageL + augIntensity * aiPrice) / (1 + augGainLow);
        double highAug = (wageH + augIntensity * aiPrice) / (1 + augGainHigh);
        double aiFloor = 1 - theta;
        double aiFloorPerceived = 1 - thetaPerceived;
        feasibleWage = 0;
        costEffectiveWage = 0;
        feasibleTasks = 0;
        outsideTasks = 0;
        aiTasks = 0;
        for (int i = 0; i < k; i++) {
            double c = f.cod[i];
            boolean lowTask = f.taskSkill[i] == 0;
            double lab = lowTask ? wageL : wageH;
            labourCost[i] = lab;
            // baseline: labour of the task's own type (H can do L tasks, L cannot do H tasks)
            int best = lowTask ? (wageL <= wageH ? Factor.L.ordinal() : Factor.H.ordinal()) : Factor.H.ordinal();
            double bestCost = lowTask ? Math.min(wageL, wageH) : wageH;
            double realised = bestCost;
            boolean trulyFeasible = aiAllowedInSector && (c >= aiFloor || c <= thetaTacit);
            boolean tacit = c <= thetaTacit;
            // AI productivity ramps up with the distance inside the frontier (true and perceived)
            double rampTrue = tacit ? 1 : ramp(c - aiFloor);
            double rampSeen = tacit ? 1 : ramp(c - aiFloorPerceived);
            double supervision = aiSkillIntensity * wageH;
            double aiTrueCost = aiUnitCost / rampTrue + aiFixedPerVolume + supervision;
            double aiPerceivedCost = aiUnitCost / rampSeen + aiFixedPerVolume + supervision;
            feasible[i] = trulyFeasible;
            costEffective[i] = trulyFeasible && aiTrueCost < lab;
            if (trulyFeasible) {
                feasibleTasks++;
                feasibleWage += lab;
                if (costEffective[i]) {
                    costEffectiveWage += lab;
                }
            }
            if (stage >= 1 && c >= ictMinCod && f.complexity[i] <= ictMaxComplexity && ictUnitCost < bestCost) {
                best = Factor.ICT.ordinal();
                bestCost = ictUnitCost;
                realised = ictUnitCost;
            }
            boolean aiUsable = stage >= 2 && aiAllowedInSector && f.aiRank[i] < usableShare;
            if (aiUsable) {
                boolean perceivedAi = c >= aiFloorPerceived || c <= thetaTacit;
                if (perceivedAi && aiPerceivedCost < bestCost) {
                    best = Factor.AI.ordinal();
                    bestCost = aiPerceivedCost;
                    boolean inside = c >= aiFloor || tacit;
                    realised = inside ? aiTrueCost
                            : aiUnitCost / (rampSeen * (1 - outsideLoss)) + aiFixedPerVolume + supervision;
                }
                boolean perceivedAug = c >= aiFloorPerceived - augBand;
                boolean insideAug = c >= aiFloor - augBand;
                double augLoss = insideAug ? 1 : 1 - outsideLoss;
                if (perceivedAug && lowTask && lowAug < bestCost) {
                    best = Factor.LAI.ordinal();
                    bestCost = lowAug;
                    realised = (wageL + augIntensity * aiPrice) / ((1 + augGainLow) * augLoss);
                }
                if (perceivedAug && highAug < bestCost) {
                    best = Factor.HAI.ordinal();
                    bestCost = highAug;
                    realised = (wageH + augIntensity * aiPrice) / ((1 + augGainHigh) * augLoss);
                }
            }
            factor[i] = (byte) best;
            cost[i] = realised;
            if (realised != bestCost) {
                outsideTasks++;
            }
        }
        // CES power-mean cost index and task volumes
        double rho = 1 - sigma;
        double idx;
        if (Math.abs(rho) < 1e-9) {
            double s = 0;
            for (int i = 0; i < k; i++) {
                s += Num.log(cost[i]);
            }
            idx = Num.exp(s / k);
            for (int i = 0; i < k; i++) {
                volume[i] = (1.0 / k) * idx / cost[i];
            }
        } else if (sigma == 0.5) {
            double s = 0;
            for (int i = 0; i < k; i++) {
                s += Math.sqrt(cost[i]);
            }
            double m = s / k;
            idx = m * m;
            double sq = Math.sqrt(idx);
            for (int i = 0; i < k; i++) {
                volume[i] = (1.0 / k) * sq / Math.sqrt(cost[i]);
            }
        } else {
            double s = 0;
            for (int i = 0; i < k; i++) {
                s += Num.pow(cost[i], rho);
            }
            idx = Num.pow(s / k, 1 / rho);
            for (int i = 0; i < k; i++) {
                volume[i] = (1.0 / k) * Num.pow(cost[i] / idx, -sigma);
            }
        }
        costIndex = idx;
        // factor requirements per unit of Y/Z
        double low = 0;
        double high = 0;
        double ai = 0;
        double ict = 0;
        double pen = 0;
        double den = 0;
        double aug = 0;
        for (int i = 0; i < k; i++) {
            double y = volume[i];
            double w = y * labourCost[i];
            den += w;
            switch (factor[i]) {
                case 0 -> low += y;                                   // L, γ=1
                case 1 -> high += y;                                  // H, γ=1
                case 2 -> ict += y / ictProductivity;
                case 3 -> {
                    // units incl. fixed deployment; skilled operators are paid separately
                    ai += y * (cost[i] - aiSkillIntensity * wageH) / aiPrice;
                    high += y * aiSkillIntensity;
                    aiTasks++;
                    pen += w;
                }
                case 4 -> {
                    double workers = y * cost[i] / (wageL + augIntensity * aiPrice);
                    low += workers;
                    ai += augIntensity * workers;
                    pen += w;
                    aug += w;
                }
                default -> {
                    double workers = y * cost[i] / (wageH + augIntensity * aiPrice);
                    high += workers;
                    ai += augIntensity * workers;
                    pen += w;
                    aug += w;
                }
            }
        }
        lowPerUnit = low;
        highPerUnit = high;
        aiPerUnit = ai;
        ictPerUnit = ict;
        penetrationNum = pen;
        penetrationDen = den;
        augmentedNum = aug;
        return idx;
    }

    /** Relative AI productivity at a distance d inside the frontier: floor + (1−floor)·d/width, capped at 1. */
    private double ramp(double d) {
        if (d <= 0) {
            return rampFloor;
        }
        return Math.min(1, rampFloor + (1 - rampFloor) * d / rampWidth);
    }

    /** Labour-cost weight (per unit of Y/Z) of tasks whose factor moved from labour to ICT/AI (A2 Disp). */
    public double displacedWeight(FirmState f) {
        double d = 0;
        for (int i = 0; i < f.taskCount; i++) {
            boolean wasLabour = Factor.of(f.factor[i]).labour();
            boolean nowMachine = !Factor.of(factor[i]).labour();
            if (wasLabour && nowMachine) {
                d += volume[i] * labourCost[i];
            }
        }
        return d;
    }
}
