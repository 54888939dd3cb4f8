package org.ngai.model.firm;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.core.Factor;
import org.ngai.model.core.Num;
import org.ngai.model.core.Region;
import org.ngai.model.core.Rng;
import org.ngai.model.core.Sector;
import org.ngai.model.finance.RealOption;
import org.ngai.model.firm.FirmDecision.AdoptionReview;
import org.ngai.model.firm.FirmDecision.ProductionPlan;
import org.ngai.model.firm.FirmDecision.TaskMix;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.AdoptionIntent;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.FirmReport;
import org.ngai.model.tick.ProduceResult;
import org.ngai.model.tick.SectorSummary;

/**
 * The firm side of a tick (docs/pipeline.md steps 1 and 4) as two functions over explicit inputs:
 * {@link #decide} (adoption A6, task assignment A1, factor demands) and {@link #produce} (apply
 * matches, goods market, accounts, innovation A3a, lifecycle A6.7). The in-process engine and
 * firm-service call exactly these.
 */
public final class FirmPhase {
    private final Scenario scenario;
    private final TaskAssignment ta;
    private final TaskAssignment option;
    private final Rng rng = Rng.of(0, Rng.Stream.FIRM_DECIDE, 0, 0);
    private final int capacity;
    private final UpgradeOption best = new UpgradeOption();

    public FirmPhase(Scenario scenario) {
        this.scenario = scenario;
        this.capacity = scenario.params().getInt(Param.TASKS_MAX);
        this.ta = new TaskAssignment(capacity);
        this.option = new TaskAssignment(capacity);
    }

    // =============================================================================== decide

    /** Decisions of every live firm, in id order. */
    public List<FirmDecision> decide(FirmPopulation pop, Environment env, int tick) {
        Params p = scenario.paramsAt(tick);
        double[] assisted = assistedPeerShares(pop, p);
        List<FirmDecision> out = new ArrayList<>(pop.firms().size());
        for (FirmState f : pop.firms()) {
            if (f.alive) {
                out.add(decide(f, env, tick, p, assisted));
            }
        }
        return out;
    }

    /**
     * One firm's decision, in the order of docs/model.md (Firms): exit check, production plan and task
     * assignment, labour and AI demand, adoption review, technology demand. The random draws of the
     * FIRM_DECIDE stream come in this order (forecast, perception, hazard, project type, licence).
     */
    private FirmDecision decide(FirmState f, Environment env, int tick, Params p, double[] assisted) {
        rng.reset(scenario.seed(), Rng.Stream.FIRM_DECIDE, f.id, tick);
        if (f.lossTicks >= p.getInt(Param.EXIT_LOSS_TICKS)) {
            return exitDecision(f, env, p, tick);
        }
        ProductionPlan plan = planProduction(f, env, tick, p);
        TaskMix mix = taskMix(f);
        InputDemand inputs = inputDemand(f, p, plan);
        AdoptionReview review = reviewAdoption(f, env, tick, p, plan, assisted);
        boolean wantsTech = wantsTechnology(f, p, mix.exposure());
        return new FirmDecision(factorDemand(f, env, inputs, review, wantsTech), plan, mix, review);
    }

    /** Exit (A6.7): every worker is released to the cohorts, the debt is written off by lenders. */
    private static FirmDecision exitDecision(FirmState f, Environment env, Params p, int tick) {
        double wL = env.wageL()[f.region];
        double wH = env.wageH()[f.region];
        FactorDemand d = new FactorDemand(f.id, f.region, f.sector, f.stage, 0, 0, f.employedL, f.employedH, 0, 0,
                0, wL, wH, 0, 0, true, false, 0, true, f.debt);
        return FirmDecision.exit(d, exitReason(f, p, tick));
    }

    /**
     * The plan at the current stage: forecast output (A4) and the task assignment (A1) against the
     * perceived frontier (B1), which fills {@link #ta} and gives the unit cost and the markup price.
     */
    private ProductionPlan planProduction(FirmState f, Environment env, int tick, Params p) {
        double lnZ = FirmEconomics.lnZ(f, p, env, tick);
        double z = Num.exp(lnZ);
        double wedge = FirmEconomics.wedge(f, p, env);
        double quality = f.stage >= 2 ? f.aiQuality : env.ai().quality();
        double output = forecastOutput(f, env, p);
        // B1: jagged frontier, firms assign against θ̂ = θ + ν
        double thetaHat = env.ai().theta() + p.get(Param.PERCEPTION_NOISE) * rng.gaussian();
        double volume = output / z / f.taskCount;
        FirmEconomics.prepare(ta, f, p, env, scenario.aiType(), quality, thetaHat, volume);
        double idx = ta.run(f, f.stage, FirmEconomics.usableShare(f, p, f.stage));
        double unitCost = idx / z * wedge;
        double price = FirmEconomics.markup(p) * unitCost;
        return new ProductionPlan(output, lnZ, z, wedge, idx, unitCost, price);
    }

    /** Planned output: last quarter's demand with a forecast error, capped by the capacity-building friction. */
    private double forecastOutput(FirmState f, Environment env, Params p) {
        // A4: forecast error σ_f = σ_f0(1−q·1[S=3])
        double sdF = p.get(Param.FORECAST_SD0) * (1 - (f.stage == 3 ? env.ai().quality() : 0));
        double plan = f.lastDemand * Math.max(0.2, 1 + sdF * rng.gaussian());
        if (f.lastOutput > 0) {
            plan = Math.min(plan, f.lastOutput * (1 + p.get(Param.MAX_GROWTH)));   // capacity-building friction
        }
        return plan;
    }

    /** The task mix of the assignment in {@link #ta} (A1): requirements per unit of Y/Z and its indicators. */
    private TaskMix taskMix(FirmState f) {
        double displaced = ta.displacedWeight(f);
        double reinstated = 0;
        if (f.newTaskSlot >= 0 && f.newTaskSlot < f.taskCount && Factor.of(ta.factor[f.newTaskSlot]).labour()) {
            reinstated = ta.volume[f.newTaskSlot] * ta.labourCost[f.newTaskSlot];
        }
        byte[] factors = new byte[f.taskCount];
        System.arraycopy(ta.factor, 0, factors, 0, f.taskCount);
        double exposure = (double) ta.feasibleTasks / f.taskCount;
        return new TaskMix(ta.lowPerUnit, ta.highPerUnit, ta.aiPerUnit, ta.ictPerUnit, factors, displaced, reinstated,
                ta.penetrationNum, ta.penetrationDen, ta.augmentedNum, ta.feasibleWage, ta.costEffectiveWage, exposure,
                ta.outsideTasks);
    }

