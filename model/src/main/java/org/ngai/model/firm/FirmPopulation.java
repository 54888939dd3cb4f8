package org.ngai.model.firm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ngai.model.core.AiType;
import org.ngai.model.core.Factor;
import org.ngai.model.core.Num;
import org.ngai.model.core.Region;
import org.ngai.model.core.Rng;
import org.ngai.model.core.Sector;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.Environment;

/**
 * The firm population of one run: generation at t0 from the scenario's calibration anchors
 * (spec §0, A6.9, E1) and entrants (A6.7). Firms are kept in id order, which is the canonical
 * processing order of every phase.
 */
public final class FirmPopulation {
    private final List<FirmState> firms;
    private final double[] sectorExpenditure0;
    private final double initialAiDemand;
    private long nextId;

    public FirmPopulation(List<FirmState> firms, double[] sectorExpenditure0, double initialAiDemand, long nextId) {
        this.firms = firms;
        this.sectorExpenditure0 = sectorExpenditure0;
        this.initialAiDemand = initialAiDemand;
        this.nextId = nextId;
    }

    /** AI units the t0 population uses (sizes installed compute, C). */
    public double initialAiDemand() {
        return initialAiDemand;
    }

    public List<FirmState> firms() {
        return firms;
    }

    /** Nominal expenditure on sector s at t0 (grows at production.nominalGrowth). */
    public double[] sectorExpenditure0() {
        return sectorExpenditure0;
    }

    public long nextId() {
        return nextId;
    }

    long takeNextId() {
        return nextId++;
    }

    public int alive() {
        int n = 0;
        for (FirmState f : firms) {
            if (f.alive) {
                n++;
            }
        }
        return n;
    }

    /** A deep copy (restart and determinism tests). */
    public FirmPopulation copy() {
        List<FirmState> c = new ArrayList<>(firms.size());
        for (FirmState f : firms) {
            c.add(f.copy());
        }
        return new FirmPopulation(c, sectorExpenditure0.clone(), initialAiDemand, nextId);
    }

    /** Share of live firms at stage &ge; k per (region, sector), indexed like {@link Environment#adopterIndex}. */
    public static double[] adopterShares(Iterable<FirmState> firms) {
        double[] count = new double[Region.COUNT * Sector.COUNT * 4];
        double[] total = new double[Region.COUNT * Sector.COUNT];
        for (FirmState f : firms) {
            if (!f.alive) {
                continue;
            }
            int cell = f.region * Sector.COUNT + f.sector;
            total[cell]++;
            for (int k = 0; k <= f.stage; k++) {
                count[cell * 4 + k]++;
            }
        }
        for (int cell = 0; cell < total.length; cell++) {
            for (int k = 0; k < 4; k++) {
                count[cell * 4 + k] = total[cell] == 0 ? (k == 0 ? 1 : 0) : count[cell * 4 + k] / total[cell];
            }
        }
        return count;
    }

