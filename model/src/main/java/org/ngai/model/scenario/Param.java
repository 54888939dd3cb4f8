package org.ngai.model.scenario;

/**
 * Every numeric parameter of the model: key used in scenario files, default, allowed range, unit,
 * docs/specification.md section and source. Rates are per quarter (one tick) unless the unit says otherwise.
 * Values marked "(assump.)" have no literature estimate (docs/specification.md §0) and are exposed here
 * for sensitivity runs. {@code docs/parameters.md} is generated from this table.
 */
public enum Param {
    // ---- A1 production: task-based CES -------------------------------------------------------
    SIGMA("production.sigma", 0.5, 0.3, 1.2, "", "A1", "elasticity across tasks; gross complements (AR 2018/2022), value assump."),
    TASKS_INITIAL("production.tasksInitial", 8, 4, 12, "tasks", "A1", "tasks per firm at t0 (assump.)", true),
    TASKS_MAX("production.tasksMax", 12, 4, 16, "tasks", "A1", "cap on tasks per firm; the least valuable task is retired to add a new one (assump.)", true),
    FIRM_COD_CONCENTRATION("production.firmCodifiabilityConcentration", 3, 0.1, 20, "", "A1/C", "multiplies the sector Beta(a_s,b_s) of firms' mean codifiability: higher = less dispersion across firms (assump.; calibrates exposure)"),
    HIGH_SKILL_COD_SHIFT("production.highSkillCodifiabilityCut", 0.3, 0, 0.9, "", "A1/E3.4", "high-skill (non-routine) tasks are this much less codifiable: c_k × (1−cut) (Autor-style routine bias; assump.)"),
    TASK_DISPERSION("production.taskConcentration", 2, 1, 50, "", "A1", "Beta concentration of task codifiability around the firm's mean (assump.; calibrates exposure spread)"),
    ICT_MIN_CODIFIABILITY("production.ictMinCodifiability", 0.8, 0.5, 1, "", "A1", "c_ICT: ICT can do a task only if c_k >= this"),
    ICT_MAX_COMPLEXITY("production.ictMaxComplexity", 0.5, 0, 1, "", "A1", "x_ICT: ICT can do a task only if x_k <= this"),
    ICT_PRODUCTIVITY("production.ictProductivity", 1.3, 0.5, 5, "task units/unit", "A1", "γ_ICT (assump.)"),
    ICT_PRICE("production.ictPrice", 0.9, 0.1, 5, "wage units/qtr", "A1", "R_ICT rental per ICT unit (assump.)"),
    AI_PRODUCTIVITY("production.aiProductivity", 5.5, 0.5, 20, "task units/unit", "A1", "γ̄ in γ_AI = γ̄·q_AI; calibrated to ≈23% cost-effective share of AI-feasible wage bill at t0 (Svanberg et al. 2024)"),
    AI_RAMP_WIDTH("production.aiRampWidth", 0.3, 0.01, 1, "codifiability", "A1/B1", "AI productivity ramps up over this distance inside the frontier: tasks just inside θ are done poorly (jagged frontier; assump.)"),
    AI_RAMP_FLOOR("production.aiRampFloor", 0.1, 0.01, 1, "", "A1/B1", "relative AI productivity on a task right at the frontier (assump.)"),
    AI_FIXED_COST("production.aiFixedCost", 3, 0, 20, "wage units/qtr per task", "A3c", "F_AI: per-task deployment cost (data, training, integration), amortised per quarter; the source of AI scale economies (Svanberg et al. 2024)"),
    AAS_DISCOUNT("production.aiAsAServiceDiscount", 0.3, 0, 0.9, "", "A3c", "χ_aas: F_AI discount in regions with an AI-as-a-service hub (assump.)"),
    AI_SKILL_INTENSITY("production.aiSkillIntensity", 0.15, 0, 1, "H workers per AI task unit", "A1/E3.4", "skilled operators an automated task needs (capital-skill complementarity, KORV 2000; assump.)"),
    AUG_BAND("production.augmentationBand", 0.1, 0, 0.5, "", "A1", "Δ_aug: AI-augmented high skill is feasible if c_k >= 1−θ−Δ_aug"),
    AUG_AI_INTENSITY("production.augmentedAiIntensity", 0.5, 0, 2, "AI units/worker", "A1", "ν: AI units used per augmented worker (assump.)"),
    AUG_GAIN("production.augmentationGain", 0.14, 0, 0.5, "", "A1/B1", "a_aug: productivity gain of AI-augmented work, average (Brynjolfsson-Li-Raymond 2025: 0.14; 0.34 novices)"),
    AUG_GAIN_NOVICE("production.augmentationGainNovice", 0.34, 0, 1, "", "B1/E3.5", "gain for low-skill/novice workers augmented by AI on low-skill tasks (Brynjolfsson-Li-Raymond 2025)"),
    PHI_NETWORKED("production.networkedAiShare", 0.3, 0, 1, "", "A1", "φ_2: share of AI-feasible tasks usable at the networked stage (φ_S = 0,0,φ_2,1)"),
    DEPTH_SKILL_RATIO("production.depthSkillRatio", 0.6, 0.01, 2, "H/L", "A6.8", "h_req: realised AI task share = φ_S·min(1, H/(h_req·L)) (assump.)"),
    NEW_TASK_BASE("production.newTaskBaseRate", 0.005, 0, 0.1, "1/qtr", "A1", "λ_0: probability a firm adds a new (reinstating) task (assump.)"),
    NEW_TASK_AI("production.newTaskAiRate", 0.01, 0, 0.5, "1/qtr", "A1", "λ_AI: extra new-task probability per unit of A_r, the region's AI-industry revenue share relative to its GDP share, capped at 3 (assump.)"),
    NEW_TASK_BETA_A("production.newTaskBetaA", 2, 0.5, 10, "", "A1", "new tasks have codifiability Beta(2,5)"),
    NEW_TASK_BETA_B("production.newTaskBetaB", 5, 0.5, 10, "", "A1", "new tasks have codifiability Beta(2,5)"),
    DEMAND_ELASTICITY("production.demandElasticity", 3, 1.5, 10, "", "A3b/A6.7", "ε: elasticity of substitution between firms of a sector (Hsieh-Klenow 2009: 3)"),
    NOMINAL_GROWTH("production.nominalGrowth", 0, 0, 0.05, "1/qtr", "0", "trend growth of nominal expenditure, wages and exogenous prices; 0 = everything in constant wage units (assump.)"),
    FIRMS_REAL("production.realFirmsRepresented", 4.0e7, 1, 1e9, "firms", "0", "real firms represented by the population (weight ω = this / N; China ≈ 40m market entities incl. sole proprietors; assump.)"),

