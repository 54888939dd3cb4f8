package org.ngai.model.firm;

import org.ngai.model.core.AiType;
import org.ngai.model.core.Num;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.tick.Environment;

/** Firm-level formulas shared by the decide and produce phases (spec §A1, A3, A6). */
public final class FirmEconomics {
    private FirmEconomics() {
    }

    /** Trend level of nominal prices (1+g)^t; exogenous prices (ICT, F_AI, energy, AI) move with it. */
    public static double nominal(Params p, int tick) {
        double g = p.get(Param.NOMINAL_GROWTH);
        return g == 0 ? 1 : Num.pow(1 + g, tick);
    }

    /** Markup μ = ε/(ε−1) of monopolistic competition within a sector (A6.7 market shares). */
    public static double markup(Params p) {
        double e = p.get(Param.DEMAND_ELASTICITY);
        return e / (e - 1);
    }

    /** Cumulative nominal stage gain Σ g for reaching {@code stage} from 0 (A3g). */
    public static double stageGain(Params p, int stage) {
        double g = 0;
        if (stage >= 1) {
            g += p.get(Param.STAGE_GAIN_1);
        }
        if (stage >= 2) {
            g += p.get(Param.STAGE_GAIN_2);
        }
        if (stage >= 3) {
            g += p.get(Param.STAGE_GAIN_3);
        }
        return g;
    }

    /** Investment I for moving from one stage to a higher one, per unit of quarterly revenue (A6.2, A6.6). */
    public static double investmentPerRevenue(Params p, int from, int to) {
        double i = 0;
        for (int s = from + 1; s <= to; s++) {
            i += switch (s) {
                case 1 -> p.get(Param.INVEST_1);
                case 2 -> p.get(Param.INVEST_2);
                default -> p.get(Param.INVEST_3);
            };
        }
        if (to - from >= 2) {
            i *= 1 - p.get(Param.LEAP_COST_SAVING);
        }
        if (to == 3) {
            i *= 1 + p.get(Param.COMPLIANCE_COST);
        }
        return i;
    }

    /** ln Z^J: the J-curve dip −δ_J(1−(t−t_u)/T_J) while t &lt; t_u+T_J (A3g). */
    public static double jCurve(FirmState f, Params p, int tick) {
        int dt = tick - f.upgradeTick;
        int tj = p.getInt(Param.JCURVE_DURATION);
        if (dt < 0 || dt >= tj) {
            return 0;
        }
        return -p.get(Param.JCURVE_DEPTH) * (1 - (double) dt / tj);
    }

    /** Realised stage gain: misdirected firms keep only part of it (A6.8). */
    public static double realisedStageGain(FirmState f, Params p) {
        return f.misdirected ? f.stageGain * (1 - p.get(Param.MISDIRECTION_CUT)) : f.stageGain;
    }

    /** ln Z^org = (ℓ−1)·ln(1−λ), λ = λ_0(1−ψ_org·q·1[S&ge;2]) (A3e, Garicano 2000). */
    public static double lnOrg(FirmState f, Params p, double quality) {
        double lambda = p.get(Param.ORG_LEAKAGE) * (1 - (f.stage >= 2 ? p.get(Param.ORG_AI_CUT) * quality : 0));
        return (f.layers - 1) * Num.log(1 - lambda);
    }

    /** ln Z^ext = ln(1+ε_ext·share(S=3 in region×sector)) (A3c). */
    public static double lnExt(FirmState f, Params p, Environment env) {
        return Num.log(1 + p.get(Param.SPILLOVER_EXT) * env.adopterShare(f.region, f.sector, 3));
    }

    /** ln Z_i = ln Z^inn + realised stage gain + ln Z^J + ln Z^org + ln Z^ext. */
    public static double lnZ(FirmState f, Params p, Environment env, int tick) {
        double q = f.stage >= 2 ? f.aiQuality : env.ai().quality();
        return f.lnZInn + realisedStageGain(f, p) + jCurve(f, p, tick) + lnOrg(f, p, q) + lnExt(f, p, env);
    }

