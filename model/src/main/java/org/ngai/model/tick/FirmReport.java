package org.ngai.model.tick;

/**
 * One firm's report for tick t (docs/pipeline.md step 4): what the aggregator needs, nothing more.
 * Money in wage units (a low-skill worker-quarter at t0 = 1), flows per quarter.
 *
 * @param event                 0 alive, 1 entered this tick, 2 exited this tick (A6.7)
 * @param exitReason            0 none, 1 SLOW_DEATH (不转型等死), 2 FAST_DEATH (转型找死), 3 other
 * @param adoption              0 none, 1 completed, 2 failed: finance, 3 failed: leap risk, 4 failed: serial risk
 * @param fromStage             stage before this tick's upgrade attempt
 * @param output                real output Y (A1)
 * @param valueAdded            revenue − purchased AI services − ICT rental − energy (nominal)
 * @param tfpq                  physical productivity A_i = output per unit of input cost (A3b)
 * @param tfpr                  revenue productivity p·A_i (wedge-driven dispersion, A3b)
 * @param lnZ                   ln of firm TFP Z_i = Z^inn·Z^org·Z^ext·Z^J·stage gain
 * @param capital               measured tangible capital K (base + ICT + AI + upgrades)
 * @param intangible            productive intangible stock G (A3g): the stock less what was built in the current J-curve window
 * @param intangibleInvestment  I_G spent this tick (expensed in measured accounts)
 * @param penetrationNum        labour-cost weight of tasks done with AI (AI, L⊕AI, H⊕AI) (A5)
 * @param penetrationDen        labour-cost weight of all tasks
 * @param augmentedNum          labour-cost weight of tasks done by AI-augmented workers (B1)
 * @param displacedWageBill     wage bill of tasks moved from labour to ICT/AI this tick (A2, AR 2019)
 * @param reinstatedWageBill    wage bill of new labour tasks added this tick (A2)
 * @param feasibleWageBill      wage bill of AI-feasible tasks at labour cost (exposure, A1)
 * @param costEffectiveWageBill of which AI would be cheaper (Svanberg 23% at t0)
 * @param exposure              share of the firm's tasks that are AI-feasible (Eloundou exposure)
 * @param outsideFrontierTasks  tasks assigned to AI beyond the true frontier (jagged frontier, B1)
 * @param significantValue      an S&ge;2 adopter whose realised stage gain exceeds half its nominal gain (E2)
 * @param scopeSaving           cost saved by producing all product lines in one firm (A3d)
 */
public record FirmReport(long firmId, int region, int sector, int stage, int event, int exitReason, int adoption,
                         int fromStage, double output, double revenue, double valueAdded, double price, double unitCost, double tfpq,
                         double tfpr, double lnZ, double lnZInn, double employedL, double employedH, double wageBill,
                         double aiUnits, double aiSpend, double ictUnits, double capital, double intangible,
                         double intangibleInvestment, double tangibleInvestment, double cash, double debt,
                         double totalCost, double energy, double aiEnergy, double energySaved, int layers,
                         int productLines, double hiTierShare, double capacityUtilisation, double penetrationNum,
                         double penetrationDen, double augmentedNum, double displacedWageBill,
                         double reinstatedWageBill, double feasibleWageBill, double costEffectiveWageBill,
                         double exposure, int outsideFrontierTasks, int innovationAttempts, int innovationSuccesses,
                         double marketShare, boolean misdirected, boolean financingConstrained, double data,
                         double hiresL, double hiresH, double vacanciesL, double vacanciesH, double mismatchedH,
                         boolean significantValue, double scopeSaving, boolean techBought, boolean techGood,
                         double subsidy) {

    public static final int ALIVE = 0;
    public static final int ENTERED = 1;
    public static final int EXITED = 2;

    public static final int EXIT_NONE = 0;
    public static final int EXIT_SLOW = 1;
    public static final int EXIT_FAST = 2;
    public static final int EXIT_OTHER = 3;

    public static final int ADOPT_NONE = 0;
    public static final int ADOPT_COMPLETED = 1;
    public static final int ADOPT_FAILED_FINANCE = 2;
    public static final int ADOPT_FAILED_LEAP = 3;
    public static final int ADOPT_FAILED_SERIAL = 4;
}
