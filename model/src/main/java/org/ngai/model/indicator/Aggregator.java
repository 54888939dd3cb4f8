package org.ngai.model.indicator;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.core.Num;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.core.SectorClass;
import org.ngai.model.firm.FirmEconomics;
import org.ngai.model.matching.Regime;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.AiMarketState;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.CohortFlow;
import org.ngai.model.tick.CohortReport;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FirmReport;
import org.ngai.model.tick.MarketCleared;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.ProduceResult;
import org.ngai.model.tick.SectorSummary;
import org.ngai.model.tick.TechSale;
import org.ngai.model.tick.VendorSummary;

/**
 * The indicator aggregator (docs/pipeline.md step 5, spec §F4): turns a tick's firm reports, clearing
 * and owner reports into indicators (national, per region, per sector) and assembles the public
 * environment of the next tick from the pieces each owner computed. Its only memory is the
 * indicator history (indices are relative to tick 1; the loop gain uses the last 8 ticks), so a
 * restarted aggregator is rebuilt from stored indicators with {@link #restore}.
 */
public final class Aggregator {
    private final Scenario scenario;
    private final CouplingCalibration calibration;
    private final List<TickIndicators> history = new ArrayList<>();

    /** The result of aggregating one tick. */
    public record Result(TickIndicators indicators, Environment next, double[][] couplingInputs) {
    }

    public Aggregator(Scenario scenario, CouplingCalibration calibration) {
        this.scenario = scenario;
        this.calibration = calibration;
    }

    public Aggregator(Scenario scenario) {
        this(scenario, CouplingCalibration.shipped());
    }

    public List<TickIndicators> history() {
        return history;
    }

    /** D inputs that are flow rates, taken as 4-quarter means, and their positions in the input vector. */
    private static final Indicator[] ANNUAL_INPUTS = {Indicator.INNOVATION_SUCCESS, Indicator.INNOVATION_GAIN,
        Indicator.TECH_EFFICIENCY, Indicator.CREDIT_APPROVAL, Indicator.FIN_EFFICIENCY,
        Indicator.TRAINING_COMPLETIONS, Indicator.SKILL_MISMATCH};
    private static final int[] ANNUAL_INPUT_INDEX = {5, 6, 8, 11, 12, 17, 18};

