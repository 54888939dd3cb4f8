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
 * The indicator aggregator (ARCHITECTURE step 6, MODEL F4): turns a tick's firm reports, clearing
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

    /** Rebuilds the aggregator's memory from indicators already published (restart). */
    public void restore(List<TickIndicators> published) {
        history.clear();
        history.addAll(published);
    }

    // --------------------------------------------------------------------------- environment

    /** Assembles the environment of tick {@code tick} (ARCHITECTURE: public state agents condition on). */
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
        Params p = scenario.paramsAt(tick);
        TickIndicators out = TickIndicators.empty(tick);
        int R = Region.COUNT;
        int S = Sector.COUNT;
        List<FirmReport> reports = produce.reports();

        // ---- firm sums by region and sector
        double[] firmsR = new double[R];
        double[] firmsS = new double[S];
        double[][] stageR = new double[R][4];
        double[][] stageS = new double[S][4];
        double[] empR = new double[R];
        double[] empS = new double[S];
        double[] empLR = new double[R];
        double[] empHR = new double[R];
        double[] s3EmpR = new double[R];
        double[] s3EmpS = new double[S];
        double[] penNumR = new double[R];
        double[] penDenR = new double[R];
        double[] augR = new double[R];
        double[] penNumS = new double[S];
        double[] penDenS = new double[S];
        double[] augS = new double[S];
        double[] vaR = new double[R];
        double[] vaS = new double[S];
        double[] wageBillR = new double[R];
        double[] wageBillS = new double[S];
        double[] attemptsR = new double[R];
        double[] successR = new double[R];
        double[] upgradesR = new double[R];
        double[] failFinR = new double[R];
        double[] constrainedR = new double[R];
        double[] exitsR = new double[R];
        double[] slowR = new double[R];
        double[] fastR = new double[R];
        double[] hiresHR = new double[R];
        double[] mismatchR = new double[R];
        double[] revS = new double[S];
        double[] hiRevS = new double[S];
        double[] outS = new double[S];
        double[] capS = new double[S];
        double[] displacedS = new double[S];
        double[] reinstS = new double[S];
        double[] s2PlusR = new double[R];
        double[] hiRevR = new double[R];
        double[] revR = new double[R];
        double[] outR = new double[R];
        double[] capR = new double[R];
        double exposure50 = 0;
        double exposure10 = 0;
        double exposureEmp = 0;
        double feasibleW = 0;
        double costEffW = 0;
        double outside = 0;
        double producing = 0;
        double failedExec = 0;
        double entries = 0;
        double s2 = 0;
        double significant = 0;
        double capital = 0;
        double intangible = 0;
        double intangibleInv = 0;
        double layers = 0;
        double products = 0;
        double scopeSaving = 0;
        double totalCost = 0;
        double aiEnergy = 0;
        double energy = 0;
        double energySaved = 0;
        double[][] hkA = new double[S][];
        double[][] hkR = new double[S][];
        int[] hkN = new int[S];
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
            attemptsR[r] += f.innovationAttempts();
            successR[r] += f.innovationSuccesses();
            if (f.adoption() == FirmReport.ADOPT_COMPLETED) {
                upgradesR[r]++;
            } else if (f.adoption() == FirmReport.ADOPT_FAILED_FINANCE) {
                failFinR[r]++;
            } else if (f.adoption() == FirmReport.ADOPT_FAILED_LEAP || f.adoption() == FirmReport.ADOPT_FAILED_SERIAL) {
                failedExec++;
            }
            if (f.financingConstrained()) {
                constrainedR[r]++;
            }
            hiresHR[r] += f.hiresH();
            mismatchR[r] += f.mismatchedH();
            revS[s] += f.revenue();
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
        double firms = sum(firmsR);
        double emp = sum(empR);

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
        out.set(Indicator.FINANCING_CONSTRAINED, sum(constrainedR));
        out.set(Indicator.SIGNIFICANT_VALUE, ratio(significant, s2));

        // ---- productivity and accounts (C: measured vs true TFP)
        double[] priceS = new double[S];
        double realVa = 0;
        double nominalVa = 0;
        for (SectorSummary ss : produce.sectors()) {
            priceS[ss.sector()] = ss.priceIndex();
        }
        double[] realS = new double[S];
        for (int s = 0; s < S; s++) {
            realS[s] = priceS[s] > 0 && Double.isFinite(priceS[s]) ? vaS[s] / priceS[s] : 0;
            realVa += realS[s];
            nominalVa += vaS[s];
        }
        double deflator = realVa > 0 ? nominalVa / realVa : Double.NaN;
        double sK = p.get(Param.SHARE_K);
        double sG = p.get(Param.SHARE_G);
        double lnY = Num.log(realVa);
        double lnMeas = lnY - sK * Num.log(capital) - (1 - sK) * Num.log(emp);
        double realIg = intangibleInv / deflator;
        double lnTrue = Num.log(realVa + realIg) - sK * Num.log(capital) - sG * Num.log(Math.max(intangible, 1e-9))
                - (1 - sK - sG) * Num.log(emp);
        out.set(Indicator.LN_REAL_OUTPUT, lnY);
        out.set(Indicator.LN_TFP_MEASURED, lnMeas);
        out.set(Indicator.LN_TFP_TRUE, lnTrue);
        out.set(Indicator.LN_LABOUR_PRODUCTIVITY, lnY - Num.log(emp));
        out.set(Indicator.PRICE_INDEX, deflator);
        out.set(Indicator.INTANGIBLE_RATE, ratio(intangibleInv, nominalVa));
        double[] capitalS = new double[S];
        for (FirmReport f : reports) {
            if (f.event() != FirmReport.EXITED) {
                capitalS[f.sector()] += f.capital();
            }
        }
        for (int s = 0; s < S; s++) {
            double ls = Num.log(realS[s]);
            out.setSector(Indicator.LN_REAL_OUTPUT, s, ls);
            out.setSector(Indicator.LN_TFP_MEASURED, s, ls - sK * Num.log(capitalS[s]) - (1 - sK) * Num.log(empS[s]));
            out.setSector(Indicator.LN_LABOUR_PRODUCTIVITY, s, ls - Num.log(empS[s]));
            out.setSector(Indicator.PRICE_INDEX, s, priceS[s]);
        }
        for (int r = 0; r < R; r++) {
            out.setRegion(Indicator.LN_LABOUR_PRODUCTIVITY, r, Num.log(vaR[r] / deflator) - Num.log(empR[r]));
        }
        double[] tert = classSums(vaS, realS, empS, SectorClass.TERTIARY);
        double[] sec = classSums(vaS, realS, empS, SectorClass.SECONDARY);
        out.set(Indicator.LN_PRICE_RATIO, Num.log(tert[0] / tert[1]) - Num.log(sec[0] / sec[1]));
        out.set(Indicator.LN_PRODUCTIVITY_RATIO, Num.log(tert[1] / tert[2]) - Num.log(sec[1] / sec[2]));
        TickIndicators first = history.isEmpty() ? out : history.get(0);
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
        double attempts = sum(attemptsR);
        double successes = sum(successR);
        out.set(Indicator.INNOVATION_SUCCESS, ratio(successes, attempts));
        out.set(Indicator.INNOVATION_GAIN, ratio(successes * p.get(Param.INNOV_STEP), firms));
        // A3b Hsieh-Klenow allocative gap and concentration
        double eps = p.get(Param.DEMAND_ELASTICITY);
        double gapW = 0;
        double gapVa = 0;
        double[] revenueShares = new double[0];
        double hhiW = 0;
        double hhiRev = 0;
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
            int count = 0;
            for (FirmReport f : reports) {
                if (f.sector() == s && f.event() != FirmReport.EXITED && f.revenue() > 0) {
                    count++;
                }
            }
            if (count == 0) {
                continue;
            }
            revenueShares = new double[count];
            int k = 0;
            for (FirmReport f : reports) {
                if (f.sector() == s && f.event() != FirmReport.EXITED && f.revenue() > 0) {
                    revenueShares[k++] = f.revenue();
                }
            }
            double h = Inequality.hhi(revenueShares);
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

        // ---- labour (A2, B4)
        double[] uR = new double[R * 2];
        double[] trainR = new double[R];
        double[] completionsR = new double[R];
        for (CohortReport c : owners.cohorts()) {
            uR[c.region() * 2 + c.skill()] = c.unemployed();
            if (c.skill() == 0) {
                trainR[c.region()] = c.training();
                completionsR[c.region()] = c.trainingCompletions();
            }
        }
        double[] wageL = env.wageL();
        double[] wageH = env.wageH();
        double uL = 0;
        double uH = 0;
        double eL = 0;
        double eH = 0;
        double train = 0;
        double completions = 0;
        double premium = 0;
        double wageLow = 0;
        double[] gW = new double[R * 2];
        double[] gN = new double[R * 2];
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
            out.setRegion(Indicator.SKILL_MISMATCH, r, ratio(mismatchR[r], hiresHR[r]));
            premium += empR[r] * wageH[r] / wageL[r];
            wageLow += empR[r] * wageL[r];
            gW[r * 2] = wageL[r];
            gW[r * 2 + 1] = wageH[r];
            gN[r * 2] = empLR[r];
            gN[r * 2 + 1] = empHR[r];
        }
        double lf = emp + uL + uH + train;
        out.set(Indicator.HIGH_SKILL_SHARE, ratio(eH + uH, lf));
        out.set(Indicator.SKILL_PREMIUM, ratio(premium, emp));
        out.set(Indicator.WAGE_LOW, ratio(wageLow, emp));
        out.set(Indicator.UNEMPLOYMENT, ratio(uL + uH, emp + uL + uH));
        out.set(Indicator.UNEMPLOYMENT_LOW, ratio(uL, eL + uL));
        out.set(Indicator.UNEMPLOYMENT_HIGH, ratio(uH, eH + uH));
        out.set(Indicator.WAGE_GINI, sum(gN) > 0 ? Inequality.gini(gW, gN) : Double.NaN);
        out.set(Indicator.TRAINING, ratio(train, lf));
        out.set(Indicator.TRAINING_COMPLETIONS, ratio(completions, train + completions));
        out.set(Indicator.SKILL_MISMATCH, ratio(sum(mismatchR), sum(hiresHR)));
        double alpha = p.get(Param.MATCH_ELASTICITY);
        double vTot = 0;
        double uTot = 0;
        double mTot = 0;
        double[] vRegion = new double[R];
        double[] uRegion = new double[R];
        double[] mRegion = new double[R];
        double labEffW = 0;
        double labEffN = 0;
        double[] finEffR = new double[R];
        double[] techEffR = new double[R];
        double[] approvalR = new double[R];
        double[] tradesR = new double[R];
        Regime[] regimes = new Regime[Environment.GAME_MARKETS * R];
        double finRequested = 0;
        double finGranted = 0;
        double goodLoans = 0;
        double badLoans = 0;
        double techEff = Double.NaN;
        double daEff = Double.NaN;
        double blocking = Double.NaN;
        int[] separating = new int[3];
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
        double goodTotal = 0;
        double goodFunded = 0;
        for (MarketCleared m : clearing.summaries()) {
            if (m.market() == org.ngai.model.core.MarketKind.FIN && m.region() >= 0 && Double.isFinite(m.efficiency())) {
                goodFunded += m.goodTraded();
                goodTotal += m.goodTraded() / Math.max(m.efficiency(), 1e-12);
            }
        }
        out.set(Indicator.FIN_EFFICIENCY, goodTotal > 0 ? goodFunded / goodTotal : Double.NaN);
        out.set(Indicator.TECH_EFFICIENCY, techEff);
        out.set(Indicator.VISIBILITY, env.visibility());
        int trades = clearing.techSales().size();
        double[] byClass = new double[3];
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

        // ---- AI industry (A5, C, A7)
        AiMarketState ai = env.ai();
        out.set(Indicator.Q_AI, ai.quality());
        out.set(Indicator.THETA, ai.theta());
        out.set(Indicator.THETA_GAP, ai.thetaUs() - ai.theta());
        out.set(Indicator.P_AI, clearing.ai().price());
        out.set(Indicator.AI_REVENUE, clearing.ai().revenue());
        double omega = p.get(Param.FIRMS_REAL) / scenario.firms();
        out.set(Indicator.AI_REVENUE_BN, clearing.ai().revenue() * 4 * omega * p.get(Param.YUAN_PER_UNIT));
        out.set(Indicator.IMPORT_SHARE, ai.importShare());
        out.set(Indicator.COMPUTE_SHORTFALL, clearing.ai().shortfall());
        out.set(Indicator.AI_ENERGY, aiEnergy);
        out.set(Indicator.AI_ENERGY_SHARE, ratio(aiEnergy, energy));
        out.set(Indicator.NET_ENERGY, aiEnergy - energySaved);
        VendorSummary v = owners.vendors();
        double vendors = sum(v.countByRegion());
        out.set(Indicator.VENDORS, vendors * v.realPerModelled());
        double[] gdp = new double[R];
        boolean[] leading = new boolean[R];
        int[] area = new int[R];
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
        double[] s3R = new double[R];
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

        // ---- lifecycle
        out.set(Indicator.FIRMS, firms);
        out.set(Indicator.ENTRIES, entries);
        out.set(Indicator.EXITS, sum(exitsR));
        out.set(Indicator.SLOW_DEATHS, sum(slowR));
        out.set(Indicator.FAST_DEATHS, sum(fastR));

        // ---- loop gain (A5): rolling 8-tick OLS on history + this tick
        out.set(Indicator.LOOP_GAIN, loopGain(out));

        // ---- coupling coordination (B5)
        double[][] inputs = new double[R + 1][];
        double realShare = owners.realEconomyShare();
        double[] baseR = new double[R];
        // BASE-layer share by region is not tracked per vendor region in the summary; use national share
        double baseShare = vendors > 0 ? v.countByLayer()[0] / vendors : 0;
        java.util.Arrays.fill(baseR, baseShare);
        double firstLevel = first.get(Indicator.LN_LABOUR_PRODUCTIVITY);
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

        // ---- environment of t+1
        double[] nextWageL = new double[R];
        double[] nextWageH = new double[R];
        for (CohortFlow f : clearing.cohortFlows()) {
            if (f.skill() == 0) {
                nextWageL[f.region()] = f.nextWage();
            } else {
                nextWageH[f.region()] = f.nextWage();
            }
        }
        double[] adopters = adopterShares(reports);
        double[] revenueShare = new double[R];
        double totalRev = sum(v.revenueByRegion());
        for (int r = 0; r < R; r++) {
            revenueShare[r] = totalRev > 0 ? v.revenueByRegion()[r] / totalRev : ratio(v.countByRegion()[r], vendors);
        }
        Environment next = environment(scenario, tick + 1, owners.nextAi(), nextWageL, nextWageH,
                owners.nextIntermediaryShare(), regimes, adopters, revenueShare, out.get(Indicator.REAL_OUTPUT));
        return new Result(out, next, inputs);
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
}