    /**
     * Generates the t0 population. Region by 2020 GDP, sector by firm shares, lognormal size, task
     * codifiability by sector (spec §C industry imbalance), initial stage by rank of a readiness score
     * (size, regional infrastructure, noise) so that the national mix equals CMMM 2020 (A6.9).
     *
     * @param env0 the initial environment (wages, θ, p_AI, q) without adopter shares; those are derived here
     * @return the population; {@code env0.adopterShare()} is filled in place
     */
    public static FirmPopulation generate(Scenario scenario, Environment env0) {
        Params p = scenario.params();
        int n = scenario.firms();
        int cap = p.getInt(Param.TASKS_MAX);
        int k0 = p.getInt(Param.TASKS_INITIAL);
        double[] cumRegion = Region.cumulativeGdp();
        double[] cumSector = Sector.cumulativeFirmShares();
        double[] score = new double[n];
        double[] size = new double[n];
        List<FirmState> firms = new ArrayList<>(n);
        Rng rng = Rng.of(scenario.seed(), Rng.Stream.FIRM_INIT, 0, 0);
        double lnMedian = Num.log(p.get(Param.INIT_SIZE_MEDIAN));
        double sizeSd = p.get(Param.INIT_SIZE_SD);
        double conc = p.get(Param.TASK_DISPERSION);
        for (int i = 0; i < n; i++) {
            rng.reset(scenario.seed(), Rng.Stream.FIRM_INIT, i, 0);
            FirmState f = new FirmState(i, rng.pick(cumRegion), rng.pick(cumSector), cap);
            size[i] = Math.min(5000, Num.exp(lnMedian + sizeSd * rng.gaussian()));
            drawTasks(f, k0, conc, p.get(Param.FIRM_COD_CONCENTRATION), p.get(Param.HIGH_SKILL_COD_SHIFT), rng);
            f.lnZInn = p.get(Param.INIT_TFP_SD) * rng.gaussian();
            f.wedgeZ = rng.gaussian();
            f.layers = (int) Num.clamp(2 + Math.floor(Num.log(size[i]) / Num.log(5)), 2, 7);
            f.data = rng.uniform(0, 1);
            score[i] = 0.6 * Num.log(size[i]) + 2.0 * Region.of(f.region).infra()
                    + (Sector.of(f.sector).sectorClass == org.ngai.model.core.SectorClass.TERTIARY ? 0.3 : 0)
                    + rng.gaussian();
            firms.add(f);
        }
        assignInitialStages(firms, score, p);
        double[] shares = adopterShares(firms);
        System.arraycopy(shares, 0, env0.adopterShare(), 0, shares.length);

        TaskAssignment ta = new TaskAssignment(cap);
        double markup = FirmEconomics.markup(p);
        double[] revenue = new double[n];
        double[] expenditure = new double[Sector.COUNT];
        double[] output = new double[n];
        double[] price = new double[n];
        double aiDemand = 0;
        for (int i = 0; i < n; i++) {
            FirmState f = firms.get(i);
            rng.reset(scenario.seed(), Rng.Stream.FIRM_INIT, i, 1);
            f.stageGain = FirmEconomics.stageGain(p, f.stage);
            f.aiQuality = env0.ai().quality();
            f.data += f.stage;
            // provisional employment split for the depth gate, then assignment at the firm's stage
            f.employedL = size[i] * 0.7;
            f.employedH = size[i] * 0.3;
            double z = Num.exp(FirmEconomics.lnZ(f, p, env0, 0));
            FirmEconomics.prepare(ta, f, p, env0, scenario.aiType(), f.aiQuality, env0.ai().theta(),
                    size[i] / f.taskCount);
            double idx = ta.run(f, f.stage, FirmEconomics.usableShare(f, p, f.stage));
            double perUnitWorkers = ta.lowPerUnit + ta.highPerUnit;
            double yz = perUnitWorkers > 0 ? size[i] / perUnitWorkers : size[i];
            f.employedL = ta.lowPerUnit * yz;
            f.employedH = ta.highPerUnit * yz;
            aiDemand += ta.aiPerUnit * yz;
            for (int t = 0; t < f.taskCount; t++) {
                f.factor[t] = ta.factor[t];
            }
            double y = z * yz;
            double c = idx / z * FirmEconomics.wedge(f, p, env0);
            output[i] = y;
            price[i] = markup * c;
            revenue[i] = price[i] * y;
            expenditure[f.sector] += revenue[i];
            f.lastDemand = y;
            f.lastOutput = y;
            f.lastUnitCost = c;
            f.kBase = 4 * revenue[i];
            f.kUpgrade = FirmEconomics.investmentPerRevenue(p, 0, f.stage) * revenue[i];
            f.kAi = f.stage >= 2 ? f.kUpgrade * 0.5 : 0;
            f.intangible = p.get(Param.INTANGIBLE_RATIO) * f.kUpgrade;
            if (f.stage >= 1 && rng.nextDouble() < 0.08) {
                // some firms are mid-way through the intangible investment of a recent upgrade (A3g)
                double last = FirmEconomics.investmentPerRevenue(p, f.stage - 1, f.stage) * revenue[i];
                f.pendingIntangible = p.get(Param.INTANGIBLE_RATIO) * last * rng.nextDouble();
                f.intangibleRate = p.get(Param.INTANGIBLE_RATIO) * last / p.getInt(Param.JCURVE_DURATION);
            }
            f.cash = 1.5 * revenue[i] * rng.uniform(0.5, 1.5);
            f.fixedCost = p.get(Param.FIXED_COST) * revenue[i] * rng.uniform(0.6, 1.4);
            f.hiTier = f.stage == 3 ? 1 : 0;
        }
        // A3g: the intangible stock starts at the steady state of the t0 investment flow, δ_G·G_0 = Σ I_G,
        // spread in proportion to past upgrade capital (no transient from undepreciated history)
        double flow = 0;
        double base = 0;
        for (FirmState f : firms) {
            flow += Math.min(f.pendingIntangible, f.intangibleRate);
            base += f.kUpgrade;
        }
        // steady state flow/δ_G; without depreciation, ten years of accumulated flow (a finite history)
        double stock = flow / Math.max(p.get(Param.INTANGIBLE_DEPRECIATION), 1.0 / 40);
        for (FirmState f : firms) {
            f.intangible = base > 0 ? stock * f.kUpgrade / base : 0;
        }
        double eps = p.get(Param.DEMAND_ELASTICITY);
        for (int i = 0; i < n; i++) {
            FirmState f = firms.get(i);
            // P_s normalised to 1 at t0: d_i = Y·p^ε / E_s so that demand equals output (A6.7)
            f.demandShift = output[i] * Num.pow(price[i], eps) / expenditure[f.sector];
            f.marketShare = revenue[i] / expenditure[f.sector];
            f.marketShareTrend = f.marketShare;
        }
        return new FirmPopulation(firms, expenditure, aiDemand, n);
    }

