package org.ngai.factor.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ngai.events.EventCodec;
import org.ngai.factor.persistence.AiMarketEntity;
import org.ngai.factor.persistence.CohortEntity;
import org.ngai.factor.persistence.FactorRunEntity;
import org.ngai.factor.persistence.LenderEntity;

/** What the API shows. Money in wage units; flows per quarter. */
public final class Views {
    private Views() {
    }

    @Schema(description = "A run as factor-service knows it")
    public record RunView(String runId, String scenario, long seed, int firms, int ticks,
                          @Schema(description = "RUNNING, STALLED, FINISHED, CANCELLED or FAILED") String status,
                          @Schema(description = "what a STALLED run waits for; empty otherwise") String message,
                          @Schema(description = "last tick whose FACTOR_SUPPLIED was published") int lastTickSupplied,
                          @Schema(description = "last tick whose OWNERS_REPORTED was published and stored") int lastTickApplied,
                          Instant createdAt, Instant updatedAt,
                          @Schema(description = "the normalised scenario document (single run only)") JsonNode document) {
        static RunView of(FactorRunEntity e, boolean withDocument) {
            JsonNode doc = null;
            if (withDocument && e.scenarioJson != null) {
                try {
                    doc = EventCodec.MAPPER.readTree(e.scenarioJson);
                } catch (java.io.IOException ex) {
                    throw new IllegalStateException(ex);
                }
            }
            return new RunView(e.runId, e.scenarioName, e.seed, e.firms, e.ticks, e.status,
                    e.message == null ? "" : e.message, e.lastTickSupplied,
                    e.lastTickApplied, e.createdAt, e.updatedAt, doc);
        }
    }

    @Schema(description = "A region × skill worker cohort after a tick (spec §A2)")
    public record CohortView(@Schema(description = "province code", example = "GD") String region,
                             @Schema(description = "LOW or HIGH") String skill,
                             @Schema(description = "job seekers") double unemployed,
                             @Schema(description = "workers in training (LOW only)") double training,
                             double trainingStarts, double trainingCompletions,
                             @Schema(description = "completions that upgraded to HIGH") double trainingSuccesses) {
        static CohortView of(CohortEntity e) {
            return new CohortView(e.region, e.skill, e.unemployed, e.training, e.trainingStarts, e.trainingCompletions,
                    e.trainingSuccesses);
        }
    }

    @Schema(description = "Worker cohorts of a run after one tick")
    public record CohortPage(String runId, @Schema(description = "0 when no tick is stored yet") int tick,
                             List<CohortView> cohorts) {
    }

    @Schema(description = "A lender after a tick (spec §B3 finance)")
    public record LenderView(int lenderId, @Schema(description = "province code") String region, double capital,
                             boolean aiAdopted, double lent, double lentToBadProjects, double defaults) {
        static LenderView of(LenderEntity e) {
            return new LenderView(e.lenderId, e.region, e.capital, e.aiAdopted, e.lent, e.lentToBadProjects, e.defaults);
        }
    }

    @Schema(description = "Lenders of a run after one tick")
    public record LenderPage(String runId, @Schema(description = "0 when no tick is stored yet") int tick,
                             List<LenderView> lenders) {
    }

    @Schema(description = "The AI capital market after a tick: the AI market state that opens tick+1, the vendors of the tick")
    public record AiMarketView(@Schema(description = "the tick that was applied") int tick,
                               @Schema(description = "capability frontier θ of tick+1") double theta,
                               double thetaTacit, double thetaUs,
                               @Schema(description = "q_AI of tick+1") double quality,
                               @Schema(description = "price of one deployed AI unit per quarter in tick+1") double price,
                               double energyPerUnit, double computeDomestic, double computeImported,
                               boolean exportControl, double dataStock, double effectiveData, double collapse,
                               @Schema(description = "AI revenue of the tick") double revenue,
                               double rdBase,
                               @Schema(description = "real AI vendor firms (modelled × real per modelled)") double vendors,
                               double vendorsModelled, double baseLayerShare, double techLayerShare,
                               double appLayerShare, int entrants, int exits,
                               @Schema(description = "lenders' share of credit to the real economy") double realEconomyShare) {
        static AiMarketView of(AiMarketEntity e) {
            return new AiMarketView(e.tick, e.theta, e.thetaTacit, e.thetaUs, e.quality, e.price, e.energyPerUnit,
                    e.computeDomestic, e.computeImported, e.exportControl, e.dataStock, e.effectiveData, e.collapse,
                    e.revenue, e.rdBase, e.vendors, e.vendorsModelled, e.baseLayerShare, e.techLayerShare,
                    e.appLayerShare, e.entrants, e.exits, e.realEconomyShare);
        }
    }
}