    /** Labour flows and AI units the plan asks of the markets. */
    record InputDemand(double vacanciesL, double vacanciesH, double layoffsL, double layoffsH, double separationsL,
                       double separationsH, double aiUnits) {
    }

    /**
     * Labour demand: workers and AI units the plan needs, less the workers who stay after separations;
     * vacancies for the gap, layoffs beyond the hoarding margin (at most the layoff cap).
     */
    private InputDemand inputDemand(FirmState f, Params p, ProductionPlan plan) {
        double yz = plan.effectiveOutput();
        double needL = ta.lowPerUnit * yz;
        double needH = ta.highPerUnit * yz;
        double needAi = ta.aiPerUnit * yz;
        if (!(Double.isFinite(needL) && Double.isFinite(needH) && Double.isFinite(needAi))) {
            // extreme corners of the parameter space (huge firms × extreme wedges and elasticities) overflow the
            // plan; such a firm plans nothing this quarter rather than sending an undefined demand to the markets
            needL = 0;
            needH = 0;
            needAi = 0;
        }
        double s = p.get(Param.SEPARATION);
        double maxLay = p.get(Param.MAX_LAYOFF);
        double sepL = s * f.employedL;
        double sepH = s * f.employedH;
        double keepL = f.employedL - sepL;
        double keepH = f.employedH - sepH;
        if (f.stage >= 2 && ta.aiTasks + ta.augmentedNum > 0) {
            // AI needs skilled operators: adopters staff H up to h_req·L (A6.8 depth; §3.1.2 upgrading)
            double hreq = p.get(Param.DEPTH_SKILL_RATIO) * (1 - p.get(Param.COMPLEMENTARY_TECH));
            needH = Math.max(needH, hreq * needL);
        }
        double vacL = Math.max(0, needL - keepL);
        double vacH = Math.max(0, needH - keepH);
        double hoard = 1 + p.get(Param.HOARDING);
        double layL = Math.min(Math.max(0, keepL - needL * hoard), maxLay * f.employedL);
        double layH = Math.min(Math.max(0, keepH - needH * hoard), maxLay * f.employedH);
        return new InputDemand(vacL, vacH, layL, layH, sepL, sepH, needAi);
    }

    /**
     * The best upgrade option of a review: the one with the highest NPV per unit of cost. A reusable
     * scratch owned by this phase (like {@link TaskAssignment}), filled by {@link #bestUpgrade}, so a
     * review allocates nothing unless the firm decides to upgrade.
     */
    private static final class UpgradeOption {
        int toStage;
        double npvPerCost;
        double npv;
        double investment;
        double totalCost;

        boolean leap(int fromStage) {
            return toStage - fromStage >= 2;
        }
    }

    /**
     * ---- A6 adoption review (decision lag = (ℓ−1) review intervals, A3e): weigh the options (NPV), draw
     * the adoption hazard, and finance the chosen upgrade.
     */
    private AdoptionReview reviewAdoption(FirmState f, Environment env, int tick, Params p, ProductionPlan plan,
                                          double[] assisted) {
        int interval = Math.max(1, p.getInt(Param.REVIEW_BASE) * (f.layers - 1));
        if (!(f.stage < FirmEconomics.maxStage(p) && tick - f.lastReviewTick >= interval)) {
            return AdoptionReview.NOT_DUE;
        }
        if (!bestUpgrade(f, env, p, plan)) {
            return AdoptionReview.NO_UPGRADE;
        }
        double sigmaU = p.get(Param.UNCERTAINTY) * (1 - p.get(Param.TRUST_BOOST));
        double hurdle = RealOption.hurdleMultiple(p.get(Param.DISCOUNT_RATE), p.get(Param.DRIFT), sigmaU);
        double hazard = adoptionHazard(f, env, tick, p, interval, best, hurdle, assisted);
        if (rng.nextDouble() < hazard) {
            return financeUpgrade(f, p, plan, best, hurdle, hazard);
        }
        return AdoptionReview.NO_UPGRADE;
    }

    /**
     * Options S+1, S+2 and 0→3 (a leap needs readiness ≥ R*, A6.6), each re-costed at the new stage:
     * NPV = (1−fail)(ΔΠ·annuity − J-loss) − I(1+ι)(1−subsidy), ΔΠ = Π((c'/c)^(1−ε) − 1). The best
     * goes to {@link #best}; false when no option may be weighed.
     */
    private boolean bestUpgrade(FirmState f, Environment env, Params p, ProductionPlan plan) {
        double eps = p.get(Param.DEMAND_ELASTICITY);
        double revenue = expectedRevenue(f, plan);
        double profit = expectedProfit(f, p, plan);
        double subsidyRate = subsidyRate(f, p);
        double iota = p.get(Param.INTANGIBLE_RATIO);
        double rq = p.get(Param.DISCOUNT_RATE) / 4;
        int horizon = p.getInt(Param.HORIZON);
        double annuity = (1 - Num.powFast(1 + rq, -horizon)) / rq;
        double readiness = readiness(f, p);
        double expectedCut = p.get(Param.MISDIRECTION) * p.get(Param.MISDIRECTION_CUT);
        int tj = p.getInt(Param.JCURVE_DURATION);
        double jLoss = (eps - 1) * p.get(Param.JCURVE_DEPTH) * profit * (tj + 1) / 2.0;
        double volume = plan.output() / plan.z() / f.taskCount;
        int bestTo = -1;
        double bestRatio = Double.NEGATIVE_INFINITY;
        double bestNpv = 0;
        double bestI = 0;
        double bestTc = 0;
        for (int to = f.stage + 1; to <= FirmEconomics.maxStage(p); to++) {
            boolean leap = to - f.stage >= 2;
            if (leap && readiness < p.get(Param.LEAP_THRESHOLD)) {
                continue;
            }
            FirmEconomics.prepare(option, f, p, env, scenario.aiType(), env.ai().quality(), env.ai().theta(),
                    volume);
            double idx2 = option.run(f, to, FirmEconomics.usableShare(f, p, to));
            double gain = (FirmEconomics.stageGain(p, to) - FirmEconomics.stageGain(p, f.stage)) * (1 - expectedCut);
            double c2 = idx2 / (plan.z() * Num.exp(gain)) * plan.wedge();
            double dPi = profit * (Num.powFast(c2 / plan.unitCost(), 1 - eps) - 1);
            double fail = leap ? p.get(Param.FAIL_LEAP) : p.get(Param.FAIL_SERIAL);
            double inv = FirmEconomics.investmentPerRevenue(p, f.stage, to) * revenue;
            double tc = inv * (1 + iota) * (1 - subsidyRate);
            double npv = (1 - fail) * (dPi * annuity - jLoss) - tc;
            double ratio = tc > 0 ? npv / tc : Double.NEGATIVE_INFINITY;
            if (ratio > bestRatio) {
                bestRatio = ratio;
                bestTo = to;
                bestNpv = npv;
                bestI = inv;
                bestTc = tc;
            }
        }
        best.toStage = bestTo;
        best.npvPerCost = bestRatio;
        best.npv = bestNpv;
        best.investment = bestI;
        best.totalCost = bestTc;
        return bestTo > 0;
    }