    static void drawTasks(FirmState f, int k0, double conc, double firmConc, double highCut, Rng rng) {
        Sector s = Sector.of(f.sector);
        double mean = rng.beta(s.codA * firmConc, s.codB * firmConc);
        mean = Num.clamp(mean, 0.02, 0.98);
        f.taskCount = k0;
        for (int t = 0; t < k0; t++) {
            double c = rng.beta(mean * conc, (1 - mean) * conc);
            f.complexity[t] = (float) rng.nextDouble();
            f.taskSkill[t] = (byte) (rng.bernoulli(s.highSkillTaskShare) ? 1 : 0);
            f.cod[t] = (float) (f.taskSkill[t] == 1 ? c * (1 - highCut) : c);
            f.aiRank[t] = (float) rng.nextDouble();
            f.factor[t] = (byte) (f.taskSkill[t] == 0 ? Factor.L.ordinal() : Factor.H.ordinal());
        }
    }

    private static void assignInitialStages(List<FirmState> firms, double[] score, Params p) {
        int n = firms.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(score[b], score[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        double s3 = p.get(Param.INIT_STAGE_3);
        double s2 = p.get(Param.INIT_STAGE_2);
        double s1 = p.get(Param.INIT_STAGE_1);
        long n3 = Math.round(s3 * n);
        long n2 = Math.round((s3 + s2) * n);
        long n1 = Math.round((s3 + s2 + s1) * n);
        for (int r = 0; r < n; r++) {
            FirmState f = firms.get(order[r]);
            f.stage = r < n3 ? 3 : r < n2 ? 2 : r < n1 ? 1 : 0;
        }
    }

    /**
     * A new firm (A6.7 entry): small, manual or digitalised, with no workers yet (it posts vacancies
     * next tick) and start-up cash. Its demand shifter targets a revenue of a median firm at the
     * sector's current price index.
     */
    FirmState newEntrant(Scenario scenario, Params p, Environment env, int tick, double sectorPriceIndex1mEps,
                         double sectorExpenditure, TaskAssignment ta, double incumbentLnZInn,
                         double[] incumbentStages) {
        long id = takeNextId();
        Rng rng = Rng.of(scenario.seed(), Rng.Stream.FIRM_ENTRY, id, tick);
        int cap = p.getInt(Param.TASKS_MAX);
        FirmState f = new FirmState(id, rng.pick(Region.cumulativeGdp()), rng.pick(Sector.cumulativeFirmShares()), cap);
        f.birthTick = tick;
        double size = Math.min(500, Num.exp(Num.log(p.get(Param.INIT_SIZE_MEDIAN) * 0.5) + 0.8 * rng.gaussian()));
        drawTasks(f, p.getInt(Param.TASKS_INITIAL), p.get(Param.TASK_DISPERSION), p.get(Param.FIRM_COD_CONCENTRATION),
                p.get(Param.HIGH_SKILL_COD_SHIFT), rng);
        // entrants build on the technology incumbents have accumulated (Schumpeterian entry: a new firm
        // embodies current know-how) and draw around it; selection at exit then raises average TFP
        f.lnZInn = incumbentLnZInn + p.get(Param.INIT_TFP_SD) * rng.gaussian();
        f.wedgeZ = rng.gaussian();
        f.layers = 2;
        // entrants are born with the technology of their time: the stage of a random incumbent of their
        // sector (or digital/manual when the sector has none yet)
        double[] cum = new double[4];
        double acc = 0;
        for (int k = 0; k < 4; k++) {
            acc += incumbentStages[f.sector * 4 + k];
            cum[k] = acc;
        }
        if (acc > 0) {
            for (int k = 0; k < 4; k++) {
                cum[k] /= acc;
            }
            f.stage = rng.pick(cum);
        } else {
            f.stage = rng.bernoulli(0.2) ? 1 : 0;
        }
        f.stageGain = FirmEconomics.stageGain(p, f.stage);
        f.aiQuality = env.ai().quality();
        f.employedL = 0;
        f.employedH = 0;
        double z = Num.exp(FirmEconomics.lnZ(f, p, env, tick));
        FirmEconomics.prepare(ta, f, p, env, scenario.aiType(), f.aiQuality, env.ai().theta(), size / f.taskCount);
        double idx = ta.run(f, f.stage, FirmEconomics.usableShare(f, p, f.stage));
        for (int t = 0; t < f.taskCount; t++) {
            f.factor[t] = ta.factor[t];
        }
        double perUnit = ta.lowPerUnit + ta.highPerUnit;
        double y = z * (perUnit > 0 ? size / perUnit : size);
        double c = idx / z * FirmEconomics.wedge(f, p, env);
        double price = FirmEconomics.markup(p) * c;
        double eps = p.get(Param.DEMAND_ELASTICITY);
        // Y_dem = d·p^(−ε)·E_s / P_s^(1−ε)  ⇒  d = Y·p^ε·P_s^(1−ε)/E_s
        f.demandShift = sectorExpenditure > 0 ? y * Num.pow(price, eps) * sectorPriceIndex1mEps / sectorExpenditure : 0;
        double revenue = price * y;
        f.lastDemand = y;
        f.lastOutput = 0;
        f.lastUnitCost = c;
        f.kBase = 4 * revenue;
        f.fixedCost = p.get(Param.FIXED_COST) * revenue * rng.uniform(0.6, 1.4);
        f.cash = 4 * f.fixedCost + 1.5 * revenue;
        f.data = rng.uniform(0, 1);
        f.marketShare = 0;
        f.marketShareTrend = 0;
        firms.add(f);
        return f;
    }
}
