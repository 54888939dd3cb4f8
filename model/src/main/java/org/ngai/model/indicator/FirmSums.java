package org.ngai.model.indicator;

import java.util.Arrays;
import java.util.List;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.tick.FirmReport;

/**
 * One pass over a tick's firm reports: every sum the indicator groups read, nationally, per region
 * and per sector (and per region × sector cell for the adopter shares of the next environment).
 * The arrays are allocated once per tick; {@link #add} allocates nothing, so the pass over the
 * firms stays allocation-free. Each accumulator adds the firms in report order, which is what keeps
 * the indicators bit-identical across restructurings.
 *
 * <p>Exited firms count only as exits (by region and reason); every other sum is over live firms,
 * entrants included.
 */
final class FirmSums {

    /** Accumulators kept both per region and per sector (index = region or sector). */
    static final class Cells {
        final double[] firms;
        /** Live firms by adoption stage 0..3 (A6). */
        final double[][] stage;
        final double[] employment;
        /** Employment in stage-3 (intelligent) firms. */
        final double[] intelligentEmployment;
        /** AI penetration: task wage bill done by AI, L⊕AI or H⊕AI, over the task wage bill (A5). */
        final double[] penetrationNum;
        final double[] penetrationDen;
        /** Task wage bill done by AI-augmented workers (B1). */
        final double[] augmentedNum;
        final double[] valueAdded;
        final double[] wageBill;
        final double[] revenue;
        /** Revenue of stage-3 (personalising) firms (A4). */
        final double[] intelligentRevenue;
        final double[] output;
        /** Capacity = output / utilisation (A4). */
        final double[] capacity;

        Cells(int n) {
            firms = new double[n];
            stage = new double[n][4];
            employment = new double[n];
            intelligentEmployment = new double[n];
            penetrationNum = new double[n];
            penetrationDen = new double[n];
            augmentedNum = new double[n];
            valueAdded = new double[n];
            wageBill = new double[n];
            revenue = new double[n];
            intelligentRevenue = new double[n];
            output = new double[n];
            capacity = new double[n];
        }

        private void add(int i, FirmReport f, double emp, double cap) {
            firms[i]++;
            stage[i][f.stage()]++;
            employment[i] += emp;
            if (f.stage() == 3) {
                intelligentEmployment[i] += emp;
                intelligentRevenue[i] += f.revenue();
            }
            penetrationNum[i] += f.penetrationNum();
            penetrationDen[i] += f.penetrationDen();
            augmentedNum[i] += f.augmentedNum();
            valueAdded[i] += f.valueAdded();
            wageBill[i] += f.wageBill();
            revenue[i] += f.revenue();
            output[i] += f.output();
            capacity[i] += cap;
        }
    }

    final Cells region = new Cells(Region.COUNT);
    final Cells sector = new Cells(Sector.COUNT);

    // ---- per region only
    final double[] employedL = new double[Region.COUNT];
    final double[] employedH = new double[Region.COUNT];
    /** Live firms at stage 2 or above. */
    final double[] networkedPlus = new double[Region.COUNT];
    final double[] innovationAttempts = new double[Region.COUNT];
    final double[] innovationSuccesses = new double[Region.COUNT];
    /** Adoption outcomes (A6): upgrades completed, attempts refused credit, firms lacking credit capacity. */
    final double[] upgrades = new double[Region.COUNT];
    final double[] failedFinance = new double[Region.COUNT];
    final double[] financingConstrained = new double[Region.COUNT];
    /** Lifecycle (A6.7): exits and the two named deaths. */
    final double[] exits = new double[Region.COUNT];
    final double[] slowDeaths = new double[Region.COUNT];
    final double[] fastDeaths = new double[Region.COUNT];
    /** High-skill hiring (B3/B5 skill mismatch). */
    final double[] hiresH = new double[Region.COUNT];
    final double[] mismatchedH = new double[Region.COUNT];
    final double[] vacanciesH = new double[Region.COUNT];

    // ---- per sector only
    /** Variable cost = wages + AI + ICT + energy = wage bill + revenue − value added. */
    final double[] variableCost = new double[Sector.COUNT];
    /** Wage bill of tasks moved from labour to ICT/AI, and of new labour tasks (A2). */
    final double[] displacedWageBill = new double[Sector.COUNT];
    final double[] reinstatedWageBill = new double[Sector.COUNT];
    /** Σ revenue² (Herfindahl numerator). */
    final double[] revenueSq = new double[Sector.COUNT];
    final double[] capital = new double[Sector.COUNT];

    /**
     * Physical and revenue productivity (TFPQ, TFPR) of producing firms with positive output, in
     * report order, for the Hsieh-Klenow gap (A3b); grouped by sector in {@link #finish}.
     */
    private final double[] hkTfpq;
    private final double[] hkTfpr;
    private final int[] hkSector;
    private int hkCount;
    private final int[] hkN = new int[Sector.COUNT];
    private final int[] hkStart = new int[Sector.COUNT + 1];

    /** Live firms per region × sector cell by stage: cell × 4 + stage, cell = region × Sector.COUNT + sector. */
    final double[] stageByCell = new double[Region.COUNT * Sector.COUNT * 4];

    // ---- national
    double entries;
    /** Live firms at stage 2 or above, and those of them realising significant value (E2). */
    double networked;
    double significant;
    /** Upgrades that failed in execution (leap or serial risk), and the failed leaps among them (A6.6). */
    double failedExecution;
    double failedLeaps;
    /** Firms that produced this tick (ALIVE, not entrants) and the weights over them (A1, B1). */
    double producing;
    double outsideFrontierTasks;
    double exposureEmployment;
    double exposure50;
    double exposure10;
    double feasibleW;
    double costEffectiveW;
    double capitalTotal;
    double intangible;
    double intangibleInvestment;
    double layers;
    double productLines;
    double scopeSaving;
    double totalCost;
    double aiEnergy;
    double energy;
    double energySaved;
    /** Totals over regions (live firms, employment). */
    double firms;
    double employment;

