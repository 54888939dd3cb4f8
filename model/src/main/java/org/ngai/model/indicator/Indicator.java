package org.ngai.model.indicator;

/**
 * Every indicator the aggregator computes (spec §F4 list and C table), with key, unit, spec
 * section and the scopes where it is defined (N national, R per region, S per sector).
 * Flows are per tick (quarter) unless the unit says otherwise.
 */
public enum Indicator {
    // ---- adoption stages and AI use (A6, A5, A1)
    STAGE_MANUAL("stage.manual", "share of firms", "A6", "NRS", "firms at stage 0 (manual)"),
    STAGE_DIGITALISED("stage.digitalised", "share of firms", "A6", "NRS", "firms at stage 1 (digitalised)"),
    STAGE_NETWORKED("stage.networked", "share of firms", "A6", "NRS", "firms at stage 2 (networked)"),
    STAGE_INTELLIGENT("stage.intelligent", "share of firms", "A6", "NRS", "firms at stage 3 (intelligent) = adoption rate S>=3"),
    ADOPTION_EMPLOYMENT("adoption.intelligentEmployment", "share of employment", "F4", "NRS", "employment-weighted adoption rate S>=3"),
    AI_PENETRATION("ai.penetration", "share of task wage bill", "A5", "NRS", "wage-bill-weighted share of tasks done by AI, L⊕AI or H⊕AI"),
    AUGMENTATION("ai.augmentation", "share of task wage bill", "B1", "NRS", "share of tasks done by AI-augmented workers"),
    EXPOSURE_50("ai.exposure50", "share of workers", "A1", "N", "workers in firms with >=50% of tasks AI-feasible (target ≈19%, Eloundou 2024)"),
    EXPOSURE_10("ai.exposure10", "share of workers", "A1", "N", "workers in firms with >=10% of tasks AI-feasible (target ≈80%)"),
    COST_EFFECTIVE("ai.costEffectiveShare", "share of feasible wage bill", "A1", "N", "AI-feasible wage bill where AI is cheaper (target ≈23% at t0, Svanberg 2024)"),
    FRONTIER_ERRORS("ai.frontierErrorRate", "tasks/firm", "B1", "N", "tasks assigned to AI beyond the true frontier, per producing firm (jagged frontier)"),
    UPGRADES("adoption.completed", "firms/qtr", "A6", "NR", "upgrades completed this tick"),
    FAILED_FINANCE("adoption.failedFinance", "firms/qtr", "A6", "NR", "upgrade attempts refused credit"),
    FAILED_EXECUTION("adoption.failedExecution", "firms/qtr", "A6", "N", "upgrades that failed (leap or serial risk)"),
    FAILED_LEAPS("adoption.failedLeaps", "firms/qtr", "A6.6", "N", "leaps (parallel path) that failed: the risk the serial/parallel lever trades for speed"),
    FINANCING_CONSTRAINED("adoption.financingConstrained", "firms/qtr", "A6.5", "NR", "firms that wanted to upgrade but lacked credit capacity"),
    SIGNIFICANT_VALUE("adoption.significantValueShare", "share of S>=2 firms", "E2", "N", "S>=2 adopters realising more than half of their stage gain (Accenture ≈9-10%)"),
    // ---- productivity (A3, C)
    REAL_OUTPUT("output.realIndex", "index, tick 1 = 1", "C", "NS", "real value added"),
    LABOUR_PRODUCTIVITY("output.labourProductivity", "index, tick 1 = 1", "B5", "NRS", "real value added per worker"),
    TFP_MEASURED("tfp.measured", "index, tick 1 = 1", "C", "NS", "lnY − s'_K lnK − s'_L lnL"),
    TFP_TRUE("tfp.true", "index, tick 1 = 1", "C", "N", "ln(Y+I_G) − s_K lnK − s_G lnG − s_L lnL"),
    JCURVE_GAP("tfp.gap", "ln points", "C/E3.1", "N", "lnTFP_true − lnTFP_meas, relative to tick 1 (positive early, negative later)"),
    INTANGIBLE_RATE("tfp.intangibleInvestmentRate", "share of value added", "A3g", "N", "I_G / Y"),
    INNOVATION_SUCCESS("innovation.successRate", "successes/attempt", "A3a", "NR", "innovation success rate"),
    INNOVATION_GAIN("innovation.meanGain", "ln points/firm/qtr", "A3a", "NR", "mean Δ ln Z^inn from innovation"),
    ALLOCATIVE_GAP("allocation.gap", "ln points", "A3b", "NS", "Hsieh-Klenow ln(TFP_efficient/TFP_actual), value-added weighted"),
    HHI("concentration.hhi", "index", "A3c/E3.8", "NS", "Herfindahl of revenue shares within sectors (national: revenue-weighted mean)"),
    MEAN_SIZE("concentration.meanEmployment", "workers/firm", "E3.8", "NS", "mean firm employment"),
    MEAN_LAYERS("organisation.meanLayers", "layers", "A3e", "N", "mean hierarchical layers"),
    PRODUCTS_PER_FIRM("scope.productsPerFirm", "lines/firm", "A3d", "N", "mean product lines"),
    SCOPE_ECONOMIES("scope.economies", "share of cost", "A3d", "N", "SC = [C(y1)+C(y2)−C(y1,y2)]/C(y1,y2)"),
    HI_TIER_SHARE("prosumer.hiTierShare", "share of revenue", "A4", "NS", "revenue share of intelligent (personalising) firms"),
    CAPACITY_UTILISATION("prosumer.capacityUtilisation", "share", "A4", "NS", "output / capacity"),
    RELATIVE_PRICE_SERVICES("baumol.relativePrice", "index, tick 1 = 1", "E3.13", "N", "tertiary price index / secondary price index"),
    RELATIVE_PRODUCTIVITY_SERVICES("baumol.relativeProductivity", "index, tick 1 = 1", "E3.13", "N", "tertiary / secondary labour productivity"),
    // ---- labour and human capital (A2, B4)
    HIGH_SKILL_SHARE("labour.highSkillShare", "share of labour force", "A2", "NR", "h = H/(L+H) in the labour force"),
    SKILL_PREMIUM("labour.skillPremium", "w_H/w_L", "A2/E3.4", "NR", "employment-weighted skill premium"),
    LABOUR_SHARE("labour.share", "share of value added", "A2/E3.2", "NRS", "wage bill / value added (includes firms' scarcity rents)"),
    LABOUR_COST_SHARE("labour.costShare", "share of variable cost", "A2/E3.2", "NS", "wage bill / (wages + AI + ICT + energy): labour's factor share in the task content of production (AR 2019)"),
    UNEMPLOYMENT("labour.unemployment", "rate", "A2/B4", "NR", "unemployed / (employed + unemployed)"),
    UNEMPLOYMENT_LOW("labour.unemploymentLow", "rate", "A2", "NR", "low-skill unemployment rate"),
    UNEMPLOYMENT_HIGH("labour.unemploymentHigh", "rate", "A2", "NR", "high-skill unemployment rate"),
    TIGHTNESS("labour.tightness", "v/u", "B4", "NR", "vacancies per job seeker Θ"),
    MATCH_EFFICIENCY("labour.matchEfficiency", "μ̂", "B4", "NR", "implied matching efficiency M/(u^α v^(1−α)) (Beveridge shift)"),
    FILL_RATE("labour.jobFindingRate", "1/qtr", "B4", "NR", "f = M/u"),
    WAGE_LOW("labour.wageLow", "wage units", "A2", "NR", "low-skill wage (employment-weighted)"),
    WAGE_GINI("labour.wageGini", "Gini", "A2/C", "N", "Gini of wages across employed workers (region × skill cells)"),
    DISPLACEMENT("labour.displacement", "share of wage bill", "A2", "NS", "Disp_t: wage bill of tasks moved from labour to ICT/AI"),
    REINSTATEMENT("labour.reinstatement", "share of wage bill", "A2", "NS", "Reinst_t: wage bill of new labour tasks"),
    TRAINING("labour.training", "share of labour force", "A2", "NR", "workers in training"),
    TRAINING_COMPLETIONS("labour.trainingCompletionRate", "1/qtr", "A2/B5", "NR", "training completions / stock"),
    SKILL_MISMATCH("labour.skillMismatch", "share of H vacancies", "B3/B5", "NR", "high-skill vacancies not filled by a genuinely skilled worker: left open (shortage) or filled with faked credentials"),
    // ---- markets and matching (B2, B3, B4)
    LAB_SEPARATING("market.lab.separating", "share of regions", "B3", "N", "labour cells in a separating equilibrium"),
    FIN_SEPARATING("market.fin.separating", "share of regions", "B3", "N", "finance cells in a separating equilibrium"),
    TECH_SEPARATING("market.tech.separating", "share of regions", "B3", "N", "technology cells in a separating equilibrium"),
    LAB_REGIME("market.lab.regime", "0 pooling failure, 1 pooling trade, 2 separating", "B3", "R", "labour regime"),
    FIN_REGIME("market.fin.regime", "0 pooling failure, 1 pooling trade, 2 separating", "B3", "R", "finance regime"),
    TECH_REGIME("market.tech.regime", "0 pooling failure, 1 pooling trade, 2 separating", "B3", "R", "technology regime"),
    LAB_SCREENING("market.lab.screening", "S", "B2", "NR", "AI screening capacity, labour"),
    FIN_SCREENING("market.fin.screening", "S", "B2", "NR", "AI screening capacity, finance"),
    TECH_SCREENING("market.tech.screening", "S", "B2", "NR", "AI screening capacity, technology"),
    LAB_EFFICIENCY("market.lab.efficiency", "E_m", "B3", "N", "genuine remote high-skill hires / remote hires possible"),
    FIN_EFFICIENCY("market.fin.efficiency", "E_m", "B3", "NR", "good projects funded / good projects seeking cash-flow credit"),
    TECH_EFFICIENCY("market.tech.efficiency", "E_m", "B3", "NR", "good results traded / good results"),
    VISIBILITY("market.visibility", "Ω", "B2", "N", "share searchable outside the region"),
    TECH_TRADES("tech.trades", "licences/qtr", "B3", "NR", "technology licences traded"),
    TECH_SHARE_PRIMARY("tech.buyerShare.primary", "share of trades", "E1", "N", "technology trades with primary-sector buyers (target 0.15%)"),
    TECH_SHARE_SECONDARY("tech.buyerShare.secondary", "share of trades", "E1", "N", "secondary-sector buyers (target 27.92%)"),
    TECH_SHARE_TERTIARY("tech.buyerShare.tertiary", "share of trades", "E1", "N", "tertiary-sector buyers (target 71.93%)"),
    DA_EFFICIENCY("tech.daEfficiency", "realised/oracle surplus", "B4", "N", "deferred acceptance efficiency"),
    BLOCKING_RATE("tech.blockingPairRate", "share of acceptable pairs", "B4", "N", "blocking pairs under true preferences"),
    CREDIT_GRANTED("finance.creditGranted", "wage units/qtr", "A6.5", "NR", "credit granted for upgrades"),
    CREDIT_APPROVAL("finance.approvalRate", "share of requested", "B5", "NR", "credit granted / requested"),
    BAD_LOANS("finance.badLoanShare", "share of cash-flow loans", "B3", "N", "cash-flow loans to bad projects (lemons loss)"),
    REAL_CREDIT_SHARE("finance.realEconomyShare", "share", "B3", "N", "credit granted to firms over lenders' loanable funds; at most 2·Λ(−κ_v·Δr_v) (脱实向虚)"),
    // ---- AI industry and environment (A5, A7, C)
    Q_AI("ai.quality", "q", "A3f", "N", "AI quality"),
    THETA("ai.frontier", "θ", "A5", "N", "capability frontier"),
    THETA_GAP("ai.frontierGapUs", "θ_US − θ", "C", "N", "frontier gap to the US"),
    P_AI("ai.price", "wage units/unit", "A3", "N", "AI price charged"),
    AI_REVENUE("ai.revenue", "wage units/qtr", "A5", "N", "R_AI (modelled economy)"),
    AI_REVENUE_BN("ai.revenueBnYuan", "bn yuan/yr", "E1", "N", "R_AI annualised in bn yuan (accounts.yuanPerUnit × weights; target ≈600 in 2024)"),
    LOOP_GAIN("ai.loopGain", "elasticity product", "A5", "N", "G_loop = β(ln adopt on ln q)·β(ln q on ln R_AI), rolling 8 ticks"),
    VENDORS("vendors.count", "firms", "A5/E1", "NR", "AI firms (real count; target ≈4,311-4,500 by 2024)"),
    VENDOR_CR3("vendors.cr3", "share", "C/E1", "N", "share of AI firms in JJJ+YRD+PRD (87.64% → 84.23%)"),
    VENDOR_BJ_SHARE("vendors.beijingShare", "share", "E3.9", "N", "Beijing's share of AI firms"),
    VENDOR_THEIL("vendors.theil", "Theil", "C", "N", "Theil of AI firms vs GDP across provinces"),
    VENDOR_THEIL_BETWEEN("vendors.theilBetween", "Theil", "C", "N", "between macro-areas"),
    VENDOR_THEIL_WITHIN("vendors.theilWithin", "Theil", "C", "N", "within macro-areas"),
    VENDOR_GINI("vendors.gini", "Gini", "C", "N", "Gini of AI firms per unit of GDP across provinces"),
    LAYER_BASE("vendors.layer.base", "share", "E1", "N", "BASE-layer vendors (target 9.93% in 2024)"),
    LAYER_TECH("vendors.layer.tech", "share", "E1", "N", "TECH-layer vendors (target 28.60%)"),
    LAYER_APP("vendors.layer.app", "share", "E1", "N", "APP-layer vendors (target 61.47%)"),
    VENDOR_SHARE("vendors.share", "share", "C", "R", "region's share of AI firms"),
    INTELLIGENT_THEIL("regional.intelligentTheil", "Theil", "C", "N", "Theil of intelligent (S=3) firms vs all firms across provinces"),
    INTELLIGENT_CR3("regional.intelligentCr3", "share", "C", "N", "share of S=3 firms in JJJ+YRD+PRD"),
    IMPORT_SHARE("compute.importShare", "share", "C", "N", "imported share of compute m_imp"),
    COMPUTE_SHORTFALL("compute.shortfall", "share", "C", "N", "1 − Q_c/Q_demand"),
    AI_ENERGY_SHARE("energy.aiShare", "share", "A7/E3.14", "N", "AI electricity / total firm electricity"),
    AI_ENERGY("energy.ai", "kWh-units/qtr", "A7", "N", "E_AI = Σ AI units·e_AI·PUE"),
    NET_ENERGY("energy.net", "kWh-units/qtr", "A7", "N", "E_AI − adopters' savings"),
    // ---- lifecycle (A6.7)
    FIRMS("firms.alive", "firms", "A6.7", "NRS", "live modelled firms"),
    ENTRIES("firms.entries", "firms/qtr", "A6.7", "N", "entrants"),
    EXITS("firms.exits", "firms/qtr", "A6.7", "NR", "exits"),
    SLOW_DEATHS("firms.slowDeaths", "firms/qtr", "A6.7", "NR", "SLOW_DEATH: no upgrade for long and falling share (不转型等死)"),
    FAST_DEATHS("firms.fastDeaths", "firms/qtr", "A6.7", "NR", "FAST_DEATH: exit within T_J of an upgrade (转型找死)"),
    // ---- levels behind the indices (kept so that a restarted aggregator can rebuild them)
    LN_REAL_OUTPUT("level.lnRealOutput", "ln wage units", "C", "NS", "ln real value added"),
    LN_TFP_MEASURED("level.lnTfpMeasured", "ln", "C", "NS", "ln measured TFP"),
    LN_TFP_TRUE("level.lnTfpTrue", "ln", "C", "N", "ln true TFP"),
    LN_LABOUR_PRODUCTIVITY("level.lnLabourProductivity", "ln", "C", "NRS", "ln real value added per worker"),
    LN_PRICE_RATIO("level.lnPriceTertiaryOverSecondary", "ln", "E3.13", "N", "ln tertiary/secondary price index"),
    LN_PRODUCTIVITY_RATIO("level.lnProductivityTertiaryOverSecondary", "ln", "E3.13", "N", "ln tertiary/secondary labour productivity"),
    PRICE_INDEX("level.priceIndex", "index", "A6.7", "NS", "goods price index (value-added deflator; sector CES index)"),
    // ---- four-dimensional coordination (B5)
    U_RE("coordination.realEconomy", "U in [0,1]", "B5", "NR", "real-economy subsystem index"),
    U_TI("coordination.technology", "U in [0,1]", "B5", "NR", "technology-innovation subsystem index"),
    U_MF("coordination.finance", "U in [0,1]", "B5", "NR", "modern-finance subsystem index"),
    U_HR("coordination.humanResources", "U in [0,1]", "B5", "NR", "human-resources subsystem index"),
    COUPLING("coordination.coupling", "C", "B5", "NR", "coupling degree C"),
    DEVELOPMENT("coordination.development", "T", "B5", "NR", "comprehensive development T"),
    COORDINATION("coordination.degree", "D", "B5", "NR", "coupling coordination degree D = sqrt(C·T)"),
    COORDINATION_LEVEL("coordination.level", "1..10", "B5", "NR", "level of D (1 extreme imbalance … 10 quality coordination)"),
    COORDINATION_TI_MF("coordination.degreeTechFinance", "D", "B5", "N", "pairwise coordination of technology and finance");

    public static final int COUNT = values().length;
    private static final Indicator[] VALUES = values();

    public final String key;
    public final String unit;
    public final String section;
    public final boolean national;
    public final boolean regional;
    public final boolean sectoral;
    public final String description;

    Indicator(String key, String unit, String section, String scopes, String description) {
        this.key = key;
        this.unit = unit;
        this.section = section;
        this.national = scopes.contains("N");
        this.regional = scopes.contains("R");
        this.sectoral = scopes.contains("S");
        this.description = description;
    }

    public static Indicator of(int ordinal) {
        return VALUES[ordinal];
    }

    private static final java.util.Map<String, Indicator> BY_KEY = new java.util.HashMap<>();

    static {
        for (Indicator i : VALUES) {
            BY_KEY.put(i.key, i);
        }
    }

    /** The indicator with this key, or null. */
    public static Indicator byKey(String key) {
        return BY_KEY.get(key);
    }
}
