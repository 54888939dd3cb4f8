package org.ngai.factor.service;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import org.ngai.service.WriterThread;
import org.ngai.factor.persistence.AiMarketEntity;
import org.ngai.factor.persistence.CohortEntity;
import org.ngai.factor.persistence.FactorCheckpointEntity;
import org.ngai.factor.persistence.FactorRunEntity;
import org.ngai.factor.persistence.LenderEntity;
import org.ngai.model.core.Region;
import org.ngai.model.core.Skill;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.AiMarketState;
import org.ngai.model.tick.CohortReport;
import org.ngai.model.tick.LenderReport;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.VendorSummary;

/**
 * Persists runs and the owner states of each tick (cohorts, lenders, AI market) in one batch per
 * tick, on one background thread and in order, so the database never sits on the tick's critical
 * path. {@link #flush()} waits until everything queued is written. Rewriting a tick replaces it.
 */
@ApplicationScoped
public class OwnerStateWriter {
    private final WriterThread writer = new WriterThread("factor-state-writer");

    /** Creates (or re-opens) the run's row. */
    public void runStarted(String runId, Scenario s) {
        writer.inTransaction("start run " + runId, () -> {
            FactorRunEntity e = FactorRunEntity.findById(runId);
            if (e == null) {
                e = new FactorRunEntity();
                e.runId = runId;
                e.createdAt = Instant.now();
                e.persist();
            }
            e.scenarioName = s.name();
            e.scenarioJson = ScenarioLoader.toJson(s);
            e.seed = s.seed();
            e.firms = s.firms();
            e.ticks = s.ticks();
            e.status = FactorRunEntity.Status.RUNNING.name();
            e.updatedAt = Instant.now();
        });
    }

    public void supplied(String runId, int tick) {
        writer.inTransaction("record supply of run " + runId + " tick " + tick, () -> {
            FactorRunEntity e = FactorRunEntity.findById(runId);
            if (e != null) {
                e.lastTickSupplied = Math.max(e.lastTickSupplied, tick);
                e.updatedAt = Instant.now();
            }
        });
    }

    /** Stores tick t's owner states (when {@code reports} is not null) and moves the run's last applied tick. */
    public void applied(String runId, int tick, OwnerReports reports) {
        writer.inTransaction("persist owner states of run " + runId + " tick " + tick, () -> {
            if (reports != null) {
                CohortEntity.delete("runId = ?1 and tick = ?2", runId, tick);
                LenderEntity.delete("runId = ?1 and tick = ?2", runId, tick);
                AiMarketEntity.delete("runId = ?1 and tick = ?2", runId, tick);
                for (CohortReport c : reports.cohorts()) {
                    cohort(runId, tick, c).persist();
                }
                for (LenderReport l : reports.lenders()) {
                    lender(runId, tick, l).persist();
                }
                aiMarket(runId, tick, reports).persist();
            }
            FactorRunEntity e = FactorRunEntity.findById(runId);
            if (e != null) {
                e.lastTickApplied = Math.max(e.lastTickApplied, tick);
                e.updatedAt = Instant.now();
            }
        });
    }

    /**
     * The run has ended: its status, and its checkpoint is deleted in the same transaction (so a crash leaves
     * either a running run with its checkpoint or an ended run without one). In bulk, not loaded.
     */
    public void runEnded(String runId, FactorRunEntity.Status status) {
        writer.inTransaction("end run " + runId, () -> {
            FactorRunEntity e = FactorRunEntity.findById(runId);
            if (e != null) {
                e.status = status.name();
                e.message = "";
                e.updatedAt = Instant.now();
            }
            FactorCheckpointEntity.delete("runId", runId);
        });
    }

    /** Sets the run's status and message (what a STALLED run waits for; empty otherwise). */
    public void status(String runId, FactorRunEntity.Status status, String message) {
        writer.inTransaction("set status of run " + runId, () -> {
            FactorRunEntity e = FactorRunEntity.findById(runId);
            if (e != null) {
                e.status = status.name();
                e.message = message;
                e.updatedAt = Instant.now();
            }
        });
    }

    /** Blocks until everything queued so far is written (tests, shutdown). */
    public void flush() {
        writer.flush();
    }

    void onStop(@Observes ShutdownEvent ev) {
        writer.close();
    }

    static CohortEntity cohort(String runId, int tick, CohortReport c) {
        CohortEntity e = new CohortEntity();
        e.runId = runId;
        e.tick = tick;
        e.region = Region.of(c.region()).code();
        e.skill = Skill.values()[c.skill()].name();
        e.unemployed = c.unemployed();
        e.training = c.training();
        e.trainingStarts = c.trainingStarts();
        e.trainingCompletions = c.trainingCompletions();
        e.trainingSuccesses = c.trainingSuccesses();
        return e;
    }

    static LenderEntity lender(String runId, int tick, LenderReport l) {
        LenderEntity e = new LenderEntity();
        e.runId = runId;
        e.tick = tick;
        e.lenderId = l.lenderId();
        e.region = Region.of(l.region()).code();
        e.capital = l.capital();
        e.aiAdopted = l.aiAdopted();
        e.lent = l.lent();
        e.lentToBadProjects = l.lentToBadProjects();
        e.defaults = l.defaults();
        return e;
    }

    static AiMarketEntity aiMarket(String runId, int tick, OwnerReports r) {
        AiMarketEntity e = new AiMarketEntity();
        e.runId = runId;
        e.tick = tick;
        AiMarketState a = r.nextAi();
        e.theta = a.theta();
        e.thetaTacit = a.thetaTacit();
        e.thetaUs = a.thetaUs();
        e.quality = a.quality();
        e.price = a.price();
        e.energyPerUnit = a.energyPerUnit();
        e.computeDomestic = a.computeDomestic();
        e.computeImported = a.computeImported();
        e.exportControl = a.exportControl();
        e.dataStock = a.dataStock();
        e.effectiveData = a.effectiveData();
        e.collapse = a.collapse();
        e.revenue = a.revenue();
        e.rdBase = a.rdBase();
        VendorSummary v = r.vendors();
        double modelled = 0;
        for (double c : v.countByRegion()) {
            modelled += c;
        }
        double layers = 0;
        for (double c : v.countByLayer()) {
            layers += c;
        }
        e.vendorsModelled = modelled;
        e.vendors = modelled * v.realPerModelled();
        e.baseLayerShare = layers == 0 ? 0 : v.countByLayer()[0] / layers;
        e.techLayerShare = layers == 0 ? 0 : v.countByLayer()[1] / layers;
        e.appLayerShare = layers == 0 ? 0 : v.countByLayer()[2] / layers;
        e.entrants = v.entrants();
        e.exits = v.exits();
        e.realEconomyShare = r.realEconomyShare();
        return e;
    }
}