    INIT_STAGE_1("init.stageShareDigital", 0.14, 0, 1, "", "A6.9", "initial share at stage 1 (CMMM 2020 manufacturing: 75/14/6/5%)"),
    INIT_STAGE_2("init.stageShareNetworked", 0.06, 0, 1, "", "A6.9", "initial share at stage 2 (CMMM 2020)"),
    INIT_STAGE_3("init.stageShareIntelligent", 0.05, 0, 1, "", "A6.9", "initial share at stage 3 (CMMM 2020)"),
    INIT_SIZE_MEDIAN("init.sizeMedian", 20, 2, 10000, "workers", "0", "median firm employment at t0 (lognormal; assump.)"),
    INIT_SIZE_SD("init.sizeSd", 1.1, 0, 3, "ln points", "0", "sd of ln employment at t0 (assump.)"),
    INIT_TFP_SD("init.tfpSd", 0.15, 0, 1, "ln points", "A3b", "sd of initial ln Z^inn (assump.)"),

    // ---- A3 TFP channels ------------------------------------------------------------------------
    INNOV_BASE_SUCCESS("innovation.baseSuccess", 0.10, 0.05, 0.2, "", "A3a", "π_0: success probability per attempt"),
    INNOV_MAX_RATIO("innovation.maxSuccessRatio", 1.5, 1.2, 2, "", "A3a", "π_max/π_0 (AI-discovered molecules pass Phase I 80-90% vs 50-65%, Jayatunga 2024)"),
    INNOV_IMI("innovation.imiIntensity", 2.0, 0, 10, "", "A3a", "κ_IMI in π = π_0+(π_max−π_0)(1−e^(−κ·q·1[S=3]·imi)) (assump.)"),
    INNOV_STEP("innovation.step", 0.02, 0.01, 0.05, "ln points", "A3a", "η: ln Z^inn gain per success (assump.)"),
    INNOV_ATTEMPT_SCALE("innovation.attemptScale", 0.5, 0, 5, "attempts", "A3a", "φ_R in n_att = φ_R·(R&D/revenue·100)^0.5 (concave idea production; assump.)"),
    INNOV_RD_SHARE("innovation.rdShare", 0.02, 0, 0.2, "of revenue", "A3a", "R&D spending share of revenue (China ≈2.4% of GDP; assump.)"),
    INNOV_DATA("innovation.dataPerSuccess", 1.0, 0, 10, "data units", "A3a", "d_gen: data generated by a success (sequential innovation)"),
    TFP_DECAY("innovation.frontierDecay", 0.002, 0, 0.05, "1/qtr", "A3a", "depreciation of ln Z^inn towards 0 (obsolescence; assump.)"),
    WEDGE_SD0("allocation.wedgeSd0", 0.45, 0, 2, "ln points", "A3b", "σ_τ,0: sd of ln(1+τ_i); calibrated so full equalisation gives +30-50% TFP (Hsieh-Klenow 2009)"),
    WEDGE_REVELATION("allocation.revelation", 0.3, 0, 1, "", "A3b", "ζ_alloc: σ_τ,t = σ_τ,0(1−ζ·S̄_t) (assump.)"),
    SPILLOVER_EXT("spillover.external", 0.05, 0, 0.15, "", "A3c", "ε_ext: Z^ext = 1+ε_ext·share(S=3 in region×sector) (assump.)"),
    SCOPE_LINE_RATE("scope.newLineRate", 0.01, 0, 0.2, "1/qtr", "A3d", "probability a firm considers a new product line (assump.)"),
    SCOPE_LINE_COST("scope.newLineCost", 0.3, 0, 5, "qtr revenue", "A3d", "F_m: fixed cost of a new product line (assump.)"),
    SCOPE_TRANSFER("scope.transferLearning", 0.3, 0, 1, "", "A3d", "τ_scope: F_m(1−τ_scope·1[S=3]) (transfer learning; assump.)"),
    SCOPE_LINE_DEMAND("scope.lineDemandGain", 0.04, 0, 0.5, "", "A3d", "demand shifter gained per extra product line (assump.)"),
    ORG_LEAKAGE("organisation.leakage", 0.05, 0, 0.3, "", "A3e", "λ_0: information leakage per layer, Z^org=(1−λ)^(ℓ−1) (Garicano 2000; value assump.)"),
    ORG_AI_CUT("organisation.aiLeakageCut", 0.5, 0, 1, "", "A3e", "ψ_org: λ = λ_0(1−ψ_org·q_AI·1[S>=2]) (assump.)"),
    ORG_FLATTEN_RATE("organisation.flattenRate", 0.0, 0, 1, "1/qtr", "A3e/D", "p_flat: probability a firm at S>=2 removes a layer (policy lever: flatten organisations)"),
    ORG_FLATTEN_COST("organisation.flattenCost", 0.05, 0, 1, "qtr revenue", "A3e/D", "F_flat: one-off cost of removing a layer"),
    JCURVE_DEPTH("jcurve.depth", 0.05, 0.02, 0.15, "ln points", "A3g", "δ_J: TFP dip right after an upgrade"),
    JCURVE_DURATION("jcurve.duration", 6, 4, 12, "qtr", "A3g", "T_J: length of the adjustment", true),
    INTANGIBLE_RATIO("jcurve.intangibleRatio", 5, 5, 10, "", "A3g", "ι: intangible investment per unit of tangible (BHY 2002: >=5; Brynjolfsson-Yang up to 10)"),
    INTANGIBLE_DEPRECIATION("jcurve.intangibleDepreciation", 0.04, 0, 0.2, "1/qtr", "A3g", "depreciation of the intangible stock G (assump.)"),
    STAGE_GAIN_1("jcurve.stageGainDigital", 0.03, 0, 0.2, "ln points", "A3g", "g_{0→1} (assump.)"),
    STAGE_GAIN_2("jcurve.stageGainNetworked", 0.04, 0, 0.2, "ln points", "A3g", "g_{1→2} (assump.)"),
    STAGE_GAIN_3("jcurve.stageGainIntelligent", 0.06, 0, 0.3, "ln points", "A3g", "g_{2→3} (assump.)"),
    SHARE_K("accounts.capitalShare", 0.4, 0.1, 0.7, "", "C", "s'_K in measured TFP (and s_K in true TFP)"),
    SHARE_G("accounts.intangibleShare", 0.1, 0, 0.3, "", "C", "s_G: intangible capital share in true TFP (BRS 2021 order; assump.)"),

