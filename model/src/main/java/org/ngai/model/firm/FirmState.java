package org.ngai.model.firm;

/**
 * Mutable state of one firm (spec §1). Kept compact (primitive fields, task arrays sized to
 * production.tasksMax) so that 100,000 firms fit in well under 2 KB each.
 */
public final class FirmState {
    public final long id;
    public final int region;
    public final int sector;
    public int stage;
    public boolean alive = true;
    public int birthTick;

    // tasks (A1): codifiability c_k, explicit complexity x_k, skill ζ_k (0=L,1=H), AI-use rank u_k, last factor
    public int taskCount;
    public final float[] cod;
    public final float[] complexity;
    public final byte[] taskSkill;
    public final float[] aiRank;
    public final byte[] factor;
    public int newTaskSlot = -1;   // task added at the end of the last tick (A2 reinstatement)

    // TFP parts (A3)
    public double lnZInn;
    public double wedgeZ;          // standard-normal draw; ln(1+τ_i) = σ_τ,t·wedgeZ (A3b)
    public double stageGain;       // cumulative nominal stage gain Σ g_S (A3g)
    public boolean misdirected;    // A6.8: realised gains cut
    public int upgradeTick = -1000;    // t_u of the last completed upgrade (J-curve)
    public int lastAttemptTick = -1000; // last tick an upgrade consumed investment (FAST_DEATH window)
    public int lastReviewTick = -1000;
    public int layers;
    public int productLines = 1;
    public double aiQuality;       // vintage q of the firm's deployed models (A6.8)

    // stocks
    public double kBase;
    public double kUpgrade;        // tangible upgrade investment stock (ICT/AI hardware)
    public double kAi;             // AI part of kUpgrade (capital-skill complementarity, E3.4)
    public double intangible;      // G
    public double intangibleWip;   // part of G built during the current J-curve window: not yet productive
    public double pendingIntangible; // I_G still to be spent
    public double intangibleRate;    // I_G spent per tick while pending (ι·I/T_J)
    public double data;            // D_i
    public double employedL;
    public double employedH;
    public double cash;
    public double debt;

    // demand side (A4, A6.7)
    public double demandShift;     // base demand shifter d_i (brand/size), fixed at birth
    public double fixedCost;       // overhead per quarter at birth, grows with nominal expenditure (A6.7)
    public double lastDemand;      // Y_dem of the previous tick
    public double lastOutput;
    public double lastUnitCost;
    public double marketShare;
    public double marketShareTrend; // slow EMA of market share (SLOW_DEATH test)
    public int lossTicks;
    public double hiTier;          // share of output in the high-end tier (prosumer, A4)

    public FirmState(long id, int region, int sector, int taskCapacity) {
        this.id = id;
        this.region = region;
        this.sector = sector;
        this.cod = new float[taskCapacity];
        this.complexity = new float[taskCapacity];
        this.taskSkill = new byte[taskCapacity];
        this.aiRank = new float[taskCapacity];
        this.factor = new byte[taskCapacity];
    }

    public double employed() {
        return employedL + employedH;
    }

    /** Measured tangible capital K. */
    public double capital() {
        return kBase + kUpgrade;
    }

    /** Collateral for secured credit: upgrade capital plus the pledgeable part of base capital (A6.5). */
    public double pledgeable(double baseShare) {
        return kUpgrade + baseShare * kBase;
    }

    /** A deep copy (used to prove that phases do not depend on hidden shared state). */
    public FirmState copy() {
        FirmState c = new FirmState(id, region, sector, cod.length);
        c.stage = stage;
        c.alive = alive;
        c.birthTick = birthTick;
        c.taskCount = taskCount;
        System.arraycopy(cod, 0, c.cod, 0, cod.length);
        System.arraycopy(complexity, 0, c.complexity, 0, cod.length);
        System.arraycopy(taskSkill, 0, c.taskSkill, 0, cod.length);
        System.arraycopy(aiRank, 0, c.aiRank, 0, cod.length);
        System.arraycopy(factor, 0, c.factor, 0, cod.length);
        c.newTaskSlot = newTaskSlot;
        c.lnZInn = lnZInn;
        c.wedgeZ = wedgeZ;
        c.stageGain = stageGain;
        c.misdirected = misdirected;
        c.upgradeTick = upgradeTick;
        c.lastAttemptTick = lastAttemptTick;
        c.lastReviewTick = lastReviewTick;
        c.layers = layers;
        c.productLines = productLines;
        c.aiQuality = aiQuality;
        c.kBase = kBase;
        c.kUpgrade = kUpgrade;
        c.kAi = kAi;
        c.intangible = intangible;
        c.intangibleWip = intangibleWip;
        c.pendingIntangible = pendingIntangible;
        c.intangibleRate = intangibleRate;
        c.data = data;
        c.employedL = employedL;
        c.employedH = employedH;
        c.cash = cash;
        c.debt = debt;
        c.demandShift = demandShift;
        c.fixedCost = fixedCost;
        c.lastDemand = lastDemand;
        c.lastOutput = lastOutput;
        c.lastUnitCost = lastUnitCost;
        c.marketShare = marketShare;
        c.marketShareTrend = marketShareTrend;
        c.lossTicks = lossTicks;
        c.hiTier = hiTier;
        return c;
    }
}
