package org.ngai.model.factor;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.core.Num;
import org.ngai.model.core.Region;
import org.ngai.model.core.Rng;
import org.ngai.model.core.Sector;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.AiOffer;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.CohortFlow;
import org.ngai.model.tick.CohortReport;
import org.ngai.model.tick.CohortSupply;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.LenderFlow;
import org.ngai.model.tick.LenderOffer;
import org.ngai.model.tick.LenderReport;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.Supplies;
import org.ngai.model.tick.TechOffer;
import org.ngai.model.tick.VendorSummary;

/**
 * The factor side of a tick (docs/pipeline.md steps 2 and 4): {@link #supply} posts what owners offer
 * (a pure function of their state and the environment), {@link #apply} books the markets' results
 * and advances owners (training, lender capital and AI adoption, vendors, the AI market).
 */
public final class FactorPhase {
    private final Scenario scenario;

    public FactorPhase(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Total nominal final expenditure at tick t. */
    static double expenditure(FactorOwners o, Params p, int tick) {
        return o.expenditure0 * Num.pow(1 + p.get(Param.NOMINAL_GROWTH), tick);
    }

    /** Lenders' share of credit going to the real economy: 2·Λ(−κ_v·Δr_v), 1 when Δr_v = 0 (B3 脱实向虚). */
    static double realEconomyShare(Params p) {
        return 2 * Num.logistic(-p.get(Param.VIRTUAL_SENSITIVITY) * p.get(Param.VIRTUAL_SPREAD));
    }

    /**
     * The real economy's realised share of lenders' loanable funds this tick: credit granted to firms over
     * all funds (c·expenditure). Lenders offer firms at most the share 2·Λ(−κ_v·Δr_v) and place whatever
     * firms do not take in virtual/financial assets, so the share moves with the 脱实向虚 spread and with
     * firms' demand for credit (spec §B3).
     */
    static double realisedRealShare(FactorOwners o, Params p, int tick, List<LenderFlow> flows) {
        double funds = p.get(Param.LENDER_CAPACITY) * expenditure(o, p, tick);
        double lent = 0;
        for (LenderFlow f : flows) {
            lent += f.lentSecured() + f.lentUnsecured();
        }
        return funds > 0 ? Math.min(1, lent / funds) : 0;
    }

    // ================================================================================ supply

    public Supplies supply(FactorOwners o, Environment env, int tick) {
        Params p = scenario.paramsAt(tick);
        List<CohortSupply> cohorts = new ArrayList<>(Region.COUNT * 2);
        double search = 1 - 0.2 * p.get(Param.SAFETY_NET);
        for (int r = 0; r < Region.COUNT; r++) {
            for (int s = 0; s < 2; s++) {
                cohorts.add(new CohortSupply(r, s, o.unemployed[r * 2 + s] * search));
            }
        }
        List<LenderOffer> lenders = new ArrayList<>(o.lenders.size());
        double credit = p.get(Param.LENDER_CAPACITY) * expenditure(o, p, tick) * realEconomyShare(p);
        double capital0 = o.lenderCapital0 * Num.pow(1 + p.get(Param.NOMINAL_GROWTH), tick);
        double perLender0 = capital0 / o.lenders.size();
        for (Lender l : o.lenders) {
            double cap = credit / o.lenders.size() * Math.max(0, Math.min(1.5, l.capital / perLender0));
            lenders.add(new LenderOffer(l.id, l.region, cap, l.aiAdopted));
        }
        List<TechOffer> offers = techOffers(o, p, tick);
        AiOffer ai = new AiOffer(o.ai.computeCapacity(), o.ai.price(), o.ai.quality());
        double[] screening = new double[Environment.GAME_MARKETS * Region.COUNT];
        for (int i = 0; i < screening.length; i++) {
            screening[i] = o.intermediaryShare[i] * o.ai.quality();
        }
        return new Supplies(cohorts, lenders, offers, ai, screening);
    }

    /** Technology results offered in tick t (B3 TECH); ids are (tick, index), so no state changes. */
    private List<TechOffer> techOffers(FactorOwners o, Params p, int tick) {
        double[] vendorShare = vendorShares(o);
        double gdpTotal = 0;
        for (Region r : Region.ALL) {
            gdpTotal += r.gdpWeight();
        }
        double[] cumSector = new double[Sector.COUNT];
        double acc = 0;
        for (Sector s : Sector.values()) {
            acc += s.expenditureShare;
            cumSector[s.ordinal()] = acc;
        }
        double rho = p.get(Param.GAME_GOOD_SHARE);
        List<TechOffer> out = new ArrayList<>();
        int k = 0;
        for (Region r : Region.ALL) {
            double w = 0.5 * r.gdpWeight() / gdpTotal + 0.5 * vendorShare[r.index()];
            Rng rng = Rng.of(scenario.seed(), Rng.Stream.TECH_OFFERS, r.index(), tick);
            int count = rng.poisson(p.get(Param.TECH_RESULTS) * o.firms * w);
            for (int i = 0; i < count; i++) {
                int sector = rng.pick(cumSector);
                boolean good = rng.bernoulli(rho);
                out.add(new TechOffer(((long) tick << 32) | k++, r.index(), sector, good));
            }
        }
        return out;
    }

    static double[] vendorShares(FactorOwners o) {
        double[] c = new double[Region.COUNT];
        for (Vendor v : o.vendors) {
            c[v.region()]++;
        }
        double n = o.vendors.size();
        for (int r = 0; r < c.length; r++) {
            c[r] = n == 0 ? 0 : c[r] / n;
        }
        return c;
    }

    // ================================================================================= apply

    /** Books tick t's clearing into the owners and advances them to t+1. */
    public OwnerReports apply(FactorOwners o, Environment env, int tick, Clearing clearing) {
        Params p = scenario.paramsAt(tick);
        List<CohortReport> cohorts = applyLabour(o, env, p, clearing.cohortFlows());
        List<LenderReport> lenders = applyLenders(o, p, tick, clearing.lenderFlows());
        VendorSummary vendors = advanceVendors(o, p, tick, clearing.ai().revenue(), clearing.ai().soldByRegion());
        double baseShare = vendors.countByLayer()[Vendor.BASE] / Math.max(1, o.vendors.size());
        o.ai = AiMarket.advance(o.ai, clearing.ai(), p, tick, baseShare, expenditure(o, p, tick));
        advanceIntermediaries(o, p, tick);
        return new OwnerReports(cohorts, lenders, vendors, o.ai, o.intermediaryShare.clone(),
                realisedRealShare(o, p, tick, clearing.lenderFlows()));
    }

    /** A2: U += layoffs + separations + released − hires; U_L → T (τ_tr); T → H with success π_T. */
    private List<CohortReport> applyLabour(FactorOwners o, Environment env, Params p, List<CohortFlow> flows) {
        for (CohortFlow f : flows) {
            int i = f.region() * 2 + f.skill();
            o.unemployed[i] = Math.max(0, o.unemployed[i] + f.layoffs() + f.separations() + f.released() - f.hires());
        }
        double duration = p.get(Param.TRAIN_DURATION);
        double success = Math.min(1, p.get(Param.TRAIN_SUCCESS) * (1 + 0.3 * p.get(Param.TRAIN_COST_SUBSIDY)));
        List<CohortReport> out = new ArrayList<>(Region.COUNT * 2);
        for (int r = 0; r < Region.COUNT; r++) {
            double premium = env.wageH()[r] / env.wageL()[r];
            double tau = p.get(Param.TRAIN_BASE) + p.get(Param.TRAIN_SUBSIDY) + 0.02 * p.get(Param.SAFETY_NET)
                    + p.get(Param.TRAIN_WAGE) * Num.log(Math.max(1, premium));
            tau = Num.clamp(tau, 0, 1);
            double starts = tau * o.unemployed[r * 2];
            // Erlang pipeline: each phase passes K/duration of its stock on per quarter
            int k0 = r * FactorOwners.TRAINING_PHASES;
            double rate = Math.min(1, FactorOwners.TRAINING_PHASES / duration);
            double inflow = starts;
            double completions = 0;
            for (int k = 0; k < FactorOwners.TRAINING_PHASES; k++) {
                double leaving = o.training[k0 + k] * rate;
                o.training[k0 + k] += inflow - leaving;
                inflow = leaving;
            }
            completions = inflow;
            double upgraded = completions * success;
            o.unemployed[r * 2] += completions - upgraded - starts;
            o.unemployed[r * 2 + 1] += upgraded;
            out.add(new CohortReport(r, 0, o.unemployed[r * 2], o.training(r), starts, completions, upgraded));
            out.add(new CohortReport(r, 1, o.unemployed[r * 2 + 1], 0, 0, 0, 0));
        }
        return out;
    }

    /** B3 finance: losses on bad projects and exits shrink capital; lenders adopt AI (Bass diffusion, B2). */
    private List<LenderReport> applyLenders(FactorOwners o, Params p, int tick, List<LenderFlow> flows) {
        double growth = 1 + p.get(Param.NOMINAL_GROWTH);
        int adopted = 0;
        for (Lender l : o.lenders) {
            if (l.aiAdopted) {
                adopted++;
            }
        }
        double share = (double) adopted / o.lenders.size();
        List<LenderReport> out = new ArrayList<>(o.lenders.size());
        int fi = 0;
        for (Lender l : o.lenders) {
            LenderFlow f = null;
            while (fi < flows.size() && flows.get(fi).lenderId() < l.id) {
                fi++;
            }
            if (fi < flows.size() && flows.get(fi).lenderId() == l.id) {
                f = flows.get(fi);
            }
            double lent = f == null ? 0 : f.lentSecured() + f.lentUnsecured();
            double bad = f == null ? 0 : f.lentToBadProjects();
            double defaults = f == null ? 0 : f.defaults();
            l.capital = l.capital * growth - 0.5 * (bad + defaults) + p.get(Param.LOAN_RATE) * 0.3 * lent;
            if (!l.aiAdopted) {
                Rng rng = Rng.of(scenario.seed(), Rng.Stream.LENDERS, l.id, tick);
                double hazard = (p.get(Param.INTERMEDIARY_P) + p.get(Param.INTERMEDIARY_Q) * share) * o.ai.quality() * 2;
                l.aiAdopted = rng.nextDouble() < hazard;
            }
            out.add(new LenderReport(l.id, l.region, l.capital, l.aiAdopted, lent, bad, defaults));
        }
        return out;
    }

    /** B2: intermediaries (HR platforms, tech-transfer platforms) adopt AI by Bass diffusion, faster with infrastructure. */
    private void advanceIntermediaries(FactorOwners o, Params p, int tick) {
        int adopted = 0;
        for (Lender l : o.lenders) {
            if (l.aiAdopted) {
                adopted++;
            }
        }
        double lenderShare = (double) adopted / o.lenders.size();
        double bp = p.get(Param.INTERMEDIARY_P);
        double bq = p.get(Param.INTERMEDIARY_Q);
        for (int r = 0; r < Region.COUNT; r++) {
            // Bass diffusion towards a regional ceiling set by digital infrastructure: dN = (p + q·N/m)(m − N)
            double ceiling = org.ngai.model.firm.FirmEconomics.infra(p, r);
            for (int m : new int[] {Environment.LAB, Environment.TECH}) {
                int c = Environment.cell(m, r);
                double s = o.intermediaryShare[c];
                o.intermediaryShare[c] = s >= ceiling ? s : Math.min(ceiling, s + (bp + bq * s / ceiling) * (ceiling - s));
            }
            double infra = ceiling;
            o.intermediaryShare[Environment.cell(Environment.FIN, r)] = Math.min(1, lenderShare * (0.6 + 0.4 * infra));
        }
    }

    /**
     * A5/E3.9: vendor entry scaled by AI revenue growth. Entrants locate partly by agglomeration
     * (incumbents' shares), the rest half by GDP × infrastructure² and half by where AI is bought (the
     * region's share of AI units sold): the feedback loop of spec §3.4, so policies that spread
     * adoption also spread the AI industry.
     */
    private VendorSummary advanceVendors(FactorOwners o, Params p, int tick, double revenue, double[] aiSoldByRegion) {
        Rng rng = Rng.of(scenario.seed(), Rng.Stream.VENDORS, -1, tick);
        // exits
        int exits = 0;
        List<Vendor> kept = new ArrayList<>(o.vendors.size());
        for (Vendor v : o.vendors) {
            Rng vr = Rng.of(scenario.seed(), Rng.Stream.VENDORS, v.id(), tick);
            if (vr.nextDouble() < p.get(Param.VENDOR_EXIT)) {
                exits++;
            } else {
                kept.add(v);
            }
        }
        o.vendors.clear();
        o.vendors.addAll(kept);
        // entry
        double growth = o.ai.revenue() > 0 ? Math.max(0, revenue / o.ai.revenue() - 1) : 0;
        double expected = p.get(Param.VENDOR_ENTRY) * (1 + 4 * Math.min(0.25, growth)) * kept.size();
        int entrants = rng.poisson(expected);
        double[] shares = vendorShares(o);
        double lambda = p.get(Param.VENDOR_PERSISTENCE);
        double[] attract = new double[Region.COUNT];
        double total = 0;
        for (Region r : Region.ALL) {
            double infra = org.ngai.model.firm.FirmEconomics.infra(p, r.index());
            attract[r.index()] = r.gdpWeight() * infra * infra;
            total += attract[r.index()];
        }
        double sold = 0;
        for (int r = 0; r < Region.COUNT; r++) {
            sold += aiSoldByRegion[r];
        }
        double[] cum = new double[Region.COUNT];
        double acc = 0;
        for (int r = 0; r < Region.COUNT; r++) {
            double market = sold > 0 ? 0.5 * attract[r] / total + 0.5 * aiSoldByRegion[r] / sold : attract[r] / total;
            acc += lambda * shares[r] + (1 - lambda) * market;
            cum[r] = acc;
        }
        double baseP = Math.min(0.9, p.get(Param.LAYER_BASE_ENTRY) + 100 * p.get(Param.PUBLIC_BASE_RD));
        double techP = p.get(Param.LAYER_TECH_ENTRY);
        for (int e = 0; e < entrants; e++) {
            int region = rng.pick(cum);
            double u = rng.nextDouble();
            int layer = u < baseP ? Vendor.BASE : u < baseP + techP ? Vendor.TECH : Vendor.APP;
            o.vendors.add(new Vendor(o.nextVendorId++, region, layer, tick));
        }
        double[] byRegion = new double[Region.COUNT];
        double[] byLayer = new double[3];
        for (Vendor v : o.vendors) {
            byRegion[v.region()]++;
            byLayer[v.layer()]++;
        }
        double[] revenueByRegion = new double[Region.COUNT];
        double n = o.vendors.size();
        for (int r = 0; r < Region.COUNT; r++) {
            revenueByRegion[r] = n == 0 ? 0 : revenue * byRegion[r] / n;
        }
        double realPer = p.get(Param.VENDORS_REAL0) / p.getInt(Param.VENDORS0);
        return new VendorSummary(byRegion, byLayer, revenueByRegion, revenue, entrants, exits, realPer);
    }
}