    // ---- A3f/A5/A7 AI market -------------------------------------------------------------------
    AI_ENABLED("ai.enabled", 1, 0, 1, "0/1", "E3.6", "0 switches AI off (no AI-feasible tasks, no stage-3 upgrades): the counterfactual for the TFP gain from AI", true),
    AI_FROZEN("ai.frozen", 0, 0, 1, "0/1", "E3.6", "1 freezes AI technology at its t0 state (θ, q, p_AI): the counterfactual for the 10-year TFP gain from AI progress", true),
    THETA0("ai.theta0", 0.35, 0, 1, "", "A1", "θ_2020: calibrated so ≈19% of workers have >=50% of tasks AI-feasible and ≈80% have >=10% (Eloundou et al. 2024)"),
    THETA_GROWTH("ai.thetaGrowth", 0.005, 0, 0.03, "1/qtr", "A1/A5", "g_θ0: exogenous frontier growth (assump.)"),
    THETA_RD("ai.thetaRdElasticity", 0.001, 0, 0.05, "", "A5", "g_θ1 in θ += g_θ1·ln(1+RD_BASE/RD_ref) (assump.)"),
    THETA_MAX("ai.thetaMax", 0.95, 0.5, 1, "", "A5", "cap on θ (singularity guard, spec §C debates)"),
    THETA_US0("ai.thetaUs0", 0.50, 0, 1, "", "A5/E1", "US frontier at t0 (China BASE capability ≈0.18-0.25 of US, Table 2; assump.)"),
    THETA_US_GROWTH("ai.thetaUsGrowth", 0.011, 0, 0.05, "1/qtr", "A5", "US frontier growth (assump.)"),
    CATCH_UP("ai.catchUp", 0.005, 0, 0.2, "1/qtr", "A5/D", "s_int: catch-up to the US frontier, scaled by openness (assump.)"),
    OPENNESS("policy.openness", 1.0, 0, 1, "", "D", "o: import access and spillover; 1 = open (open-vs-protective lever)"),
    PROTECTION_SUNSET("policy.protectionSunset", 0, 0, 200, "ticks", "D", "T_s: protection ends after this many ticks (0 = no sunset); long protection slows domestic g_θ (inertia)", true),
    PROTECTION_INERTIA("policy.protectionInertia", 0.3, 0, 1, "", "D", "share of g_θ0 lost per tick while protection (openness<1) has lasted beyond 8 ticks (assump.)"),
    RD_REF("ai.rdRef", 0.0005, 1e-7, 1, "share of expenditure", "A5", "RD_ref: BASE R&D reference as a share of nominal final expenditure (assump.)"),
    PUBLIC_BASE_RD("policy.publicBaseRd", 0, 0, 0.01, "share of expenditure", "D", "public R&D on basic/chokepoint technology, added to RD_BASE; also raises BASE-layer entry and φ_dom"),
    VENDOR_RD_SHARE("ai.vendorRdShare", 0.15, 0, 0.5, "of R_AI", "A5", "ρ_RD: vendor R&D = ρ_RD·R_AI (assump.)"),
    THETA_TACIT0("ai.thetaTacit0", 0.0, 0, 1, "", "B1", "θ_tacit: tasks with c_k <= θ_tacit are AI-feasible through embodied AI"),
    THETA_TACIT_GROWTH("ai.thetaTacitGrowth", 0.0, 0, 0.03, "1/qtr", "B1/D", "growth of θ_tacit (embodied-intelligence lever)"),
    PERCEPTION_NOISE("ai.perceptionNoise", 0.05, 0, 0.3, "", "B1", "sd of ν in the perceived frontier θ̂ = θ+ν (Dell'Acqua et al.)"),
    OUTSIDE_FRONTIER_LOSS("ai.outsideFrontierLoss", 0.19, 0, 0.5, "", "B1", "productivity lost on tasks in (θ, θ̂] (−19 pp correctness, Dell'Acqua et al. 2023)"),
    Q0("ai.quality0", 0.5, 0.05, 0.95, "", "A3f", "q_0: AI quality when D_eff equals D_0, the raw data stock at t0 (assump.)"),
    QMAX("ai.qualityMax", 1.0, 0.5, 1, "", "A3f", "q_max"),
    DATA_EXPONENT("ai.dataExponent", 0.095, 0.01, 0.5, "", "A3f", "α_D (Kaplan et al. 2020 data exponent)"),
    DATA_DECAY("ai.dataDecay", 0.02, 0, 0.2, "1/qtr", "A3f", "obsolescence of the pooled data stock (assump.)"),
    DATA_PER_UNIT("ai.dataPerUnit", 0.15, 0, 10, "data/AI unit", "A3f", "data generated per AI unit used (network effect; assump.)"),
    DATA_EXCLUDABILITY("data.excludabilityLoss", 0.2, 0.05, 0.5, "", "A3f/C", "e_d: D_eff = [D_real(1−e_d)+...]"),
    DATA_POOLING("data.poolingShare", 0.5, 0, 1, "", "A3f/C", "share of firms' data pooled across users (data silos: 0.5)"),
    SYNTHETIC_SHARE("data.syntheticShare", 0.0, 0, 0.9, "", "D", "D_syn share of training data (synthetic-data lever)"),
    SYNTHETIC_CAP("data.syntheticCap", 0.3, 0, 1, "", "D", "s_max: above this, recursive synthetic data collapses quality (Shumailov et al. 2024)"),
    SYNTHETIC_VALUE("data.syntheticValue", 0.6, 0, 1, "", "A3f", "v_syn: value of a synthetic datum relative to a real one (assump.)"),
    COLLAPSE_RATE("data.collapseRate", 3, 0, 5, "", "A3f", "collapse = min(0.9, κ·max(0, syn−s_max)) (assump.)"),
    P_AI0("ai.price0", 1.0, 0.05, 20, "wage units/unit", "A3", "p_AI,0: effective price of one deployed AI unit per quarter (assump.; wage of a low-skill worker = 1)"),
    PRICE_DECLINE("ai.priceDecline", 0.10, 0, 0.40, "1/yr", "A3", "g_p: decline of the deployed-service price (raw inference fell far faster; Svanberg: last mile dominates)"),
    SHORTFALL_SPIKE("compute.shortfallPriceSpike", 1.0, 0, 10, "", "C", "p_AI multiplier per unit of compute shortfall (assump.)"),
    COMPUTE0("compute.headroom", 1.3, 0.1, 100, "× t0 AI demand", "C", "installed compute at t0 relative to the AI demand of the initial population (assump.)"),
    COMPUTE_PRICE_ELASTICITY("compute.priceElasticity", 0.5, 0, 3, "", "A3/C", "ξ: AI price × (U/U_0)^ξ, U = AI demand / installed compute (inverse supply elasticity of compute services; assump.)"),
    COMPUTE_GROWTH("compute.growth", 0.06, 0, 0.3, "1/qtr", "C", "expected demand growth investors build compute for: wanted capacity = AI demand × headroom × (1+g) (assump.)"),
    COMPUTE_ADJUSTMENT("compute.adjustmentSpeed", 0.3, 0.05, 1, "1/qtr", "C", "share of the gap to wanted compute capacity closed per quarter (investment lag; assump.)"),
    COMPUTE_RESPONSE("compute.shortfallResponse", 0.3, 0, 2, "", "C", "extra capacity growth per unit of last tick's shortfall (investment response; assump.)"),
    COMPUTE_DOMESTIC_BOOST("policy.nationalCompute", 0, 0, 1, "", "D", "extra domestic compute growth per quarter (national / unified compute market lever)"),
    IMPORT_SHARE("compute.importShare", 0.8, 0.6, 0.95, "", "C", "m_imp: imported share of compute (chip self-sufficiency ≈30% in 2019)"),
    DOMESTIC_EFFICIENCY("compute.domesticEfficiency", 0.6, 0.1, 1, "", "C", "φ_dom: efficiency of domestic substitutes for imported compute"),
    SUBSTITUTION_SPEED("compute.substitutionSpeed", 0.05, 0, 1, "1/qtr", "C", "speed at which domestic capacity replaces lost imports after a shock (assump.)"),
    EXPORT_CONTROL_TICK("shock.exportControlTick", 0, 0, 200, "tick", "C", "tick of an export-control shock (0 = none)", true),
    EXPORT_CONTROL_CUT("shock.exportControlCut", 0.5, 0, 1, "", "C", "κ_ec: share of imported compute supply cut at the shock"),
    CHIP_PRICE_SHOCK("shock.chipPriceShock", 0.3, 0, 3, "", "A3", "shock_chip: p_AI surcharge while the export control is active"),
    ENERGY_PRICE("energy.electricityPrice", 1.0, 0.1, 10, "wage units/kWh-unit", "A3/A7", "p_e (normalised)"),
    ENERGY_PER_UNIT("energy.aiEnergyPerUnit", 0.07, 0, 1, "kWh-units/AI unit", "A7", "e_AI,0 (≈10% of the AI price at t0; assump.)"),
    ENERGY_EFFICIENCY_GAIN("energy.efficiencyGainPerYear", 1.4, 1, 3, "×/yr", "A7", "e_AI falls ×1/1.4 per year (AI Index 2025: hardware efficiency +40%/yr)"),
    COMPUTE_INTENSITY_GROWTH("energy.computeIntensityGrowthPerYear", 1.5, 1, 5, "×/yr", "A7/E3.14", "compute per unit of AI service grows with model scale (IEA 2025: data-centre electricity 415 TWh 2024 → 945 TWh 2030 despite +40%/yr efficiency; assump.)"),
    PUE_DEFAULT("energy.pueDefault", 1.5, 1, 3, "", "A7", "PUE outside hubs (assump.)"),
    PUE_HUB("energy.pueHub", 1.25, 1, 3, "", "A7", "PUE in 东数西算 hub regions"),
    ENERGY_SAVING("energy.adopterSaving", 0.24, 0.1, 0.3, "", "A7", "own operating-energy saving at S=3 (Midea: −24%)"),
    ENERGY_INTENSITY("energy.firmIntensity", 0.05, 0, 1, "kWh-units/output", "A7", "operating energy per unit of output (assump.)"),
    BRAIN_LIKE("energy.brainLike", 0, 0, 0.99, "", "A7/D", "b_brain: e_AI × (1−b_brain) (brain-like intelligence lever)"),