    /** Hazard h = Λ(κ_h(NPV/cost − (M_h−1)))·(p_B + q_B·F), accumulated over the quarters since the last review. */
    private static double adoptionHazard(FirmState f, Environment env, int tick, Params p, int interval,
                                         UpgradeOption best, double hurdle, double[] assisted) {
        // Bass imitation: F = adopters / market potential of the next step. The potential adopters of
        // step S → S+1 are the region × sector's firms at stage >= S (those that got as far as this
        // firm); the adopters are those at >= S+1. F does not depend on the option weighed, so
        // allowing a leap cannot shrink the peer effect. Lagging regions in cross-region assistance
        // also learn from the leading clusters' firms (spec §A6.4, §D).
        double peers = conditionalShare(env.adopterShare(f.region, f.sector, f.stage + 1),
                env.adopterShare(f.region, f.sector, f.stage));
        if (Region.of(f.region).lagging()) {
            peers = Math.min(1, peers + assisted[f.sector * 4 + f.stage + 1]);
        }
        double perQuarter = Num.logistic(p.get(Param.HAZARD_SLOPE) * (best.npvPerCost - (hurdle - 1)))
                * (p.get(Param.BASS_P) / 4 + p.get(Param.BASS_Q) / 4 * peers);
        // the decision lag (A3e) delays decisions, it does not make them rarer: a firm that reviews every
        // `interval` quarters acts on the hazard accumulated over them
        int elapsed = Math.min(interval, tick);   // quarters since the last review (or the start)
        return elapsed == 1 ? perQuarter : 1 - Num.powFast(1 - Math.min(1, perQuarter), elapsed);
    }

    /** Financing of the chosen upgrade (A6.5); the intent if it can be financed, else a constrained review. */
    private AdoptionReview financeUpgrade(FirmState f, Params p, ProductionPlan plan, UpgradeOption best, double hurdle,
                                          double hazard) {
        boolean projectGood = rng.bernoulli(p.get(Param.GAME_GOOD_SHARE));
        // A6.5: B = b_K·K (secured) + b_CF·E[CF] (cash-flow credit). Whether cash-flow credit is
        // granted is the finance market's signalling game (B3), decided at clearing. Firms borrow
        // enough to keep a liquidity buffer when they can; otherwise they run their cash down.
        double securedLimit = Math.max(0, p.get(Param.COLLATERAL_RATIO)
                * f.pledgeable(p.get(Param.PLEDGEABLE_BASE)) * (1 + p.get(Param.GUARANTEE)) - f.debt);
        double unsecuredLimit = p.get(Param.CASHFLOW_RATIO) * 4 * Math.max(0, expectedProfit(f, p, plan));
        double limit = securedLimit + unsecuredLimit;
        double preferred = best.totalCost - Math.max(0, f.cash - p.get(Param.LIQUIDITY_BUFFER) * f.fixedCost);
        double minimal = best.totalCost - Math.max(0, f.cash - 0.25 * f.fixedCost);
        double need = preferred <= limit ? preferred : minimal;
        double loanSecured = 0;
        double loanUnsecured = 0;
        if (need > 0) {
            if (need > limit) {
                return AdoptionReview.constrained(projectGood);
            }
            loanSecured = Math.min(need, securedLimit);
            loanUnsecured = need - loanSecured;
        }
        // the subsidy covers the same share of the tangible and the intangible outlay
        double iota = p.get(Param.INTANGIBLE_RATIO);
        double bestI = best.investment;
        double subsidy = bestI * (1 + iota) * subsidyRate(f, p);
        AdoptionIntent intent = new AdoptionIntent(f.id, f.region, f.sector, f.stage, best.toStage,
                best.leap(f.stage), bestI, iota * bestI, subsidy, best.npv, hurdle, hazard,
                loanSecured + loanUnsecured, projectGood);
        return new AdoptionReview(true, false, intent, loanSecured, loanUnsecured, projectGood);
    }

    /** Revenue at last quarter's demand and the planned price, the base of the review's profit and costs. */
    private static double expectedRevenue(FirmState f, ProductionPlan plan) {
        return plan.price() * f.lastDemand;
    }

    /** Profit Π = revenue/ε under monopolistic competition. */
    private static double expectedProfit(FirmState f, Params p, ProductionPlan plan) {
        return expectedRevenue(f, plan) / p.get(Param.DEMAND_ELASTICITY);
    }

    /** Adoption subsidy rate: lagging regions only (policy lever, §D). */
    private static double subsidyRate(FirmState f, Params p) {
        return Region.of(f.region).lagging() ? p.get(Param.SUBSIDY_LAGGING) : 0;
    }

    /**
     * ---- B3 TECH: demand for a licence
     * demand for AI technology comes from the firm's own AI exposure (share of its tasks inside the
     * perceived frontier), scaled by absorptive capacity (stage): sectors with codifiable work demand
     * more licences, tacit/physical work (agriculture) almost none; no per-sector rate (spec §B3, §E1)
     */
    private boolean wantsTechnology(FirmState f, Params p, double exposure) {
        double techRate = Math.min(1, p.get(Param.TECH_DEMAND) * exposure * (0.25 + 0.25 * f.stage));
        return rng.nextDouble() < techRate;
    }

    /** What the firm asks of the labour, AI capital, finance and technology markets this tick. */
    private static FactorDemand factorDemand(FirmState f, Environment env, InputDemand in, AdoptionReview review,
                                             boolean wantsTech) {
        double techBonus = 0.1 * f.stage / 3.0;
        return new FactorDemand(f.id, f.region, f.sector, f.stage, in.vacanciesL(), in.vacanciesH(), in.layoffsL(),
                in.layoffsH(), in.separationsL(), in.separationsH(), in.aiUnits(), env.wageL()[f.region],
                env.wageH()[f.region], review.loanSecured(), review.loanUnsecured(), review.projectGood(), wantsTech,
                techBonus, false, 0);
    }