    /** 1+τ_i with ln(1+τ_i) = σ_τ,t·z_i, σ_τ,t = σ_τ,0(1−ζ_alloc·S̄_t) (A3b). */
    public static double wedge(FirmState f, Params p, Environment env) {
        double sd = p.get(Param.WEDGE_SD0) * (1 - p.get(Param.WEDGE_REVELATION) * env.meanScreening());
        return Num.exp(sd * f.wedgeZ);
    }

    /** Realised AI depth φ_S·min(1, H/(h_req·L)) (A1 stage gate, A6.8 insufficient depth). */
    public static double usableShare(FirmState f, Params p, int stage) {
        double phi = switch (stage) {
            case 0, 1 -> 0;
            case 2 -> p.get(Param.PHI_NETWORKED);
            default -> 1;
        };
        if (phi == 0) {
            return 0;
        }
        double hreq = p.get(Param.DEPTH_SKILL_RATIO) * (1 - p.get(Param.COMPLEMENTARY_TECH));
        double depth = f.employedL <= 0 ? 1 : Math.min(1, f.employedH / (hreq * f.employedL));
        return phi * depth;
    }

    /** Is AI usable in this sector under the scenario's AI type? gpt=0: manufacturing only (A3a Table 1). */
    public static boolean aiAllowed(AiType type, int sector) {
        return type.gpt || Sector.of(sector).manufacturing;
    }

    /** Highest stage a firm may reach: stage 3 (intelligent) needs AI (E3.6 counterfactual switch). */
    public static int maxStage(Params p) {
        return p.getInt(Param.AI_ENABLED) == 1 ? 3 : 2;
    }

    /** F_AI after the AI-as-a-service discount in hub regions (and lagging regions with new infrastructure). */
    public static double aiFixedCost(Params p, int region) {
        Region r = Region.of(region);
        double chi = r.computeHub() ? p.get(Param.AAS_DISCOUNT) : 0;
        if (r.lagging()) {
            chi = Math.min(0.9, chi + p.get(Param.INFRA_LAGGING));
        }
        return p.get(Param.AI_FIXED_COST) * (1 - chi);
    }

    /** Infrastructure readiness of a region (lagging-infrastructure lever adds to it, D). */
    public static double infra(Params p, int region) {
        Region r = Region.of(region);
        return Math.min(1, r.infra() + (r.lagging() ? p.get(Param.INFRA_LAGGING) : 0));
    }

    /** Sets the inputs of a task assignment for one firm at the given model quality and perceived frontier. */
    public static void prepare(TaskAssignment ta, FirmState f, Params p, Environment env, AiType type, double quality,
                               double thetaPerceived, double volume) {
        ta.sigma = p.get(Param.SIGMA);
        ta.wageL = env.wageL()[f.region];
        ta.wageH = env.wageH()[f.region];
        ta.ictProductivity = p.get(Param.ICT_PRODUCTIVITY);
        double level = nominal(p, env.tick());
        ta.ictUnitCost = p.get(Param.ICT_PRICE) * level / ta.ictProductivity;
        ta.ictMinCod = p.get(Param.ICT_MIN_CODIFIABILITY);
        ta.ictMaxComplexity = p.get(Param.ICT_MAX_COMPLEXITY);
        ta.aiPrice = env.ai().price();
        ta.aiProductivity = p.get(Param.AI_PRODUCTIVITY) * quality;
        ta.aiFixedPerVolume = volume > 0 ? aiFixedCost(p, f.region) * level / volume : Double.POSITIVE_INFINITY;
        ta.theta = env.ai().theta();
        ta.thetaPerceived = thetaPerceived;
        ta.thetaTacit = env.ai().thetaTacit();
        ta.aiAllowedInSector = aiAllowed(type, f.sector) && p.getInt(Param.AI_ENABLED) == 1;
        ta.augBand = p.get(Param.AUG_BAND);
        ta.augIntensity = p.get(Param.AUG_AI_INTENSITY);
        ta.augGainHigh = p.get(Param.AUG_GAIN);
        ta.augGainLow = p.get(Param.AUG_GAIN_NOVICE);
        ta.outsideLoss = p.get(Param.OUTSIDE_FRONTIER_LOSS);
        ta.rampWidth = p.get(Param.AI_RAMP_WIDTH);
        ta.aiSkillIntensity = p.get(Param.AI_SKILL_INTENSITY);
        ta.rampFloor = p.get(Param.AI_RAMP_FLOOR);
    }
}