    // ---- A6 adoption --------------------------------------------------------------------------
    DISCOUNT_RATE("adoption.discountRate", 0.05, 0.01, 0.2, "1/yr", "A6.3", "r"),
    // min > 0: δ is the payout yield r−α of the project value (not its growth α); δ = 0 gives β = 1 exactly, i.e. an
    // infinite hurdle (waiting always pays), and RealOption rejects it (issue "model validity" §4)
    DRIFT("adoption.drift", 0.05, 0.005, 0.2, "1/yr", "A6.3", "δ in the Dixit-Pindyck β: payout yield r−α of the project value; > 0, since δ = 0 gives β = 1 and an infinite hurdle"),
    UNCERTAINTY("adoption.uncertainty", 0.25, 0.1, 0.6, "1/sqrt(yr)", "A6.3", "σ_u: raises the hurdle M_h (≈2.2 at 0.25)"),
    HAZARD_SLOPE("adoption.hazardSlope", 4, 0, 20, "", "A6.4", "κ_h (assump.)"),
    BASS_P("adoption.bassP", 0.03, 0, 0.2, "1/yr", "A6.4", "p_B, innovation coefficient (Sultan-Farley-Lehmann 1990)"),
    BASS_Q("adoption.bassQ", 0.38, 0, 1, "1/yr", "A6.4", "q_B, imitation coefficient (Sultan-Farley-Lehmann 1990)"),
    INVEST_1("adoption.investDigital", 0.03, 0.005, 2, "qtr revenue", "A6.2", "I_{0→1}: tangible investment (assump.)"),
    INVEST_2("adoption.investNetworked", 0.03, 0.005, 2, "qtr revenue", "A6.2", "I_{1→2} (assump.)"),
    INVEST_3("adoption.investIntelligent", 0.06, 0.005, 2, "qtr revenue", "A6.2", "I_{2→3} (assump.)"),
    HORIZON("adoption.horizon", 40, 4, 120, "qtr", "A6.2", "NPV horizon (assump.)", true),
    LEAP_COST_SAVING("adoption.leapCostSaving", 0.2, 0, 0.6, "", "A6.6", "κ_comp"),
    FAIL_SERIAL("adoption.failSerial", 0.1, 0, 0.6, "", "A6.6", "failure probability of a serial upgrade (assump.)"),
    FAIL_LEAP("adoption.failLeap", 0.3, 0, 0.9, "", "A6.6", "failure probability of a leap (assump.)"),
    READY_SKILL("adoption.readySkillShare", 0.25, 0.01, 1, "", "A6.6", "h*: skill share for leap readiness"),
    READY_DATA("adoption.readyData", 2.0, 0.01, 100, "data units", "A6.6", "D*: data for leap readiness"),
    READY_INFRA("adoption.readyInfra", 0.7, 0.01, 1, "", "A6.6", "infra*: infrastructure for leap readiness"),
    LEAP_THRESHOLD("adoption.leapThreshold", 1.0, 0.3, 2, "", "A6.6/D", "R*: leap allowed if readiness >= R* (serial/parallel guidance lever lowers it)"),
    MISDIRECTION("adoption.misdirection", 0.3, 0, 1, "", "A6.8", "p_misdir: no strategic direction, isolated deployment"),
    MISDIRECTION_CUT("adoption.misdirectionCut", 0.5, 0, 1, "", "A6.8", "share of stage gains lost when misdirected"),
    AI_DEPRECIATION("adoption.aiDepreciation", 0.30, 0.2, 0.5, "1/yr", "A6.8", "δ_AI: vintage model quality is kept only by reinvesting"),
    REVIEW_BASE("adoption.reviewInterval", 1, 1, 8, "qtr", "A3e", "decision lag base: a firm reviews adoption every (ℓ−1)·this ticks", true),
    SUBSIDY_LAGGING("policy.laggingRegionSubsidy", 0, 0, 0.5, "", "D", "subsidy rate on the upgrade cost I(1+ι) outside the JJJ/YRD/PRD clusters"),
    SPILLOVER_CROSS("policy.crossRegionSpillover", 0, 0, 0.2, "", "D", "spill_rr': weight of other regions' adopter shares in peer effects (pilot zones)"),
    INFRA_LAGGING("policy.laggingInfrastructure", 0, 0, 0.5, "", "D", "infra_r boost in lagging regions (new infrastructure lever; also χ_aas and PUE)"),
    COMPLIANCE_COST("policy.complianceCost", 0, 0, 0.5, "", "D", "extra adoption cost share of alignment governance"),
    TRUST_BOOST("policy.alignmentTrust", 0, 0, 0.8, "", "D", "alignment governance: σ_u × (1 − this)"),
    COMPLEMENTARY_TECH("policy.complementaryTech", 0, 0, 0.8, "", "D", "complementary-tech R&D: h_req × (1 − this)"),