    private FirmSums(int reports) {
        hkTfpq = new double[reports];
        hkTfpr = new double[reports];
        hkSector = new int[reports];
    }

    /** The sums over one tick's reports. */
    static FirmSums of(List<FirmReport> reports) {
        FirmSums s = new FirmSums(reports.size());
        for (FirmReport f : reports) {
            s.add(f);
        }
        s.finish();
        return s;
    }

    private void add(FirmReport f) {
        int r = f.region();
        if (f.event() == FirmReport.EXITED) {
            exits[r]++;
            if (f.exitReason() == FirmReport.EXIT_SLOW) {
                slowDeaths[r]++;
            } else if (f.exitReason() == FirmReport.EXIT_FAST) {
                fastDeaths[r]++;
            }
            return;
        }
        if (f.event() == FirmReport.ENTERED) {
            entries++;
        }
        int s = f.sector();
        double emp = f.employedL() + f.employedH();
        double cap = f.capacityUtilisation() > 0 ? f.output() / f.capacityUtilisation() : 0;
        region.add(r, f, emp, cap);
        sector.add(s, f, emp, cap);
        stageByCell[(r * Sector.COUNT + s) * 4 + f.stage()]++;
        employedL[r] += f.employedL();
        employedH[r] += f.employedH();
        if (f.stage() >= 2) {
            networkedPlus[r]++;
            networked++;
            if (f.significantValue()) {
                significant++;
            }
        }
        variableCost[s] += f.wageBill() + f.revenue() - f.valueAdded();
        innovationAttempts[r] += f.innovationAttempts();
        innovationSuccesses[r] += f.innovationSuccesses();
        if (f.adoption() == FirmReport.ADOPT_COMPLETED) {
            upgrades[r]++;
        } else if (f.adoption() == FirmReport.ADOPT_FAILED_FINANCE) {
            failedFinance[r]++;
        } else if (f.adoption() == FirmReport.ADOPT_FAILED_LEAP || f.adoption() == FirmReport.ADOPT_FAILED_SERIAL) {
            failedExecution++;
            if (f.adoption() == FirmReport.ADOPT_FAILED_LEAP) {
                failedLeaps++;
            }
        }
        if (f.financingConstrained()) {
            financingConstrained[r]++;
        }
        hiresH[r] += f.hiresH();
        mismatchedH[r] += f.mismatchedH();
        vacanciesH[r] += f.vacanciesH();
        revenueSq[s] += f.revenue() * f.revenue();
        capital[s] += f.capital();
        displacedWageBill[s] += f.displacedWageBill();
        reinstatedWageBill[s] += f.reinstatedWageBill();
        if (f.event() == FirmReport.ALIVE) {
            producing++;
            outsideFrontierTasks += f.outsideFrontierTasks();
            exposureEmployment += emp;
            if (f.exposure() >= 0.5) {
                exposure50 += emp;
            }
            if (f.exposure() >= 0.1) {
                exposure10 += emp;
            }
            feasibleW += emp * f.feasibleWageBill();
            costEffectiveW += emp * f.costEffectiveWageBill();
            // firms whose productivity is undefined (overflow at extreme parameter corners) are left out of
            // the Hsieh-Klenow sample rather than making the whole tick undefined
            if (f.tfpq() > 0 && f.tfpr() > 0 && f.output() > 0 && Double.isFinite(f.tfpq()) && Double.isFinite(f.tfpr())) {
                hkTfpq[hkCount] = f.tfpq();
                hkTfpr[hkCount] = f.tfpr();
                hkSector[hkCount] = s;
                hkCount++;
                hkN[s]++;
            }
        }
        capitalTotal += f.capital();
        intangible += f.intangible();
        intangibleInvestment += f.intangibleInvestment();
        layers += f.layers();
        productLines += f.productLines();
        scopeSaving += f.scopeSaving();
        totalCost += f.totalCost();
        aiEnergy += f.aiEnergy();
        energy += f.energy();
        energySaved += f.energySaved();
    }

    /** Totals, and the Hsieh-Klenow samples grouped by sector (a stable counting sort: report order kept). */
    private void finish() {
        firms = IndicatorMath.sum(region.firms);
        employment = IndicatorMath.sum(region.employment);
        for (int s = 0; s < Sector.COUNT; s++) {
            hkStart[s + 1] = hkStart[s] + hkN[s];
        }
        double[] q = new double[hkCount];
        double[] tr = new double[hkCount];
        int[] next = Arrays.copyOf(hkStart, Sector.COUNT);
        for (int i = 0; i < hkCount; i++) {
            int k = next[hkSector[i]]++;
            q[k] = hkTfpq[i];
            tr[k] = hkTfpr[i];
        }
        System.arraycopy(q, 0, hkTfpq, 0, hkCount);
        System.arraycopy(tr, 0, hkTfpr, 0, hkCount);
    }

    /** Producing firms in sector {@code s} with a defined TFPQ and TFPR (Hsieh-Klenow sample size). */
    int hkCount(int s) {
        return hkN[s];
    }

    /** TFPQ of sector {@code s}'s Hsieh-Klenow sample, in report order (a fresh array). */
    double[] hkTfpq(int s) {
        return Arrays.copyOfRange(hkTfpq, hkStart[s], hkStart[s + 1]);
    }

    /** TFPR of sector {@code s}'s Hsieh-Klenow sample, in report order (a fresh array). */
    double[] hkTfpr(int s) {
        return Arrays.copyOfRange(hkTfpr, hkStart[s], hkStart[s + 1]);
    }
}