    /** Leap readiness R = min(h/h*, D/D*, infra/infra*) (A6.6). */
    static double readiness(FirmState f, Params p) {
        double emp = f.employed();
        double h = emp > 0 ? f.employedH / emp : 0;
        return Math.min(h / p.get(Param.READY_SKILL),
                Math.min(f.data / p.get(Param.READY_DATA), FirmEconomics.infra(p, f.region) / p.get(Param.READY_INFRA)));
    }

    /** FAST_DEATH: exit within T_J of an upgrade; SLOW_DEATH: no upgrade for a while and a falling share (A6.7). */
    static int exitReason(FirmState f, Params p, int tick) {
        if (tick - f.lastAttemptTick <= p.getInt(Param.JCURVE_DURATION)) {
            return FirmReport.EXIT_FAST;
        }
        if (tick - f.lastAttemptTick >= p.getInt(Param.SLOW_DEATH_TICKS) && f.marketShare < f.marketShareTrend) {
            return FirmReport.EXIT_SLOW;
        }
        return FirmReport.EXIT_OTHER;
    }

    /**
     * Cross-region assistance (pilot zones, spec §D): a lagging region's firms see, besides their own
     * region's adopters, the adopters of each leading region (JJJ, YRD, PRD) with pairwise weight
     * spill_rr'. Returns spill·Σ_{r' leading} F_{r',s,k} for each sector s and step k−1 → k, where F is the
     * step's adopter share pooled over the leading regions' firms (firm-weighted, so empty region × sector
     * cells do not count as zero adopters). Zero when the lever is off.
     */
    static double[] assistedPeerShares(FirmPopulation pop, Params p) {
        double[] out = new double[Sector.COUNT * 4];
        double spill = p.get(Param.SPILLOVER_CROSS);
        if (spill <= 0) {
            return out;
        }
        double[] firms = new double[Sector.COUNT];
        double[] atLeast = new double[Sector.COUNT * 4];
        for (FirmState f : pop.firms()) {
            if (f.alive && !Region.of(f.region).lagging()) {
                firms[f.sector]++;
                for (int k = 0; k <= f.stage; k++) {
                    atLeast[f.sector * 4 + k]++;
                }
            }
        }
        int leading = 0;
        for (Region r : Region.ALL) {
            if (!r.lagging()) {
                leading++;
            }
        }
        for (int s = 0; s < Sector.COUNT; s++) {
            for (int k = 1; k < 4; k++) {
                out[s * 4 + k] = spill * leading * conditionalShare(atLeast[s * 4 + k], atLeast[s * 4 + k - 1]);
            }
        }
        return out;
    }

    /** Adopters of a step over its potential adopters, in [0, 1]; 0 when nobody could adopt yet. */
    static double conditionalShare(double adopters, double potential) {
        return potential > 0 ? Math.min(1, adopters / potential) : 0;
    }
    // ============================================================================== produce

    /**
     * Applies the markets' results, clears the goods market of each sector and closes the firms'
     * accounts for tick t. {@code decisions} are those of {@link #decide} for this tick (id order);
     * {@code matches} are the firm matches of the clearing (id order, firms without a match omitted).
     */
    public ProduceResult produce(FirmPopulation pop, Environment env, int tick, List<FirmDecision> decisions,
                                 List<FirmMatch> matches) {
        Params p = scenario.paramsAt(tick);
        int n = decisions.size();
        FirmState[] firm = new FirmState[n];
        FirmMatch[] match = new FirmMatch[n];
        pairWithFirms(pop, decisions, matches, firm, match);
        double[] capacityOut = new double[n];
        double[] shift = new double[n];
        applyMatches(env, p, decisions, firm, match, capacityOut, shift);
        GoodsMarkets goods = clearGoodsMarkets(pop, p, tick, decisions, firm, capacityOut, shift);
        FirmReport[] reports = closeAccounts(env, p, tick, decisions, firm, match, goods, capacityOut);
        List<FirmReport> out = new ArrayList<>(n + 16);
        for (FirmReport r : reports) {
            out.add(r);
        }
        enterFirms(pop, env, p, tick, goods, out);
        return new ProduceResult(out, sectorSummaries(env, p, reports, goods));
    }

    /** The state and the market match of each decision's firm (both lists in id order). */
    private static void pairWithFirms(FirmPopulation pop, List<FirmDecision> decisions, List<FirmMatch> matches,
                                      FirmState[] firm, FirmMatch[] match) {
        int fi = 0;
        int mi = 0;
        List<FirmState> all = pop.firms();
        for (int i = 0; i < decisions.size(); i++) {
            FirmDecision d = decisions.get(i);
            while (all.get(fi).id != d.firmId) {
                fi++;
            }
            firm[i] = all.get(fi);
            while (mi < matches.size() && matches.get(mi).firmId() < d.firmId) {
                mi++;
            }
            match[i] = mi < matches.size() && matches.get(mi).firmId() == d.firmId ? matches.get(mi) : FirmMatch.none(d.firmId);
        }
    }

    /**
     * ---- pass 1: employment, capacity, demand shifters. Books hires, separations and layoffs; capacity
     * comes from the workers and AI units actually obtained; intelligent firms get the personalisation
     * demand shifter (prosumer, A4).
     */
    private static void applyMatches(Environment env, Params p, List<FirmDecision> decisions, FirmState[] firm,
                                     FirmMatch[] match, double[] capacityOut, double[] shift) {
        double hiRatio = hiTierRatio(p, env.incomeIndex());
        double fitRef = p.get(Param.FIT0) + (1 - p.get(Param.FIT0)) * p.get(Param.Q0);
        for (int i = 0; i < decisions.size(); i++) {
            FirmDecision d = decisions.get(i);
            FirmState f = firm[i];
            if (d.exiting) {
                continue;
            }
            FactorDemand dem = d.demand;
            FirmMatch m = match[i];
            f.employedL = Math.max(0, f.employedL - dem.separationsL() - dem.layoffsL() + m.hiresL());
            f.employedH = Math.max(0, f.employedH - dem.separationsH() - dem.layoffsH() + m.hiresH());
            capacityOut[i] = capacity(f, d, m);
            double sh = f.demandShift * (1 + p.get(Param.SCOPE_LINE_DEMAND) * (f.productLines - 1));
            if (f.stage == 3) {
                double fit = p.get(Param.FIT0) + (1 - p.get(Param.FIT0)) * f.aiQuality;
                sh *= Num.powFast(fit / fitRef, p.get(Param.FIT_EXPONENT)) * hiRatio;
            }
            shift[i] = sh;
        }
    }