    // ---- A6.7 firm lifecycle ---------------------------------------------------------------------
    MAX_GROWTH("firm.maxOutputGrowth", 0.05, 0.005, 1, "1/qtr", "A6.7", "a firm plans at most this growth of output per quarter (capacity-building friction; assump.)"),
    EXIT_LOSS_TICKS("firm.exitAfterLossTicks", 4, 1, 20, "qtr", "A6.7", "exit after cash < 0 for this many ticks", true),
    ENTRY_RATE("firm.entryRate", 0.004, 0, 0.1, "1/qtr", "A6.7/D", "entrants per tick as a share of live firms (creative-destruction lever raises it)"),
    FIXED_COST("firm.fixedCost", 0.22, 0, 1, "share of revenue at t0", "A6.7", "overhead fixed per quarter (share of the firm's initial revenue): creates exit risk (assump.)"),
    SLOW_DEATH_TICKS("firm.slowDeathTicks", 8, 1, 40, "qtr", "A6.7", "SLOW_DEATH: exit with no upgrade for >= this many ticks while market share falls", true),

    // ---- A4 prosumer -------------------------------------------------------------------------
    INCOME_ELASTICITY_HI("prosumer.incomeElasticityHi", 1.5, 1.1, 2.0, "", "A4", "ε_HI (paper: >1; Comin-Lashkari-Mestieri 2021 form)"),
    INCOME_ELASTICITY_STD("prosumer.incomeElasticityStd", 0.6, 0.2, 0.9, "", "A4", "ε_STD"),
    TIER_PRICE_ELASTICITY("prosumer.priceElasticity", 2, 1.1, 5, "", "A4", "η (assump.)"),
    HI_SHARE0("prosumer.hiShare0", 0.2, 0.01, 0.9, "", "A4", "β_HI: expenditure share of the high-end tier at t0 (assump.)"),
    FIT0("prosumer.fit0", 0.5, 0, 1, "", "A4", "m_0 in m_i = m_0+(1−m_0)q_AI"),
    FIT_EXPONENT("prosumer.fitExponent", 0.5, 0, 3, "", "A4", "μ in the demand shifter m_i^μ (assump.)"),
    FORECAST_SD0("prosumer.forecastSd0", 0.05, 0, 0.5, "", "A4", "σ_f0: forecast error, σ_f,i = σ_f0(1−q_AI·1[S=3])"),

