package org.ngai.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.ngai.model.tick.AiSale;
import org.ngai.model.tick.CohortFlow;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.LenderFlow;
import org.ngai.model.tick.MarketCleared;
import org.ngai.model.tick.SectorSummary;
import org.ngai.model.tick.TechSale;

/** Payloads of the protocol's own events (the model's records travel as they are). */
public final class Payloads {
    private Payloads() {
    }

    /** A run begins: the normalised scenario document (every service derives its t0 state from it). */
    public record RunStarted(JsonNode scenario) {
    }

    /** Tick t opens with the public environment (docs/pipeline.md step 1). */
    public record TickStarted(Environment environment) {
    }

    /** Tick t is closed; the environment of t+1 (docs/pipeline.md step 5). */
    public record TickClosed(Environment next) {
    }

    public record RunFinished(int ticks) {
    }

    public record RunCancelled(String reason) {
    }

    /** The run holds before its next tick until RUN_RESUMED. */
    public record RunPaused(String reason) {
    }

    public record RunResumed(String reason) {
    }

    /** Closing marker: how many chunks and records the producer posted for (run, tick). */
    public record Closed(int parts, int records) {
    }

    /** The firm reports' closing marker also carries the sector goods markets of the tick. */
    public record ReportsClosed(int parts, int records, List<SectorSummary> sectors) {
    }

    /** Everything of the clearing besides the per-firm matches (docs/pipeline.md step 3). */
    public record MarketClearing(List<CohortFlow> cohortFlows, List<LenderFlow> lenderFlows, List<TechSale> techSales,
                                 AiSale ai, List<MarketCleared> summaries) {
    }
}