    /** Output the firm can make with the workers and AI units it has (Leontief in the plan's requirements). */
    private static double capacity(FirmState f, FirmDecision d, FirmMatch m) {
        double yz = Double.POSITIVE_INFINITY;
        if (d.lowPerUnit > 0) {
            yz = Math.min(yz, f.employedL / d.lowPerUnit);
        }
        if (d.highPerUnit > 0) {
            // fake credentials (pooling trade in LAB, B3) deliver low-skill productivity for a tick
            yz = Math.min(yz, (f.employedH - 0.5 * m.mismatchedH()) / d.highPerUnit);
        }
        if (d.aiPerUnit > 0) {
            yz = Math.min(yz, m.aiUnits() / d.aiPerUnit);
        }
        if (Double.isInfinite(yz)) {
            yz = d.plan.effectiveOutput();
        }
        return Math.max(0, d.plan.z() * yz);
    }

    /**
     * The cleared goods markets of a tick: per sector the expenditure, the CES price index and the
     * revenue, the number of producing firms; per firm (decision index) its revenue.
     */
    private record GoodsMarkets(double[] expenditure, double[] priceIndex, double[] sectorRevenue, int[] producers,
                                double[] revenue) {
        /** The firm's share of its sector's revenue. */
        double share(int i, int sector) {
            return sectorRevenue[sector] > 0 ? revenue[i] / sectorRevenue[sector] : 0;
        }
    }

    /**
     * ---- pass 2: clear each sector's goods market ({@link GoodsMarket}) at the posted prices and the
     * firms' capacities; each firm learns the demand at its posted price (what it plans on next tick).
     */
    private GoodsMarkets clearGoodsMarkets(FirmPopulation pop, Params p, int tick, List<FirmDecision> decisions,
                                           FirmState[] firm, double[] capacityOut, double[] shift) {
        int n = decisions.size();
        double eps = p.get(Param.DEMAND_ELASTICITY);
        double growth = Num.pow(1 + p.get(Param.NOMINAL_GROWTH), tick);
        double[] expenditure = new double[Sector.COUNT];
        double[] sectorRevenue = new double[Sector.COUNT];
        double[] priceIndex = new double[Sector.COUNT];
        for (int s = 0; s < Sector.COUNT; s++) {
            expenditure[s] = pop.sectorExpenditure0()[s] * growth;
        }
        double[] revenue = new double[n];
        int[] count = new int[Sector.COUNT];
        for (int i = 0; i < n; i++) {
            if (!decisions.get(i).exiting) {
                count[firm[i].sector]++;
            }
        }
        int[][] memberOf = new int[Sector.COUNT][];
        int[] fill = new int[Sector.COUNT];
        for (int s = 0; s < Sector.COUNT; s++) {
            memberOf[s] = new int[count[s]];
        }
        for (int i = 0; i < n; i++) {
            if (!decisions.get(i).exiting) {
                int s = firm[i].sector;
                memberOf[s][fill[s]++] = i;
            }
        }
        for (int s = 0; s < Sector.COUNT; s++) {
            int m = count[s];
            int[] members = memberOf[s];
            double[] sh = new double[m];
            double[] pr = new double[m];
            double[] cap = new double[m];
            double[] out = new double[m];
            for (int k = 0; k < m; k++) {
                int i = members[k];
                sh[k] = shift[i];
                pr[k] = decisions.get(i).plan.price();
                cap[k] = capacityOut[i];
            }
            priceIndex[s] = GoodsMarket.clear(expenditure[s], eps, sh, pr, cap, out);
            for (int j = 0; j < m; j++) {
                int i = members[j];
                FirmState f = firm[i];
                revenue[i] = pr[j] * out[j];
                sectorRevenue[s] += revenue[i];
                // demand at the posted price (what the firm plans on next tick)
                f.lastDemand = Double.isFinite(priceIndex[s])
                        ? shift[i] * Num.powFast(decisions.get(i).plan.price(), -eps) * expenditure[s]
                        / Num.powFast(priceIndex[s], 1 - eps) : 0;
                f.lastOutput = out[j];
            }
        }
        return new GoodsMarkets(expenditure, priceIndex, sectorRevenue, count, revenue);
    }

    /** Exiting firms leave; every other firm closes its accounts for the tick (see {@link #close}). */
    private FirmReport[] closeAccounts(Environment env, Params p, int tick, List<FirmDecision> decisions,
                                       FirmState[] firm, FirmMatch[] match, GoodsMarkets goods, double[] capacityOut) {
        FirmReport[] reports = new FirmReport[decisions.size()];
        for (int i = 0; i < reports.length; i++) {
            FirmDecision d = decisions.get(i);
            FirmState f = firm[i];
            if (d.exiting) {
                f.alive = false;
                reports[i] = exitReport(f, d, tick);
                continue;
            }
            reports[i] = close(f, d, match[i], env, p, tick, goods.revenue()[i], capacityOut[i],
                    goods.share(i, f.sector));
        }
        return reports;
    }