    // ---- A2/B4 labour ------------------------------------------------------------------------
    SEPARATION("labour.separation", 0.02, 0.01, 0.04, "1/qtr", "A2", "s: exogenous separation rate"),
    HOARDING("labour.hoarding", 0.1, 0, 1, "", "A2", "firms keep up to this share of excess workers rather than lay them off (labour hoarding; assump.)"),
    MAX_LAYOFF("labour.maxLayoffShare", 0.15, 0, 1, "1/qtr", "A2", "layoffs per tick at most this share of a firm's workforce (assump.)"),
    TRAIN_BASE("labour.trainingBase", 0.01, 0, 0.1, "1/qtr", "A2", "τ_0"),
    TRAIN_WAGE("labour.trainingWageResponse", 0.05, 0, 0.5, "", "A2", "κ_τ in τ = τ_0+subsidy+κ_τ·ln(w_H/w_L) (assump.)"),
    TRAIN_SUBSIDY("policy.trainingSubsidy", 0, 0, 0.1, "1/qtr", "A2/D", "Π.trainSubsidy (talent-training lever)"),
    TRAIN_DURATION("labour.trainingDuration", 6, 4, 12, "qtr", "A2", "mean training duration, Geom (Card-Kluve-Weber 2018: effects after 2-3 yrs)"),
    TRAIN_SUCCESS("labour.trainingSuccess", 0.5, 0.3, 0.7, "", "A2", "π_T: a trainee becomes high-skill"),
    TRAIN_COST_SUBSIDY("policy.trainingCostSubsidy", 0, 0, 1, "", "D", "share of training cost borne by the state: raises completion (× (1+0.3·this))"),
    WAGE_ADJUST("labour.wageAdjust", 0.02, 0, 0.2, "", "A2", "κ_w in w' = w(1+κ_w(v/u−Θ*)) (assump.)"),
    WAGE_MAX_STEP("labour.wageMaxStep", 0.05, 0, 0.5, "1/qtr", "A2", "cap on the quarterly wage change (assump.)"),
    TARGET_TIGHTNESS("labour.targetTightness", 1.15, 0.5, 2, "v/u", "A2/B4", "Θ*: v/u ≈ 1.0-1.3 (MOHRSS)"),
    MATCH_ELASTICITY("labour.matchingElasticity", 0.5, 0.3, 0.7, "", "B4", "α (Petrongolo-Pissarides 2001)"),
    MATCH_EFFICIENCY("labour.matchingEfficiency", 0.5, 0.05, 2, "", "B4", "μ_0, calibrated to urban unemployment 5.2% (2023) and v/u 1.0-1.3"),
    MATCH_AI_GAIN("labour.aiMatchingGain", 0.2, 0, 1, "", "B4", "ψ_μ: algorithmic recommendations raised the fill rate 20% (Horton 2017)"),
    INITIAL_UNEMPLOYMENT("labour.initialUnemployment", 0.052, 0.01, 0.2, "", "B4", "urban unemployment 5.2% (2023)"),
    INITIAL_SKILL_PREMIUM("labour.initialSkillPremium", 1.8, 1, 4, "w_H/w_L", "A2", "t0 skill premium (assump.)"),
    VISIBILITY_BASE("labour.visibilityBase", 0.3, 0, 1, "", "B2", "ω_0: Ω = ω_0+(1−ω_0)S_LAB"),
    SAFETY_NET("policy.safetyNet", 0, 0, 0.8, "", "D", "unemployment benefit replacement rate: lowers search intensity (μ × (1−0.2·this)), funds training (+0.02·this)"),