    /** Mean of an indicator over this tick and the three before it (defined values only; NaN if none). */
    private double annualMean(TickIndicators now, Indicator i, int region) {
        double sum = 0;
        int n = 0;
        for (int back = 0; back < 4; back++) {
            TickIndicators t = back == 0 ? now : history.size() - back >= 0 ? history.get(history.size() - back) : null;
            if (t == null) {
                break;
            }
            double v = region < 0 ? t.get(i) : t.region(i, region);
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n > 0 ? sum / n : Double.NaN;
    }

    /** Rebuilds the aggregator's memory from indicators already published (restart). */
    public void restore(List<TickIndicators> published) {
        history.clear();
        history.addAll(published);
    }

    // --------------------------------------------------------------------------- environment

    /** Assembles the environment of tick {@code tick} (docs/model.md: the public state agents condition on). */
    public static Environment environment(Scenario scenario, int tick, AiMarketState ai, double[] wageL, double[] wageH,
                                          double[] intermediaryShare, Regime[] regimes, double[] adopterShare,
                                          double[] aiRevenueShare, double incomeIndex) {
        Params p = scenario.paramsAt(tick);
        double[] screening = new double[intermediaryShare.length];
        double mean = 0;
        double lab = 0;
        for (int i = 0; i < screening.length; i++) {
            screening[i] = intermediaryShare[i] * ai.quality();
            mean += screening[i];
        }
        for (int r = 0; r < Region.COUNT; r++) {
            lab += screening[Environment.cell(Environment.LAB, r)];
        }
        mean /= screening.length;
        lab /= Region.COUNT;
        double w0 = p.get(Param.VISIBILITY_BASE);
        double visibility = w0 + (1 - w0) * lab;
        return new Environment(tick, ai, wageL, wageH, screening, regimes, adopterShare, aiRevenueShare, mean, visibility,
                incomeIndex);
    }

    // ---------------------------------------------------------------------------- aggregation

    public Result aggregate(int tick, Environment env, ProduceResult produce, Clearing clearing, OwnerReports owners) {
        TickAggregation a = new TickAggregation(tick, env, produce, clearing, owners);
        a.run();
        return new Result(a.out, a.next, a.inputs);
    }

    /** One tick's aggregation, split into sections small enough for the JIT (one per indicator group). */
    private final class TickAggregation {
        private final int tick;
        private final Environment env;
        private final ProduceResult produce;
        private final Clearing clearing;
        private final OwnerReports owners;
        private Params p;
        private TickIndicators out;
        private int R;
        private int S;
        private List<FirmReport> reports;
        private double[] firmsR;
        private double[] firmsS;
        private double[][] stageR;
        private double[][] stageS;
        private double[] empR;
        private double[] empS;
        private double[] empLR;
        private double[] empHR;
        private double[] s3EmpR;
        private double[] s3EmpS;
        private double[] penNumR;
        private double[] penDenR;
        private double[] augR;
        private double[] penNumS;
        private double[] penDenS;
        private double[] augS;
        private double[] vaR;
        private double[] vaS;
        private double[] wageBillR;
        private double[] wageBillS;
        private double[] varCostS;
        private double[] attemptsR;
        private double[] successR;
        private double[] upgradesR;
        private double[] failFinR;
        private double[] constrainedR;
        private double[] exitsR;
        private double[] slowR;
        private double[] fastR;
        private double[] hiresHR;
        private double[] mismatchR;
        private double[] vacHR;
        private double[] revS;
        private double[] hiRevS;
        private double[] outS;
        private double[] capS;
        private double[] displacedS;
        private double[] reinstS;
        private double[] s2PlusR;
        private double[] hiRevR;
        private double[] revR;
        private double[] outR;
        private double[] capR;
        private double exposure50;
        private double exposure10;
        private double exposureEmp;
        private double feasibleW;
        private double costEffW;
        private double outside;
        private double producing;
        private double failedExec;
        private double failedLeaps;
        private double entries;
        private double s2;
        private double significant;
        private double capital;
        private double intangible;
        private double intangibleInv;
        private double layers;
        private double products;
        private double scopeSaving;
        private double totalCost;
        private double aiEnergy;
        private double energy;
        private double energySaved;
        private double[] revSq;
        private double[] capitalS;
        private double[][] hkA;
        private double[][] hkR;
        private int[] hkN;
        private double firms;
        private double emp;
        private double[] priceS;
        private double realVa;
        private double nominalVa;
        private double[] realS;
        private double deflator;
        private double sK;
        private double sG;
        private double lnY;
        private double lnMeas;
        private double realIg;
        private double lnTrue;
        private double[] tert;
        private double[] sec;
        private TickIndicators first;
        private double attempts;
        private double successes;
        private double eps;
        private double gapW;
        private double gapVa;
        private double hhiW;
        private double hhiRev;
        private double[] uR;
        private double[] trainR;
        private double[] completionsR;
        private double[] wageL;
        private double[] wageH;
        private double uL;
        private double uH;
        private double eL;
        private double eH;
        private double train;
        private double completions;
        private double premium;
        private double wageLow;
        private double[] gW;
        private double[] gN;
        private double lf;
        private double alpha;
        private double vTot;
        private double uTot;
        private double mTot;
        private double[] vRegion;
        private double[] uRegion;
        private double[] mRegion;
        private double labEffW;
        private double labEffN;
        private double[] finEffR;
        private double[] techEffR;
        private double[] approvalR;
        private double[] tradesR;
        private Regime[] regimes;
        private double finRequested;
        private double finGranted;
        private double goodLoans;
        private double badLoans;
        private double techEff;
        private double daEff;
        private double blocking;
        private int[] separating;
        private double goodTotal;
        private double goodFunded;
        private int trades;
        private double[] byClass;
        private AiMarketState ai;
        private double omega;
        private VendorSummary v;
        private double vendors;
        private double[] gdp;
        private boolean[] leading;
        private int[] area;
        private double[] s3R;
        private double[][] inputs;
        private double realShare;
        private double[] baseR;
        private double baseShare;
        private double firstLevel;
        private double[] nextWageL;
        private double[] nextWageH;
        private double[] adopters;
        private double[] revenueShare;
        private double totalRev;
        private Environment next;

        TickAggregation(int tick, Environment env, ProduceResult produce, Clearing clearing, OwnerReports owners) {
            this.tick = tick;
            this.env = env;
            this.produce = produce;
            this.clearing = clearing;
            this.owners = owners;
        }

        void run() {
            section0();
            section1();
            section2();
            section3();
            section4();
            section5();
            section6();
            section7();
            section8();
            section9();
        }

        private void section0() {
            p = scenario.paramsAt(tick);
            out = TickIndicators.empty(tick);
            R = Region.COUNT;
            S = Sector.COUNT;
            reports = produce.reports();

        }

        private void section1() {
            // ---- firm sums by region and sector
            firmsR = new double[R];
            firmsS = new double[S];
            stageR = new double[R][4];
            stageS = new double[S][4];
            empR = new double[R];
            empS = new double[S];
            empLR = new double[R];
            empHR = new double[R];
            s3EmpR = new double[R];
            s3EmpS = new double[S];
            penNumR = new double[R];
            penDenR = new double[R];
            augR = new double[R];
            penNumS = new double[S];
            penDenS = new double[S];
            augS = new double[S];
            vaR = new double[R];
            vaS = new double[S];
            wageBillR = new double[R];
            wageBillS = new double[S];
            varCostS = new double[S];
            attemptsR = new double[R];
            successR = new double[R];
            upgradesR = new double[R];
            failFinR = new double[R];
            constrainedR = new double[R];
            exitsR = new double[R];
            slowR = new double[R];
            fastR = new double[R];
            hiresHR = new double[R];
            mismatchR = new double[R];
            vacHR = new double[R];
            revS = new double[S];
            hiRevS = new double[S];
            outS = new double[S];
            capS = new double[S];
            displacedS = new double[S];
            reinstS = new double[S];
            s2PlusR = new double[R];
            hiRevR = new double[R];
            revR = new double[R];
            outR = new double[R];
            capR = new double[R];
            exposure50 = 0;
            exposure10 = 0;
            exposureEmp = 0;
            feasibleW = 0;
            costEffW = 0;
            outside = 0;
            producing = 0;
            failedExec = 0;
            failedLeaps = 0;
            entries = 0;
            s2 = 0;
            significant = 0;
            capital = 0;
            intangible = 0;
            intangibleInv = 0;
            layers = 0;
            products = 0;
            scopeSaving = 0;
            totalCost = 0;
            aiEnergy = 0;
            energy = 0;
            energySaved = 0;
            revSq = new double[S];
            capitalS = new double[S];
            hkA = new double[S][];
            hkR = new double[S][];
            hkN = new int[S];
            for (FirmReport f : reports) {
                if (f.event() == FirmReport.EXITED) {
                    exitsR[f.region()]++;
                    if (f.exitReason() == FirmReport.EXIT_SLOW) {
                        slowR[f.region()]++;
                    } else if (f.exitReason() == FirmReport.EXIT_FAST) {
                        fastR[f.region()]++;
                    }
                    continue;
                }
                if (f.event() == FirmReport.ENTERED) {
                    entries++;
                }
                int r = f.region();
                int s = f.sector();
                firmsR[r]++;
                firmsS[s]++;
                stageR[r][f.stage()]++;
                stageS[s][f.stage()]++;
                double emp = f.employedL() + f.employedH();
                empR[r] += emp;
                empS[s] += emp;
                empLR[r] += f.employedL();
                empHR[r] += f.employedH();
                if (f.stage() == 3) {
                    s3EmpR[r] += emp;
                    s3EmpS[s] += emp;
                    hiRevS[s] += f.revenue();
                    hiRevR[r] += f.revenue();
                }
                if (f.stage() >= 2) {
                    s2PlusR[r]++;
                    s2++;
                    if (f.significantValue()) {
                        significant++;
                    }
                }
                penNumR[r] += f.penetrationNum();
                penDenR[r] += f.penetrationDen();
                augR[r] += f.augmentedNum();
                penNumS[s] += f.penetrationNum();
                penDenS[s] += f.penetrationDen();
                augS[s] += f.augmentedNum();
                vaR[r] += f.valueAdded();
                vaS[s] += f.valueAdded();
                wageBillR[r] += f.wageBill();
                wageBillS[s] += f.wageBill();
            varCostS[s] += f.wageBill() + f.revenue() - f.valueAdded();
                attemptsR[r] += f.innovationAttempts();
                successR[r] += f.innovationSuccesses();
                if (f.adoption() == FirmReport.ADOPT_COMPLETED) {
                    upgradesR[r]++;
                } else if (f.adoption() == FirmReport.ADOPT_FAILED_FINANCE) {
                    failFinR[r]++;
                } else if (f.adoption() == FirmReport.ADOPT_FAILED_LEAP || f.adoption() == FirmReport.ADOPT_FAILED_SERIAL) {
                    failedExec++;
                    if (f.adoption() == FirmReport.ADOPT_FAILED_LEAP) {
                        failedLeaps++;
                    }
                }
                if (f.financingConstrained()) {
                    constrainedR[r]++;
                }
                hiresHR[r] += f.hiresH();
                mismatchR[r] += f.mismatchedH();
                vacHR[r] += f.vacanciesH();
                revS[s] += f.revenue();
                revSq[s] += f.revenue() * f.revenue();
                capitalS[s] += f.capital();
                revR[r] += f.revenue();
                outS[s] += f.output();
                outR[r] += f.output();
                double cap = f.capacityUtilisation() > 0 ? f.output() / f.capacityUtilisation() : 0;
                capS[s] += cap;
                capR[r] += cap;
                displacedS[s] += f.displacedWageBill();
                reinstS[s] += f.reinstatedWageBill();
                if (f.event() == FirmReport.ALIVE) {
                    producing++;
                    outside += f.outsideFrontierTasks();
                    exposureEmp += emp;
                    if (f.exposure() >= 0.5) {
                        exposure50 += emp;
                    }
                    if (f.exposure() >= 0.1) {
                        exposure10 += emp;
                    }
                    feasibleW += emp * f.feasibleWageBill();
                    costEffW += emp * f.costEffectiveWageBill();
                    if (f.tfpq() > 0 && f.tfpr() > 0 && f.output() > 0) {
                        if (hkA[s] == null) {
                            hkA[s] = new double[64];
                            hkR[s] = new double[64];
                        }
                        if (hkN[s] == hkA[s].length) {
                            hkA[s] = java.util.Arrays.copyOf(hkA[s], hkN[s] * 2);
                            hkR[s] = java.util.Arrays.copyOf(hkR[s], hkN[s] * 2);
                        }
                        hkA[s][hkN[s]] = f.tfpq();
                        hkR[s][hkN[s]] = f.tfpr();
                        hkN[s]++;
                    }
                }
                capital += f.capital();
                intangible += f.intangible();
                intangibleInv += f.intangibleInvestment();
                layers += f.layers();
                products += f.productLines();
                scopeSaving += f.scopeSaving();
                totalCost += f.totalCost();
                aiEnergy += f.aiEnergy();
                energy += f.energy();
                energySaved += f.energySaved();
            }
            firms = sum(firmsR);
            emp = sum(empR);

        }

        private void section2() {
            // ---- stages, penetration
            for (int k = 0; k < 4; k++) {
                Indicator ind = Indicator.of(Indicator.STAGE_MANUAL.ordinal() + k);
                double tot = 0;
                for (int r = 0; r < R; r++) {
                    tot += stageR[r][k];
                    out.setRegion(ind, r, ratio(stageR[r][k], firmsR[r]));
                }
                for (int s = 0; s < S; s++) {
                    out.setSector(ind, s, ratio(stageS[s][k], firmsS[s]));
                }
                out.set(ind, ratio(tot, firms));
            }
            out.set(Indicator.ADOPTION_EMPLOYMENT, ratio(sum(s3EmpR), emp));
            out.set(Indicator.AI_PENETRATION, ratio(sum(penNumR), sum(penDenR)));
            out.set(Indicator.AUGMENTATION, ratio(sum(augR), sum(penDenR)));
            for (int r = 0; r < R; r++) {
                out.setRegion(Indicator.ADOPTION_EMPLOYMENT, r, ratio(s3EmpR[r], empR[r]));
                out.setRegion(Indicator.AI_PENETRATION, r, ratio(penNumR[r], penDenR[r]));
                out.setRegion(Indicator.AUGMENTATION, r, ratio(augR[r], penDenR[r]));
                out.setRegion(Indicator.FIRMS, r, firmsR[r]);
                out.setRegion(Indicator.UPGRADES, r, upgradesR[r]);
                out.setRegion(Indicator.FAILED_FINANCE, r, failFinR[r]);
                out.setRegion(Indicator.FINANCING_CONSTRAINED, r, constrainedR[r]);
                out.setRegion(Indicator.EXITS, r, exitsR[r]);
                out.setRegion(Indicator.SLOW_DEATHS, r, slowR[r]);
                out.setRegion(Indicator.FAST_DEATHS, r, fastR[r]);
                out.setRegion(Indicator.INNOVATION_SUCCESS, r, ratio(successR[r], attemptsR[r]));
                out.setRegion(Indicator.INNOVATION_GAIN, r, ratio(successR[r] * p.get(Param.INNOV_STEP), firmsR[r]));
                out.setRegion(Indicator.LABOUR_SHARE, r, ratio(wageBillR[r], vaR[r]));
            }
            for (int s = 0; s < S; s++) {
                out.setSector(Indicator.ADOPTION_EMPLOYMENT, s, ratio(s3EmpS[s], empS[s]));
                out.setSector(Indicator.AI_PENETRATION, s, ratio(penNumS[s], penDenS[s]));
                out.setSector(Indicator.AUGMENTATION, s, ratio(augS[s], penDenS[s]));
                out.setSector(Indicator.FIRMS, s, firmsS[s]);
                out.setSector(Indicator.LABOUR_SHARE, s, ratio(wageBillS[s], vaS[s]));
                out.setSector(Indicator.MEAN_SIZE, s, ratio(empS[s], firmsS[s]));
                out.setSector(Indicator.HI_TIER_SHARE, s, ratio(hiRevS[s], revS[s]));
                out.setSector(Indicator.CAPACITY_UTILISATION, s, ratio(outS[s], capS[s]));
                out.setSector(Indicator.DISPLACEMENT, s, ratio(displacedS[s], wageBillS[s]));
                out.setSector(Indicator.REINSTATEMENT, s, ratio(reinstS[s], wageBillS[s]));
            }
            out.set(Indicator.EXPOSURE_50, ratio(exposure50, exposureEmp));
            out.set(Indicator.EXPOSURE_10, ratio(exposure10, exposureEmp));
            out.set(Indicator.COST_EFFECTIVE, ratio(costEffW, feasibleW));
            out.set(Indicator.FRONTIER_ERRORS, ratio(outside, producing));
            out.set(Indicator.UPGRADES, sum(upgradesR));
            out.set(Indicator.FAILED_FINANCE, sum(failFinR));
            out.set(Indicator.FAILED_EXECUTION, failedExec);
            out.set(Indicator.FAILED_LEAPS, failedLeaps);
            out.set(Indicator.FINANCING_CONSTRAINED, sum(constrainedR));
            out.set(Indicator.SIGNIFICANT_VALUE, ratio(significant, s2));

        }

        private void section3() {
            // ---- productivity and accounts (C: measured vs true TFP)
            priceS = new double[S];
            realVa = 0;
            nominalVa = 0;
            for (SectorSummary ss : produce.sectors()) {
                priceS[ss.sector()] = ss.priceIndex();
            }
            realS = new double[S];
            for (int s = 0; s < S; s++) {
                realS[s] = priceS[s] > 0 && Double.isFinite(priceS[s]) ? vaS[s] / priceS[s] : 0;
                realVa += realS[s];
                nominalVa += vaS[s];
            }
            deflator = realVa > 0 ? nominalVa / realVa : Double.NaN;
            sK = p.get(Param.SHARE_K);
            sG = p.get(Param.SHARE_G);
            lnY = lnPos(realVa);
            lnMeas = lnY - sK * lnPos(capital) - (1 - sK) * lnPos(emp);
            realIg = intangibleInv / deflator;
            lnTrue = lnPos(realVa + realIg) - sK * lnPos(capital) - sG * lnPos(Math.max(intangible, 1e-9))
                    - (1 - sK - sG) * lnPos(emp);
            out.set(Indicator.LN_REAL_OUTPUT, lnY);
            out.set(Indicator.LN_TFP_MEASURED, lnMeas);
            out.set(Indicator.LN_TFP_TRUE, lnTrue);
            out.set(Indicator.LN_LABOUR_PRODUCTIVITY, lnY - lnPos(emp));
            out.set(Indicator.PRICE_INDEX, deflator);
            out.set(Indicator.INTANGIBLE_RATE, ratio(intangibleInv, nominalVa));
            for (int s = 0; s < S; s++) {
                double ls = lnPos(realS[s]);
                out.setSector(Indicator.LN_REAL_OUTPUT, s, ls);
                out.setSector(Indicator.LN_TFP_MEASURED, s, ls - sK * lnPos(capitalS[s]) - (1 - sK) * lnPos(empS[s]));
                out.setSector(Indicator.LN_LABOUR_PRODUCTIVITY, s, ls - lnPos(empS[s]));
                out.setSector(Indicator.PRICE_INDEX, s, priceS[s]);
            }
            for (int r = 0; r < R; r++) {
                out.setRegion(Indicator.LN_LABOUR_PRODUCTIVITY, r, lnPos(vaR[r] / deflator) - lnPos(empR[r]));
            }
            tert = classSums(vaS, realS, empS, SectorClass.TERTIARY);
            sec = classSums(vaS, realS, empS, SectorClass.SECONDARY);
            out.set(Indicator.LN_PRICE_RATIO, lnPos(tert[0] / tert[1]) - lnPos(sec[0] / sec[1]));
            out.set(Indicator.LN_PRODUCTIVITY_RATIO, lnPos(tert[1] / tert[2]) - lnPos(sec[1] / sec[2]));
            first = history.isEmpty() ? out : history.get(0);
            out.set(Indicator.REAL_OUTPUT, indexOf(out, first, Indicator.LN_REAL_OUTPUT));
            out.set(Indicator.TFP_MEASURED, indexOf(out, first, Indicator.LN_TFP_MEASURED));
            out.set(Indicator.TFP_TRUE, indexOf(out, first, Indicator.LN_TFP_TRUE));
            out.set(Indicator.LABOUR_PRODUCTIVITY, indexOf(out, first, Indicator.LN_LABOUR_PRODUCTIVITY));
            out.set(Indicator.JCURVE_GAP, (lnTrue - first.get(Indicator.LN_TFP_TRUE)) - (lnMeas - first.get(Indicator.LN_TFP_MEASURED)));
            out.set(Indicator.RELATIVE_PRICE_SERVICES, indexOf(out, first, Indicator.LN_PRICE_RATIO));
            out.set(Indicator.RELATIVE_PRODUCTIVITY_SERVICES, indexOf(out, first, Indicator.LN_PRODUCTIVITY_RATIO));
            for (int s = 0; s < S; s++) {
                out.setSector(Indicator.REAL_OUTPUT, s, Num.exp(out.sector(Indicator.LN_REAL_OUTPUT, s) - first.sector(Indicator.LN_REAL_OUTPUT, s)));
                out.setSector(Indicator.TFP_MEASURED, s, Num.exp(out.sector(Indicator.LN_TFP_MEASURED, s) - first.sector(Indicator.LN_TFP_MEASURED, s)));
                out.setSector(Indicator.LABOUR_PRODUCTIVITY, s, Num.exp(out.sector(Indicator.LN_LABOUR_PRODUCTIVITY, s) - first.sector(Indicator.LN_LABOUR_PRODUCTIVITY, s)));
            }
            for (int r = 0; r < R; r++) {
                out.setRegion(Indicator.LABOUR_PRODUCTIVITY, r, Num.exp(out.region(Indicator.LN_LABOUR_PRODUCTIVITY, r) - first.region(Indicator.LN_LABOUR_PRODUCTIVITY, r)));
            }
            attempts = sum(attemptsR);
            successes = sum(successR);
            out.set(Indicator.INNOVATION_SUCCESS, ratio(successes, attempts));
            out.set(Indicator.INNOVATION_GAIN, ratio(successes * p.get(Param.INNOV_STEP), firms));
            // A3b Hsieh-Klenow allocative gap and concentration
            eps = p.get(Param.DEMAND_ELASTICITY);
            gapW = 0;
            gapVa = 0;
            hhiW = 0;
            hhiRev = 0;
            for (int s = 0; s < S; s++) {
                if (hkN[s] >= 2) {
                    double[] a = java.util.Arrays.copyOf(hkA[s], hkN[s]);
                    double[] tr = java.util.Arrays.copyOf(hkR[s], hkN[s]);
                    double[] w = new double[hkN[s]];
                    java.util.Arrays.fill(w, 1.0);
                    double g = HsiehKlenow.allocativeGap(a, tr, w, eps);
                    out.setSector(Indicator.ALLOCATIVE_GAP, s, g);
                    gapW += g * vaS[s];
                    gapVa += vaS[s];
                }
            }
            out.set(Indicator.ALLOCATIVE_GAP, gapVa > 0 ? gapW / gapVa : Double.NaN);
            for (int s = 0; s < S; s++) {
                if (revS[s] <= 0) {
                    continue;
                }
                double h = revSq[s] / (revS[s] * revS[s]);   // Σ shares² (Herfindahl)
                out.setSector(Indicator.HHI, s, h);
                hhiW += h * revS[s];
                hhiRev += revS[s];
            }
            out.set(Indicator.HHI, hhiRev > 0 ? hhiW / hhiRev : Double.NaN);
            out.set(Indicator.MEAN_SIZE, ratio(emp, firms));
            out.set(Indicator.MEAN_LAYERS, ratio(layers, firms));
            out.set(Indicator.PRODUCTS_PER_FIRM, ratio(products, firms));
            out.set(Indicator.SCOPE_ECONOMIES, ratio(scopeSaving, totalCost));
            out.set(Indicator.HI_TIER_SHARE, ratio(sum(hiRevS), sum(revS)));
            out.set(Indicator.CAPACITY_UTILISATION, ratio(sum(outS), sum(capS)));
            out.set(Indicator.DISPLACEMENT, ratio(sum(displacedS), sum(wageBillS)));
            out.set(Indicator.REINSTATEMENT, ratio(sum(reinstS), sum(wageBillS)));
            out.set(Indicator.LABOUR_SHARE, ratio(sum(wageBillS), nominalVa));
            out.set(Indicator.LABOUR_COST_SHARE, ratio(sum(wageBillS), sum(varCostS)));
            for (int s = 0; s < S; s++) {
                out.setSector(Indicator.LABOUR_COST_SHARE, s, ratio(wageBillS[s], varCostS[s]));
            }

        }

        private void section4() {
            // ---- labour (A2, B4)
            uR = new double[R * 2];
            trainR = new double[R];
            completionsR = new double[R];
            for (CohortReport c : owners.cohorts()) {
                uR[c.region() * 2 + c.skill()] = c.unemployed();
                if (c.skill() == 0) {
                    trainR[c.region()] = c.training();
                    completionsR[c.region()] = c.trainingCompletions();
                }
            }
            wageL = env.wageL();
            wageH = env.wageH();
            uL = 0;
            uH = 0;
            eL = 0;
            eH = 0;
            train = 0;
            completions = 0;
            premium = 0;
            wageLow = 0;
            gW = new double[R * 2];
            gN = new double[R * 2];
            for (int r = 0; r < R; r++) {
                double ul = uR[r * 2];
                double uh = uR[r * 2 + 1];
                uL += ul;
                uH += uh;
                eL += empLR[r];
                eH += empHR[r];
                train += trainR[r];
                completions += completionsR[r];
                double lf = empR[r] + ul + uh + trainR[r];
                out.setRegion(Indicator.HIGH_SKILL_SHARE, r, ratio(empHR[r] + uh, lf));
                out.setRegion(Indicator.SKILL_PREMIUM, r, wageH[r] / wageL[r]);
                out.setRegion(Indicator.UNEMPLOYMENT, r, ratio(ul + uh, empR[r] + ul + uh));
                out.setRegion(Indicator.UNEMPLOYMENT_LOW, r, ratio(ul, empLR[r] + ul));
                out.setRegion(Indicator.UNEMPLOYMENT_HIGH, r, ratio(uh, empHR[r] + uh));
                out.setRegion(Indicator.WAGE_LOW, r, wageL[r]);
                out.setRegion(Indicator.TRAINING, r, ratio(trainR[r], lf));
                out.setRegion(Indicator.TRAINING_COMPLETIONS, r, ratio(completionsR[r], trainR[r] + completionsR[r]));
                out.setRegion(Indicator.SKILL_MISMATCH, r, skillMismatch(vacHR[r], hiresHR[r], mismatchR[r]));
                premium += empR[r] * wageH[r] / wageL[r];
                wageLow += empR[r] * wageL[r];
                gW[r * 2] = wageL[r];
                gW[r * 2 + 1] = wageH[r];
                gN[r * 2] = empLR[r];
                gN[r * 2 + 1] = empHR[r];
            }
            lf = emp + uL + uH + train;
            out.set(Indicator.HIGH_SKILL_SHARE, ratio(eH + uH, lf));
            out.set(Indicator.SKILL_PREMIUM, ratio(premium, emp));
            out.set(Indicator.WAGE_LOW, ratio(wageLow, emp));
            out.set(Indicator.UNEMPLOYMENT, ratio(uL + uH, emp + uL + uH));
            out.set(Indicator.UNEMPLOYMENT_LOW, ratio(uL, eL + uL));
            out.set(Indicator.UNEMPLOYMENT_HIGH, ratio(uH, eH + uH));
            out.set(Indicator.WAGE_GINI, sum(gN) > 0 ? Inequality.gini(gW, gN) : Double.NaN);
            out.set(Indicator.TRAINING, ratio(train, lf));
            out.set(Indicator.TRAINING_COMPLETIONS, ratio(completions, train + completions));
            out.set(Indicator.SKILL_MISMATCH, skillMismatch(sum(vacHR), sum(hiresHR), sum(mismatchR)));
            alpha = p.get(Param.MATCH_ELASTICITY);
            vTot = 0;
            uTot = 0;
            mTot = 0;
            vRegion = new double[R];
            uRegion = new double[R];
            mRegion = new double[R];
            labEffW = 0;
            labEffN = 0;
            finEffR = new double[R];
            techEffR = new double[R];
            approvalR = new double[R];
            tradesR = new double[R];
            regimes = new Regime[Environment.GAME_MARKETS * R];
            finRequested = 0;
            finGranted = 0;
            goodLoans = 0;
            badLoans = 0;
            techEff = Double.NaN;
            daEff = Double.NaN;
            blocking = Double.NaN;
            separating = new int[3];
            for (MarketCleared m : clearing.summaries()) {
                switch (m.market()) {
                    case LAB -> {
                        vTot += m.demand();
                        uTot += m.supply();
                        mTot += m.matched();
                        vRegion[m.region()] += m.demand();
                        uRegion[m.region()] += m.supply();
                        mRegion[m.region()] += m.matched();
                        if (m.skill() == 1) {
                            regimes[Environment.cell(Environment.LAB, m.region())] = m.regime();
                            out.setRegion(Indicator.LAB_REGIME, m.region(), code(m.regime()));
                            if (m.regime() == Regime.SEPARATING) {
                                separating[0]++;
                            }
                            labEffW += m.efficiency() * m.demand();
                            labEffN += m.demand();
                        }
                    }
                    case FIN -> {
                        if (m.region() < 0) {
                            finRequested = m.demand();
                            finGranted = m.matched();
                            goodLoans = m.goodTraded();
                            badLoans = m.badTraded();
                        } else {
                            regimes[Environment.cell(Environment.FIN, m.region())] = m.regime();
                            out.setRegion(Indicator.FIN_REGIME, m.region(), code(m.regime()));
                            out.setRegion(Indicator.CREDIT_GRANTED, m.region(), m.matched());
                            approvalR[m.region()] = ratio(m.matched(), m.demand());
                            finEffR[m.region()] = m.efficiency();
                            if (m.regime() == Regime.SEPARATING) {
                                separating[1]++;
                            }
                        }
                    }
                    case TECH -> {
                        if (m.region() < 0) {
                            techEff = m.efficiency();
                            daEff = m.daEfficiency();
                            blocking = m.blockingRate();
                        } else {
                            regimes[Environment.cell(Environment.TECH, m.region())] = m.regime();
                            out.setRegion(Indicator.TECH_REGIME, m.region(), code(m.regime()));
                            techEffR[m.region()] = m.efficiency();
                            if (m.regime() == Regime.SEPARATING) {
                                separating[2]++;
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
            for (TechSale t : clearing.techSales()) {
                tradesR[t.buyerRegion()]++;
            }
            out.set(Indicator.TIGHTNESS, ratio(vTot, uTot));
            out.set(Indicator.MATCH_EFFICIENCY, uTot > 0 && vTot > 0 ? mTot / (Num.pow(uTot, alpha) * Num.pow(vTot, 1 - alpha)) : Double.NaN);
            out.set(Indicator.FILL_RATE, ratio(mTot, uTot));
            for (int r = 0; r < R; r++) {
                out.setRegion(Indicator.TIGHTNESS, r, ratio(vRegion[r], uRegion[r]));
                out.setRegion(Indicator.MATCH_EFFICIENCY, r, uRegion[r] > 0 && vRegion[r] > 0
                        ? mRegion[r] / (Num.pow(uRegion[r], alpha) * Num.pow(vRegion[r], 1 - alpha)) : Double.NaN);
                out.setRegion(Indicator.FILL_RATE, r, ratio(mRegion[r], uRegion[r]));
                out.setRegion(Indicator.LAB_SCREENING, r, env.screening(Environment.LAB, r));
                out.setRegion(Indicator.FIN_SCREENING, r, env.screening(Environment.FIN, r));
                out.setRegion(Indicator.TECH_SCREENING, r, env.screening(Environment.TECH, r));
                out.setRegion(Indicator.FIN_EFFICIENCY, r, finEffR[r]);
                out.setRegion(Indicator.TECH_EFFICIENCY, r, techEffR[r]);
                out.setRegion(Indicator.CREDIT_APPROVAL, r, approvalR[r]);
                out.setRegion(Indicator.TECH_TRADES, r, tradesR[r]);
            }
            out.set(Indicator.LAB_SEPARATING, separating[0] / (double) R);
            out.set(Indicator.FIN_SEPARATING, separating[1] / (double) R);
            out.set(Indicator.TECH_SEPARATING, separating[2] / (double) R);
            out.set(Indicator.LAB_SCREENING, meanScreening(env, Environment.LAB));
            out.set(Indicator.FIN_SCREENING, meanScreening(env, Environment.FIN));
            out.set(Indicator.TECH_SCREENING, meanScreening(env, Environment.TECH));
            out.set(Indicator.LAB_EFFICIENCY, labEffN > 0 ? labEffW / labEffN : Double.NaN);
            goodTotal = 0;
            goodFunded = 0;
            for (MarketCleared m : clearing.summaries()) {
                if (m.market() == org.ngai.model.core.MarketKind.FIN && m.region() >= 0 && Double.isFinite(m.efficiency())) {
                    goodFunded += m.goodTraded();
                    goodTotal += m.goodTraded() / Math.max(m.efficiency(), 1e-12);
                }
            }
            out.set(Indicator.FIN_EFFICIENCY, goodTotal > 0 ? goodFunded / goodTotal : Double.NaN);
            out.set(Indicator.TECH_EFFICIENCY, techEff);
            out.set(Indicator.VISIBILITY, env.visibility());
            trades = clearing.techSales().size();
            byClass = new double[3];
            for (TechSale t : clearing.techSales()) {
                byClass[Sector.of(t.buyerSector()).sectorClass.ordinal()]++;
            }
            out.set(Indicator.TECH_TRADES, trades);
            out.set(Indicator.TECH_SHARE_PRIMARY, ratio(byClass[0], trades));
            out.set(Indicator.TECH_SHARE_SECONDARY, ratio(byClass[1], trades));
            out.set(Indicator.TECH_SHARE_TERTIARY, ratio(byClass[2], trades));
            out.set(Indicator.DA_EFFICIENCY, daEff);
            out.set(Indicator.BLOCKING_RATE, blocking);
            out.set(Indicator.CREDIT_GRANTED, finGranted);
            out.set(Indicator.CREDIT_APPROVAL, ratio(finGranted, finRequested));
            out.set(Indicator.BAD_LOANS, ratio(badLoans, goodLoans + badLoans));
            out.set(Indicator.REAL_CREDIT_SHARE, owners.realEconomyShare());

        }

        private void section5() {
            // ---- AI industry (A5, C, A7)
            ai = env.ai();
            out.set(Indicator.Q_AI, ai.quality());
            out.set(Indicator.THETA, ai.theta());
            out.set(Indicator.THETA_GAP, ai.thetaUs() - ai.theta());
            out.set(Indicator.P_AI, clearing.ai().price());
            out.set(Indicator.AI_REVENUE, clearing.ai().revenue());
            omega = p.get(Param.FIRMS_REAL) / scenario.firms();
            out.set(Indicator.AI_REVENUE_BN, clearing.ai().revenue() * 4 * omega * p.get(Param.YUAN_PER_UNIT));
            out.set(Indicator.IMPORT_SHARE, ai.importShare());
            out.set(Indicator.COMPUTE_SHORTFALL, clearing.ai().shortfall());
            out.set(Indicator.AI_ENERGY, aiEnergy);
            out.set(Indicator.AI_ENERGY_SHARE, ratio(aiEnergy, energy));
            out.set(Indicator.NET_ENERGY, aiEnergy - energySaved);
            v = owners.vendors();
            vendors = sum(v.countByRegion());
            out.set(Indicator.VENDORS, vendors * v.realPerModelled());
            gdp = new double[R];
            leading = new boolean[R];
            area = new int[R];
            for (Region reg : Region.ALL) {
                gdp[reg.index()] = reg.gdpWeight();
                leading[reg.index()] = reg.cluster().leading();
                area[reg.index()] = reg.area().ordinal();
            }
            if (vendors > 0) {
                out.set(Indicator.VENDOR_CR3, Inequality.share(v.countByRegion(), leading));
                out.set(Indicator.VENDOR_BJ_SHARE, v.countByRegion()[0] / vendors);
                Inequality.TheilDecomposition th = Inequality.theilDecomposition(v.countByRegion(), gdp, area);
                out.set(Indicator.VENDOR_THEIL, th.total());
                out.set(Indicator.VENDOR_THEIL_BETWEEN, th.between());
                out.set(Indicator.VENDOR_THEIL_WITHIN, th.within());
                double[] density = new double[R];
                for (int r = 0; r < R; r++) {
                    density[r] = v.countByRegion()[r] / gdp[r];
                }
                out.set(Indicator.VENDOR_GINI, Inequality.gini(density, gdp));
                out.set(Indicator.LAYER_BASE, v.countByLayer()[0] / vendors);
                out.set(Indicator.LAYER_TECH, v.countByLayer()[1] / vendors);
                out.set(Indicator.LAYER_APP, v.countByLayer()[2] / vendors);
                for (int r = 0; r < R; r++) {
                    out.setRegion(Indicator.VENDOR_SHARE, r, v.countByRegion()[r] / vendors);
                    out.setRegion(Indicator.VENDORS, r, v.countByRegion()[r] * v.realPerModelled());
                }
            }
            s3R = new double[R];
            for (int r = 0; r < R; r++) {
                s3R[r] = stageR[r][3];
            }
            if (sum(s3R) > 0) {
                double[] firmsPos = new double[R];
                for (int r = 0; r < R; r++) {
                    firmsPos[r] = Math.max(firmsR[r], 1e-9);
                }
                out.set(Indicator.INTELLIGENT_THEIL, Inequality.theil(s3R, firmsPos));
                out.set(Indicator.INTELLIGENT_CR3, Inequality.share(s3R, leading));
            }

        }

        private void section6() {
            // ---- lifecycle
            out.set(Indicator.FIRMS, firms);
            out.set(Indicator.ENTRIES, entries);
            out.set(Indicator.EXITS, sum(exitsR));
            out.set(Indicator.SLOW_DEATHS, sum(slowR));
            out.set(Indicator.FAST_DEATHS, sum(fastR));

        }

        private void section7() {
            // ---- loop gain (A5): rolling 8-tick OLS on history + this tick
            out.set(Indicator.LOOP_GAIN, loopGain(out));

        }

        private void section8() {
            // ---- coupling coordination (B5)
            inputs = new double[R + 1][];
            realShare = owners.realEconomyShare();
            baseR = new double[R];
            // BASE-layer share by region is not tracked per vendor region in the summary; use national share
            baseShare = vendors > 0 ? v.countByLayer()[0] / vendors : 0;
            java.util.Arrays.fill(baseR, baseShare);
            firstLevel = first.get(Indicator.LN_LABOUR_PRODUCTIVITY);
            for (int r = 0; r <= R; r++) {
                boolean nat = r == R;
                double[] x = new double[CouplingCalibration.INPUTS];
                if (nat) {
                    x[0] = out.get(Indicator.LN_LABOUR_PRODUCTIVITY) - firstLevel;
                    x[1] = ratio(s2, firms);
                    x[2] = out.get(Indicator.HI_TIER_SHARE);
                    x[3] = out.get(Indicator.CAPACITY_UTILISATION);
                    x[4] = 1 - ratio(sum(exitsR), firms + sum(exitsR));
                    x[5] = out.get(Indicator.INNOVATION_SUCCESS);
                    x[6] = out.get(Indicator.INNOVATION_GAIN);
                    x[7] = ai.quality();
                    x[8] = zeroIfNaN(techEff);
                    x[9] = baseShare;
                    x[10] = realShare;
                    x[11] = zeroIfNaN(out.get(Indicator.CREDIT_APPROVAL));
                    x[12] = zeroIfNaN(out.get(Indicator.FIN_EFFICIENCY));
                    x[13] = ratio(sum(constrainedR) + sum(failFinR), sum(constrainedR) + sum(failFinR) + sum(upgradesR) + failedExec);
                    x[14] = out.get(Indicator.HIGH_SKILL_SHARE);
                    x[15] = out.get(Indicator.MATCH_EFFICIENCY);
                    x[16] = out.get(Indicator.UNEMPLOYMENT);
                    x[17] = out.get(Indicator.TRAINING_COMPLETIONS);
                    x[18] = zeroIfNaN(out.get(Indicator.SKILL_MISMATCH));
                } else {
                    x[0] = out.region(Indicator.LN_LABOUR_PRODUCTIVITY, r) - firstLevel;
                    x[1] = ratio(s2PlusR[r], firmsR[r]);
                    x[2] = ratio(hiRevR[r], revR[r]);
                    x[3] = ratio(outR[r], capR[r]);
                    x[4] = 1 - ratio(exitsR[r], firmsR[r] + exitsR[r]);
                    x[5] = out.region(Indicator.INNOVATION_SUCCESS, r);
                    x[6] = out.region(Indicator.INNOVATION_GAIN, r);
                    x[7] = ai.quality();
                    x[8] = zeroIfNaN(techEffR[r]);
                    x[9] = baseR[r];
                    x[10] = realShare;
                    x[11] = zeroIfNaN(approvalR[r]);
                    x[12] = zeroIfNaN(finEffR[r]);
                    x[13] = ratio(constrainedR[r] + failFinR[r], constrainedR[r] + failFinR[r] + upgradesR[r]);
                    x[14] = out.region(Indicator.HIGH_SKILL_SHARE, r);
                    x[15] = out.region(Indicator.MATCH_EFFICIENCY, r);
                    x[16] = out.region(Indicator.UNEMPLOYMENT, r);
                    x[17] = out.region(Indicator.TRAINING_COMPLETIONS, r);
                    x[18] = zeroIfNaN(out.region(Indicator.SKILL_MISMATCH, r));
                }
                // flow rates enter as annual (4-quarter) means, as in the annual statistics coupling
                // studies use: one quarter's handful of licences or loans in a region is noise, and the
                // entropy method would weight that noise heavily. Built from the published history, so
                // a restored aggregator computes the same values.
                for (int k = 0; k < ANNUAL_INPUTS.length; k++) {
                    x[ANNUAL_INPUT_INDEX[k]] = zeroIfNaN(annualMean(out, ANNUAL_INPUTS[k], nat ? -1 : r));
                }
                for (int k = 0; k < x.length; k++) {
                    if (!Double.isFinite(x[k])) {
                        x[k] = Double.NaN;
                    }
                }
                inputs[r] = x;
                double[] u = calibration.indices(x);
                double c = CouplingCoordination.coupling(u);
                double t = CouplingCoordination.development(u);
                double d = CouplingCoordination.degree(c, t);
                double level = CouplingCoordination.CoordinationLevel.of(Math.min(1, Math.max(0, d))).ordinal() + 1;
                if (nat) {
                    out.set(Indicator.U_RE, u[0]);
                    out.set(Indicator.U_TI, u[1]);
                    out.set(Indicator.U_MF, u[2]);
                    out.set(Indicator.U_HR, u[3]);
                    out.set(Indicator.COUPLING, c);
                    out.set(Indicator.DEVELOPMENT, t);
                    out.set(Indicator.COORDINATION, d);
                    out.set(Indicator.COORDINATION_LEVEL, level);
                    double cp = CouplingCoordination.coupling(u[1], u[2]);
                    out.set(Indicator.COORDINATION_TI_MF, CouplingCoordination.degree(cp, CouplingCoordination.development(u[1], u[2])));
                } else {
                    out.setRegion(Indicator.U_RE, r, u[0]);
                    out.setRegion(Indicator.U_TI, r, u[1]);
                    out.setRegion(Indicator.U_MF, r, u[2]);
                    out.setRegion(Indicator.U_HR, r, u[3]);
                    out.setRegion(Indicator.COUPLING, r, c);
                    out.setRegion(Indicator.DEVELOPMENT, r, t);
                    out.setRegion(Indicator.COORDINATION, r, d);
                    out.setRegion(Indicator.COORDINATION_LEVEL, r, level);
                }
            }
            history.add(out);

        }

        private void section9() {
            // ---- environment of t+1
            nextWageL = new double[R];
            nextWageH = new double[R];
            for (CohortFlow f : clearing.cohortFlows()) {
                if (f.skill() == 0) {
                    nextWageL[f.region()] = f.nextWage();
                } else {
                    nextWageH[f.region()] = f.nextWage();
                }
            }
            adopters = adopterShares(reports);
            revenueShare = new double[R];
            totalRev = sum(v.revenueByRegion());
            double gdpTotal = 0;
            for (Region reg : Region.ALL) {
                gdpTotal += reg.gdpWeight();
            }
            for (int r = 0; r < R; r++) {
                double share = totalRev > 0 ? v.revenueByRegion()[r] / totalRev : ratio(v.countByRegion()[r], vendors);
                // A_r: the region's AI-industry revenue share relative to its GDP share, capped at 3 (A1 new tasks)
                revenueShare[r] = Math.min(3, share / (Region.of(r).gdpWeight() / gdpTotal));
            }
            next = environment(scenario, tick + 1, owners.nextAi(), nextWageL, nextWageH,
                    owners.nextIntermediaryShare(), regimes, adopters, revenueShare, out.get(Indicator.REAL_OUTPUT));

        }
    }

    /** Adopter shares per region × sector from the reports of live firms (entrants included). */
    static double[] adopterShares(List<FirmReport> reports) {
        double[] count = new double[Region.COUNT * Sector.COUNT * 4];
        double[] total = new double[Region.COUNT * Sector.COUNT];
        for (FirmReport f : reports) {
            if (f.event() == FirmReport.EXITED) {
                continue;
            }
            int cell = f.region() * Sector.COUNT + f.sector();
            total[cell]++;
            for (int k = 0; k <= f.stage(); k++) {
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

    private double loopGain(TickIndicators current) {
        int w = RollingOls.LOOP_GAIN_WINDOW;
        int n = history.size() + 1;
        if (n < w) {
            return Double.NaN;
        }
        double[] a = new double[w];
        double[] q = new double[w];
        double[] rev = new double[w];
        for (int i = 0; i < w; i++) {
            TickIndicators t = i == w - 1 ? current : history.get(n - w + i);
            double adopt = t.get(Indicator.STAGE_INTELLIGENT);
            double quality = t.get(Indicator.Q_AI);
            double revenue = t.get(Indicator.AI_REVENUE);
            if (!(adopt > 0 && quality > 0 && revenue > 0)) {
                return Double.NaN;
            }
            a[i] = Num.log(adopt);
            q[i] = Num.log(quality);
            rev[i] = Num.log(revenue);
        }
        return RollingOls.loopGain(a, q, rev);
    }

    private static double meanScreening(Environment env, int market) {
        double s = 0;
        for (int r = 0; r < Region.COUNT; r++) {
            s += env.screening(market, r);
        }
        return s / Region.COUNT;
    }

    private static double code(Regime g) {
        if (g == null) {
            return Double.NaN;
        }
        return switch (g) {
            case POOLING_FAILURE -> 0;
            case POOLING_TRADE -> 1;
            case SEPARATING -> 2;
        };
    }

    private static double[] classSums(double[] va, double[] real, double[] emp, SectorClass cls) {
        double[] out = new double[3];
        for (Sector s : Sector.values()) {
            if (s.sectorClass == cls) {
                out[0] += va[s.ordinal()];
                out[1] += real[s.ordinal()];
                out[2] += emp[s.ordinal()];
            }
        }
        return out;
    }

    private static double indexOf(TickIndicators now, TickIndicators first, Indicator level) {
        return Num.exp(now.get(level) - first.get(level));
    }

    private static double ratio(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }

    private static double zeroIfNaN(double x) {
        return Double.isNaN(x) ? 0 : x;
    }

    private static double sum(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s;
    }

    /** ln x where it is defined; NaN (undefined, not ±Infinity) when x <= 0 or x is not finite. */
    static double lnPos(double x) {
        return x > 0 && Double.isFinite(x) ? Num.log(x) : Double.NaN;
    }

    /**
     * Skill mismatch: the share of high-skill vacancies not filled by a genuinely skilled worker, i.e.
     * left open (skills shortage) or filled with faked credentials (pooling trade in the LAB game). NaN
     * without high-skill vacancies.
     */
    static double skillMismatch(double vacancies, double hires, double faked) {
        if (!(vacancies > 0)) {
            return Double.NaN;
        }
        double genuine = Math.max(0, hires - faked);
        return Math.min(1, Math.max(0, vacancies - genuine) / vacancies);
    }
}