    /**
     * ---- entry (A6.7): entrants at the entry rate, born with the technology of their time; their demand
     * shifter is set against the sector's current price index.
     */
    private void enterFirms(FirmPopulation pop, Environment env, Params p, int tick, GoodsMarkets goods,
                            List<FirmReport> out) {
        double eps = p.get(Param.DEMAND_ELASTICITY);
        int alive = 0;
        double lnZInnSum = 0;
        double[] stages = new double[Sector.COUNT * 4];
        for (FirmState f : pop.firms()) {
            if (f.alive) {
                alive++;
                lnZInnSum += f.lnZInn;
                stages[f.sector * 4 + f.stage]++;
            }
        }
        double incumbentLnZInn = alive > 0 ? lnZInnSum / alive : 0;
        Rng entry = Rng.of(scenario.seed(), Rng.Stream.FIRM_ENTRY, -1, tick);
        double expected = p.get(Param.ENTRY_RATE) * alive;
        int entrants = (int) Math.floor(expected) + (entry.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
        double[] priceIndex = goods.priceIndex();
        double[] expenditure = goods.expenditure();
        for (int e = 0; e < entrants; e++) {
            FirmState nf = pop.newEntrant(scenario, p, env, tick, 0, 0, option, incumbentLnZInn, stages);
            double idx1mEps = Double.isFinite(priceIndex[nf.sector]) ? Num.pow(priceIndex[nf.sector], 1 - eps) : 0;
            // demand shifter against the sector's current price index
            double price = FirmEconomics.markup(p) * nf.lastUnitCost;
            nf.demandShift = expenditure[nf.sector] > 0
                    ? nf.lastDemand * Num.pow(price, eps) * idx1mEps / expenditure[nf.sector] : 0;
            out.add(entryReport(nf, tick));
        }
    }

    /** Sector summaries: the exact CES price index, expenditure, revenue and value added of each sector. */
    private static List<SectorSummary> sectorSummaries(Environment env, Params p, FirmReport[] reports,
                                                       GoodsMarkets goods) {
        List<SectorSummary> sectors = new ArrayList<>(Sector.COUNT);
        double hiShare = hiTierShare(p, env.incomeIndex());
        double[] sectorVa = new double[Sector.COUNT];
        for (FirmReport r : reports) {
            if (r.event() != FirmReport.EXITED) {
                sectorVa[r.sector()] += r.valueAdded();
            }
        }
        for (int s = 0; s < Sector.COUNT; s++) {
            double va = sectorVa[s];
            // exact CES price index P_s of the cleared market (1 at t0 by construction)
            sectors.add(new SectorSummary(s, goods.priceIndex()[s], goods.expenditure()[s], goods.sectorRevenue()[s],
                    va, hiShare, goods.producers()[s]));
        }
        return sectors;
    }

    /** β_HI,t/β_HI,0 from non-homothetic demand, income = real income index (A4). */
    static double hiTierRatio(Params p, double income) {
        return hiTierShare(p, income) / p.get(Param.HI_SHARE0);
    }

    /** HI-tier expenditure share β_HI·I^(ε_HI−1) / Σ_j β_j·I^(ε_j−1) (Comin-Lashkari-Mestieri form, A4). */
    static double hiTierShare(Params p, double income) {
        double b = p.get(Param.HI_SHARE0);
        double hi = b * Num.pow(income, p.get(Param.INCOME_ELASTICITY_HI) - 1);
        double std = (1 - b) * Num.pow(income, p.get(Param.INCOME_ELASTICITY_STD) - 1);
        return hi / (hi + std);
    }
    /**
     * Closes one firm's accounts for the tick, in the order of docs/model.md (Firms): costs and profit,
     * adoption outcome (A6), innovation (A3a), organisation (A3e) and scope (A3d), new tasks (A1
     * reinstatement), then debt, cash and lifecycle bookkeeping. The random draws of the FIRM_PRODUCE
     * stream come in this order.
     */
    private FirmReport close(FirmState f, FirmDecision d, FirmMatch m, Environment env, Params p, int tick,
                             double revenue, double capacityOut, double share) {
        Rng r = rng.reset(scenario.seed(), Rng.Stream.FIRM_PRODUCE, f.id, tick);
        int fromStage = f.stage;
        ProductionPlan plan = d.plan;
        // ---- costs and profit
        double y = f.lastOutput;
        double wL = env.wageL()[f.region];
        double wH = env.wageH()[f.region];
        double growth = Num.pow(1 + p.get(Param.NOMINAL_GROWTH), tick - f.birthTick);
        double yz = plan.z() > 0 ? y / plan.z() : 0;
        double ictUnits = d.ictPerUnit * yz;
        double wageBill = wL * f.employedL + wH * f.employedH;
        double aiSpend = m.aiUnits() * m.aiPrice();
        double level = FirmEconomics.nominal(p, tick);
        double ictSpend = ictUnits * p.get(Param.ICT_PRICE) * level;
        boolean intelligent = f.stage == 3;
        double saving = intelligent ? p.get(Param.ENERGY_SAVING) : 0;
        double opEnergy = p.get(Param.ENERGY_INTENSITY) * y * (1 - saving);
        double energySaved = p.get(Param.ENERGY_INTENSITY) * y * saving;
        double energyCost = p.get(Param.ENERGY_PRICE) * level * opEnergy;
        double pue = pue(p, f.region);
        double aiEnergy = m.aiUnits() * env.ai().energyPerUnit() * pue;
        double fixed = f.fixedCost * growth;
        double interest = p.get(Param.LOAN_RATE) * f.debt;
        double rd = p.get(Param.INNOV_RD_SHARE) * revenue;
        double intangibleSpend = Math.min(f.pendingIntangible, f.intangibleRate);
        f.pendingIntangible -= intangibleSpend;
        boolean techBought = m.techOfferId() >= 0;
        double other = licenceAndMaintenance(f, m, env, p);
        double valueAdded = revenue - aiSpend - ictSpend - energyCost;
        // A3b: the wedge τ_i is a tax (τ>0) or subsidy (τ<0) on the firm's variable cost, as in Hsieh-Klenow
        double wedgeCost = (1 - 1 / plan.wedge()) * plan.unitCost() * y;
        double cost = wageBill + aiSpend + ictSpend + energyCost + fixed + interest + rd + intangibleSpend + other
                + wedgeCost;
        double profit = revenue - cost;
        f.cash += profit;

        int adoption = adoptionOutcome(f, d.intent, m, env, p, tick, r);
        boolean invested = adoption != FirmReport.ADOPT_NONE && adoption != FirmReport.ADOPT_FAILED_FINANCE;
        double tangibleInvestment = invested ? d.intent.investment() : 0;
        double subsidy = invested ? d.intent.subsidy() : 0;
        if (d.reviewed) {
            f.lastReviewTick = tick;
        }
        int attempts = innovationAttempts(p, rd, r);
        int successes = innovate(f, p, r, attempts);
        flattenOrganisation(f, p, r, revenue);
        addProductLine(f, p, r, revenue);
        double scopeSaving = 0;
        if (f.productLines > 1 && cost > 0) {
            // SC = [C(y1)+C(y2)−C(y1,y2)]/C(y1,y2): separate firms would each carry the overhead (A3d)
            scopeSaving = (f.productLines - 1) * fixed * (1 + (f.stage == 3 ? p.get(Param.SCOPE_TRANSFER) : 0));
        }
        addNewTask(f, d, env, p, r);
        settleDebtAndCash(f, p, tick, revenue);
        updateStocks(f, p, tick, intangibleSpend);
        updateMarketPosition(f, d, share);

        double realisedGain = FirmEconomics.realisedStageGain(f, p) + FirmEconomics.jCurve(f, p, tick);
        boolean significant = f.stage >= 2 && realisedGain > f.stageGain / 2;
        double cu = capacityOut > 0 ? y / capacityOut : 0;
        double soldPrice = y > 0 ? revenue / y : plan.price();
        double yzPlan = plan.z() > 0 ? plan.output() / plan.z() : 0;
        return new FirmReport(f.id, f.region, f.sector, f.stage, FirmReport.ALIVE, FirmReport.EXIT_NONE, adoption,
                fromStage, y, revenue, valueAdded, soldPrice, plan.unitCost(), plan.tfpq(), soldPrice * plan.tfpq(), plan.lnZ(),
                f.lnZInn,
                f.employedL, f.employedH, wageBill, m.aiUnits(), aiSpend, ictUnits, f.capital(), f.intangible - f.intangibleWip,
                intangibleSpend, tangibleInvestment, f.cash, f.debt, cost, opEnergy + aiEnergy, aiEnergy, energySaved,
                f.layers, f.productLines, f.hiTier, cu, d.penetrationNum * yzPlan, d.penetrationDen * yzPlan,
                d.augmentedNum * yzPlan, d.displacedPerUnit * yzPlan, d.reinstatedPerUnit * yzPlan,
                d.feasibleWage, d.costEffectiveWage, d.exposure, d.outsideTasks, attempts, successes, share,
                f.misdirected, d.financingConstrained, f.data, m.hiresL(), m.hiresH(), d.demand.vacanciesL(),
                d.demand.vacanciesH(), m.mismatchedH(), significant, scopeSaving, techBought,
                techBought && m.techGood(), subsidy);
    }

    /** Costs other than inputs, overhead, interest, R&amp;D and intangibles: a technology licence and AI upkeep. */
    private static double licenceAndMaintenance(FirmState f, FirmMatch m, Environment env, Params p) {
        double other = 0;
        // ---- B3 TECH licence
        if (m.techOfferId() >= 0) {
            other += m.techPrice();
            if (m.techGood()) {
                f.lnZInn += p.get(Param.TECH_GAIN);
                f.data += 1;
            }
        }
        // ---- A6.8 sustainability: reinvest to keep the model at the market's quality
        if (f.stage >= 2 && f.kAi > 0) {
            double maintenance = p.get(Param.AI_DEPRECIATION) / 4 * f.kAi;
            if (f.cash > maintenance) {
                other += maintenance;
                f.aiQuality = env.ai().quality();
            } else {
                f.kAi *= 1 - p.get(Param.AI_DEPRECIATION) / 4;
            }
        }
        return other;
    }

    /**
     * ---- A6 adoption outcome: an upgrade whose credit was not (fully) granted fails for finance; otherwise
     * the firm books the loans, pays the investment and the upgrade succeeds or fails (serial or leap).
     */
    private static int adoptionOutcome(FirmState f, AdoptionIntent in, FirmMatch m, Environment env, Params p,
                                       int tick, Rng r) {
        if (in == null) {
            return FirmReport.ADOPT_NONE;
        }
        double requested = in.financingNeed();
        double granted = m.loanSecured() + m.loanUnsecured();
        if (requested > 0 && granted + 1e-9 < requested) {
            return FirmReport.ADOPT_FAILED_FINANCE;
        }
        // bad-type cash-flow loans are lost to the lender at once (booked by the market, B3)
        f.debt += m.loanSecured() + (in.projectGood() ? m.loanUnsecured() : 0);
        // the subsidy arrives as cash; the firm pays I now and ι·I over T_J ticks (A3g)
        f.cash += granted + in.subsidy() - in.investment();
        f.lastAttemptTick = tick;
        double fail = in.leap() ? p.get(Param.FAIL_LEAP) : p.get(Param.FAIL_SERIAL);
        if (r.nextDouble() < fail) {
            return in.leap() ? FirmReport.ADOPT_FAILED_LEAP : FirmReport.ADOPT_FAILED_SERIAL;
        }
        f.stage = in.toStage();
        f.upgradeTick = tick;
        f.stageGain = FirmEconomics.stageGain(p, f.stage);
        f.misdirected = r.nextDouble() < p.get(Param.MISDIRECTION);
        f.kUpgrade += in.investment();
        if (f.stage >= 2) {
            f.kAi += in.investment();
            f.aiQuality = env.ai().quality();
        }
        f.pendingIntangible += in.intangible();
        f.intangibleRate = f.pendingIntangible / p.getInt(Param.JCURVE_DURATION);
        f.data += 1;
        return FirmReport.ADOPT_COMPLETED;
    }

    /** ---- A3a innovation: n_att = φ_R·(R&amp;D)^0.5 attempts (the fraction drawn). */
    private static int innovationAttempts(Params p, double rd, Rng r) {
        double attemptsMean = p.get(Param.INNOV_ATTEMPT_SCALE) * Math.sqrt(Math.max(0, rd));
        return (int) Math.floor(attemptsMean) + (r.nextDouble() < attemptsMean - Math.floor(attemptsMean) ? 1 : 0);
    }

    /** Innovation successes: π rises with AI as IMI at S=3; successes raise ln Z^inn and data, both decay. */
    private int innovate(FirmState f, Params p, Rng r, int attempts) {
        double pi0 = p.get(Param.INNOV_BASE_SUCCESS);
        double piMax = pi0 * p.get(Param.INNOV_MAX_RATIO);
        double imi = scenario.aiType().imi && f.stage == 3 ? 1 : 0;
        double pi = pi0 + (piMax - pi0) * (1 - Num.exp(-p.get(Param.INNOV_IMI) * f.aiQuality * imi));
        int successes = 0;
        for (int a = 0; a < attempts; a++) {
            if (r.nextDouble() < pi) {
                successes++;
            }
        }
        f.lnZInn = f.lnZInn * (1 - p.get(Param.TFP_DECAY)) + p.get(Param.INNOV_STEP) * successes;
        f.data = f.data * (1 - p.get(Param.DATA_DECAY)) + p.get(Param.INNOV_DATA) * successes + 0.05 * f.stage;
        return successes;
    }

    /** ---- A3e flatten organisations (lever) */
    private static void flattenOrganisation(FirmState f, Params p, Rng r, double revenue) {
        if (f.stage >= 2 && f.layers > 2 && r.nextDouble() < p.get(Param.ORG_FLATTEN_RATE)) {
            f.layers--;
            f.cash -= p.get(Param.ORG_FLATTEN_COST) * revenue;
        }
    }

    /** ---- A3d scope: a new product line when it pays */
    private static void addProductLine(FirmState f, Params p, Rng r, double revenue) {
        if (r.nextDouble() < p.get(Param.SCOPE_LINE_RATE)) {
            double lineCost = p.get(Param.SCOPE_LINE_COST) * revenue * (1 - (f.stage == 3 ? p.get(Param.SCOPE_TRANSFER) : 0));
            double rq = p.get(Param.DISCOUNT_RATE) / 4;
            double gain = p.get(Param.SCOPE_LINE_DEMAND) * revenue / p.get(Param.DEMAND_ELASTICITY) / rq;
            if (gain > lineCost && f.cash > lineCost) {
                f.cash -= lineCost;
                f.productLines++;
            }
        }
    }

    /** ---- A1 new tasks (reinstatement): λ = λ_0 + λ_AI·A_r; the planned assignment becomes the firm's. */
    private void addNewTask(FirmState f, FirmDecision d, Environment env, Params p, Rng r) {
        System.arraycopy(d.factors, 0, f.factor, 0, d.factors.length);
        f.newTaskSlot = -1;
        double lambda = p.get(Param.NEW_TASK_BASE) + p.get(Param.NEW_TASK_AI) * env.aiRevenueShare()[f.region];
        if (r.nextDouble() < lambda) {
            int slot;
            if (f.taskCount < capacity && f.taskCount < p.getInt(Param.TASKS_MAX)) {
                slot = f.taskCount++;
            } else {
                slot = 0;
                for (int t = 1; t < f.taskCount; t++) {
                    if (!Factor.of(f.factor[t]).labour() && (Factor.of(f.factor[slot]).labour() || f.cod[t] > f.cod[slot])) {
                        slot = t;
                    }
                }
            }
            f.cod[slot] = (float) r.beta(p.get(Param.NEW_TASK_BETA_A), p.get(Param.NEW_TASK_BETA_B));
            f.complexity[slot] = (float) r.nextDouble();
            f.taskSkill[slot] = 1;
            f.aiRank[slot] = (float) r.nextDouble();
            f.factor[slot] = (byte) Factor.H.ordinal();
            f.newTaskSlot = slot;
        }
    }

    /** ---- debt service, the guarantee bridge and the payout of excess cash */
    private static void settleDebtAndCash(FirmState f, Params p, int tick, double revenue) {
        double repay = Math.min(f.debt * p.get(Param.LOAN_REPAY), Math.max(0, f.cash));
        f.debt -= repay;
        f.cash -= repay;
        // D financing support: a guarantee fund bridges losses during the transition (T_J after an upgrade),
        // the fear behind 转型找死 (transforming = seeking death)
        if (f.cash < 0 && tick - f.lastAttemptTick <= p.getInt(Param.JCURVE_DURATION) && p.get(Param.GUARANTEE) > 0) {
            double bridge = Math.min(-f.cash, p.get(Param.GUARANTEE) * Math.max(revenue, f.fixedCost));
            f.cash += bridge;
            f.debt += bridge;
        }
        double target = p.get(Param.CASH_TARGET) * revenue;
        if (f.cash > target && f.debt <= 0) {
            f.cash -= 0.5 * (f.cash - target);   // payout of excess cash to owners
        }
    }

    /** Stocks: upgrade capital and intangibles depreciate; intangible spending builds the intangible stock. */
    private static void updateStocks(FirmState f, Params p, int tick, double intangibleSpend) {
        f.kUpgrade *= 1 - 0.025;
        f.intangible = f.intangible * (1 - p.get(Param.INTANGIBLE_DEPRECIATION)) + intangibleSpend;
        // intangibles built during the J-curve window are work in progress (like construction in progress):
        // they count as output in true TFP now, as productive capital only once the window closes (A3g, BRS)
        if (tick - f.upgradeTick < p.getInt(Param.JCURVE_DURATION)) {
            f.intangibleWip = Math.min(f.intangible, f.intangibleWip + intangibleSpend);
        } else {
            f.intangibleWip = 0;
        }
    }

    /** Lifecycle bookkeeping: loss quarters (exit, A6.7), market share and its trend, cost and tier. */
    private static void updateMarketPosition(FirmState f, FirmDecision d, double share) {
        f.lossTicks = f.cash < 0 ? f.lossTicks + 1 : 0;
        f.marketShare = share;
        f.marketShareTrend = 0.9 * f.marketShareTrend + 0.1 * share;
        f.lastUnitCost = d.plan.unitCost();
        f.hiTier = f.stage == 3 ? 1 : 0;
    }

    /** PUE of a region: hubs are efficient; the lagging-infrastructure lever moves others towards hubs (A7, D). */
    public static double pue(Params p, int region) {
        Region r = Region.of(region);
        if (r.computeHub()) {
            return p.get(Param.PUE_HUB);
        }
        double pue = p.get(Param.PUE_DEFAULT);
        if (r.lagging()) {
            double boost = Math.min(1, p.get(Param.INFRA_LAGGING) * 2);
            pue -= boost * (pue - p.get(Param.PUE_HUB));
        }
        return pue;
    }

    private static FirmReport exitReport(FirmState f, FirmDecision d, int tick) {
        double released = f.employedL + f.employedH;
        FirmReport r = new FirmReport(f.id, f.region, f.sector, f.stage, FirmReport.EXITED, d.exitReason,
                FirmReport.ADOPT_NONE, f.stage, 0, 0, 0, 0, f.lastUnitCost, 0, 0, 0, f.lnZInn, 0, 0, 0, 0, 0, 0,
                f.capital(), f.intangible, 0, 0, f.cash, f.debt, 0, 0, 0, 0, f.layers, f.productLines, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, false, false, f.data, 0, 0, 0, 0, 0, false, 0, false, false, 0);
        f.employedL = 0;
        f.employedH = 0;
        f.debt = 0;
        assert released >= 0;
        return r;
    }

    private static FirmReport entryReport(FirmState f, int tick) {
        return new FirmReport(f.id, f.region, f.sector, f.stage, FirmReport.ENTERED, FirmReport.EXIT_NONE,
                FirmReport.ADOPT_NONE, f.stage, 0, 0, 0, 0, f.lastUnitCost, 0, 0, 0, f.lnZInn, 0, 0, 0, 0, 0, 0,
                f.capital(), 0, 0, 0, f.cash, 0, 0, 0, 0, 0, f.layers, f.productLines, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, false, false, f.data, 0, 0, 0, 0, 0, false, 0, false, false, 0);
    }
}