    // ---- B2/B3 information and signalling ---------------------------------------------------
    GAME_PRICE("game.price", 1.0, 0.01, 100, "", "B3", "P (normalised)"),
    GAME_GOOD_VALUE("game.goodValue", 1.6, 0.01, 100, "", "B3", "V"),
    GAME_BAD_VALUE("game.badValue", 0.4, 0, 100, "", "B3", "W"),
    GAME_GOOD_SHARE("game.goodShare", 0.5, 0, 1, "", "B3", "ρ (assump.)"),
    DISGUISE_COST_TECH("game.tech.disguiseCost0", 0.5, 0.1, 0.9, "", "B3", "C_0 for technology transfer"),
    DISGUISE_COST_FIN("game.finance.disguiseCost0", 0.5, 0.1, 0.9, "", "B3", "C_0 for finance (window dressing)"),
    DISGUISE_COST_LAB("game.labour.disguiseCost0", 0.5, 0.1, 0.9, "", "B3", "C_0 for labour (faking credentials)"),
    KAPPA_C_TECH("game.tech.screeningToCost", 1.0, 0, 3, "", "B3", "κ_C: C = C_0+κ_C·S (assump.; 1.0 lets leading regions separate in the late 2020s)"),
    KAPPA_C_FIN("game.finance.screeningToCost", 1.0, 0, 3, "", "B3/D", "κ_C,FIN (AI credit scoring lever raises it)"),
    KAPPA_C_LAB("game.labour.screeningToCost", 1.0, 0, 3, "", "B3", "κ_C,LAB"),
    ACCURACY_BASE("screening.accuracyBase", 0.65, 0.5, 1, "", "B2", "a_m0"),
    ACCURACY_MAX("screening.accuracyMax", 0.90, 0.5, 1, "", "B2", "a_max: a_m = a_m0+(a_max−a_m0)·S_m"),
    FAKE_PENALTY("screening.fakeContentPenalty", 0.1, 0, 1, "", "B2", "δ_fake: a_m −= δ_fake·genAIShare (§5.5.3)"),
    INTERMEDIARY_P("intermediary.bassP", 0.02, 0, 0.5, "1/qtr", "B2", "intermediaries' AI adoption, innovation coefficient (assump.)"),
    INTERMEDIARY_Q("intermediary.bassQ", 0.12, 0, 1, "1/qtr", "B2", "intermediaries' AI adoption, imitation coefficient (assump.)"),
    INTERMEDIARY_SHARE0("intermediary.share0", 0.15, 0, 1, "", "B2", "share of intermediaries using AI at t0 (assump.)"),
    DA_NOISE("matching.daNoise", 0.6, 0, 5, "", "B4", "σ_ε: estimated surplus noise, ε ~ N(0, σ_ε²(1−S_m))"),

    // ---- finance (A6.5, B3) -------------------------------------------------------------------
    COLLATERAL_RATIO("finance.collateralRatio", 0.5, 0.3, 0.7, "", "A6.5", "b_K: secured credit per unit of tangible capital (assump.)"),
    CASHFLOW_RATIO("finance.cashFlowRatio", 0.3, 0, 1, "qtr CF", "A6.5", "b_CF when the finance market separates (0 when pooling; Berg et al. 2020)"),
    GUARANTEE("policy.creditGuarantee", 0, 0, 1, "", "D", "credit guarantee: secured limit b_K·K × (1+this); bridges transition losses up to this × quarterly revenue"),
    SOFT_BUDGET("finance.softBudgetShare", 0.3, 0.1, 0.5, "", "B3", "sbc: share of credit that bypasses screening (assump.)"),
    VIRTUAL_SPREAD("finance.virtualSpread", 0.02, 0, 0.05, "1/yr", "B3", "Δr_v: excess return of financial/virtual assets (脱实向虚)"),
    VIRTUAL_SENSITIVITY("finance.virtualSensitivity", 40, 0, 200, "", "B3", "κ_v: real-economy share = 2·Λ(−κ_v·Δr_v) (assump.)"),
    LIQUIDITY_BUFFER("finance.liquidityBuffer", 2, 0, 8, "qtr fixed cost", "A6.5", "cash firms prefer to keep after paying for an upgrade, borrowing the rest when credit allows (assump.)"),
    PLEDGEABLE_BASE("finance.pledgeableBaseShare", 0.1, 0, 1, "", "A6.5", "share of base (non-upgrade) capital that can be pledged as collateral; SMEs lease most (assump.)"),
    CASH_TARGET("firm.cashTarget", 0.6, 0.05, 4, "qtr revenue", "A6.7", "cash kept; half the excess is paid out each quarter (assump.)"),
    LENDERS("finance.lenders", 20, 1, 200, "lenders", "0", "number of lenders", true),
    LENDER_CAPACITY("finance.lenderCapacity", 0.004, 0, 1, "of economy revenue/qtr", "B3", "new credit lenders can extend per quarter, share of nominal expenditure (assump.)"),
    LOAN_RATE("finance.loanRate", 0.015, 0, 0.1, "1/qtr", "A6.5", "interest on debt (assump.)"),
    LOAN_REPAY("finance.repaymentRate", 0.05, 0, 1, "1/qtr", "A6.5", "share of debt repaid per quarter (assump.)"),

    // ---- technology market (B3) -------------------------------------------------------------
    TECH_RESULTS("tech.resultsPerFirm", 0.004, 0, 0.1, "results/firm/qtr", "B3", "technology results offered per firm of the population per quarter (assump.)"),
    TECH_DEMAND("tech.demandRate", 0.12, 0, 1, "1/qtr", "B3/E1", "licence-seeking probability per unit of AI exposure (share of the firm's tasks inside the perceived frontier) at full absorptive capacity (stage 3; stage S uses (1+S)/4 of it) (assump.)"),
    TECH_VERIFIABILITY("game.tech.disguiseCostSpread", 0.6, 0, 1, "", "B3", "results differ in how hard they are to fake (a working demonstration vs an idea): each result's C_0 is uniform in C_0 ± this; each result plays its own game, so the share that separates rises smoothly with AI screening (assump.)"),
    TECH_GAIN("tech.licenceGain", 0.03, 0, 0.2, "ln points", "B3", "ln Z^inn gain from a good licence (assump.)"),
    TECH_SECTOR_FIT("tech.sectorFit", 0.3, 0, 2, "", "B4", "surplus bonus when the result's sector matches the buyer's (assump.)"),

    // ---- A5 vendors ---------------------------------------------------------------------------
    VENDORS0("vendors.initial", 220, 10, 100000, "vendors", "A5/E1", "modelled AI vendors at t0 (each stands for real/this; real ≈2,205 in the 2021 report sample)", true),
    VENDORS_REAL0("vendors.realInitial", 2205, 1, 1e6, "firms", "E1", "real AI firms at t0 (2021 NGAI report sample)"),
    VENDOR_ENTRY("vendors.entryRate", 0.03, 0, 0.3, "1/qtr", "A5/E3.9", "entry rate, scaled by AI revenue growth (assump.; 2,205 → 4,311 firms 2020→2024)"),
    VENDOR_EXIT("vendors.exitRate", 0.005, 0, 0.2, "1/qtr", "A5", "exit rate (assump.)"),
    VENDOR_PERSISTENCE("vendors.agglomeration", 0.75, 0, 1, "", "E3.9", "weight of incumbent shares in entrants' location (rest: GDP×infra); <1 gives diffusion (assump.)"),
    LAYER_BASE0("vendors.layerBase0", 0.034, 0, 1, "", "E1", "BASE share at t0 (2019: 3.4%)"),
    LAYER_TECH0("vendors.layerTech0", 0.238, 0, 1, "", "E1", "TECH share at t0 (2019: 23.8%)"),
    LAYER_BASE_ENTRY("vendors.layerBaseEntry", 0.16, 0, 1, "", "E1", "BASE share among entrants (target 2024: 9.93%; assump.)"),
    LAYER_TECH_ENTRY("vendors.layerTechEntry", 0.33, 0, 1, "", "E1", "TECH share among entrants (target 2024: 28.60%; assump.)"),
    YUAN_PER_UNIT("accounts.yuanPerUnit", 4.2e-6, 1e-9, 1e12, "bn yuan/model unit", "E1", "converts model money (×ω) to bn yuan; calibrated so R_AI ≈ 600 bn yuan/yr in 2024 (MIIT/CCID)");

    public final String key;
    public final double defaultValue;
    public final double min;
    public final double max;
    public final String unit;
    public final String section;
    public final String source;
    public final boolean integer;

    Param(String key, double def, double min, double max, String unit, String section, String source) {
        this(key, def, min, max, unit, section, source, false);
    }

    Param(String key, double def, double min, double max, String unit, String section, String source, boolean integer) {
        this.key = key;
        this.defaultValue = def;
        this.min = min;
        this.max = max;
        this.unit = unit;
        this.section = section;
        this.source = source;
        this.integer = integer;
        if (def < min || def > max) {
            throw new IllegalStateException(key + " default " + def + " outside [" + min + "," + max + "]");
        }
    }

    private static final java.util.Map<String, Param> BY_KEY = new java.util.HashMap<>();

    static {
        for (Param p : values()) {
            if (BY_KEY.put(p.key, p) != null) {
                throw new IllegalStateException("duplicate parameter key " + p.key);
            }
        }
    }

    /** The parameter for a scenario key, or null. */
    public static Param byKey(String key) {
        return BY_KEY.get(key);
    }
}
