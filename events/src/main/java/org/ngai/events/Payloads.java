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

    /**
     * A run begins: the normalised scenario document (every service derives its t0 state from it). A fork
     * (docs/pipeline.md "Forks") also names its parent and the tick it starts at; each service then derives
     * its state when that tick begins from the scenario, and the run's first tick is the fork tick.
     */
    public record RunStarted(JsonNode scenario, ForkOf fork, ExperimentOf experiment) {
        public RunStarted(JsonNode scenario) {
            this(scenario, null, null);
        }

        public RunStarted(JsonNode scenario, ForkOf fork) {
            this(scenario, fork, null);
        }

        /**
         * The fork, checked against the run's horizon, or null for a run from tick 1.
         *
         * @throws IllegalArgumentException naming payload.fork.* when it is malformed
         */
        public ForkOf checkedFork(int ticks) {
            if (fork == null) {
                return null;
            }
            if (fork.parentRunId() == null || fork.parentRunId().isBlank()) {
                throw new IllegalArgumentException("payload.fork.parentRunId of RUN_STARTED is missing");
            }
            if (fork.tick() < 1 || fork.tick() > ticks) {
                throw new IllegalArgumentException("payload.fork.tick of RUN_STARTED = " + fork.tick()
                        + " is outside the run [1, " + ticks + "]");
            }
            return fork;
        }
    }

    /** A fork's parent run and the tick from which the fork runs under its own scenario. */
    public record ForkOf(String parentRunId, int tick) {
    }

    /** A run that belongs to an experiment: its cell and replicate (informative; membership is in the database). */
    public record ExperimentOf(String experimentId, int cell, int replicate) {
    }

    /** An experiment begins (key: the experiment id): its document, as submitted, and how many runs at once. */
    public record ExperimentStarted(String document, int concurrency) {
    }

    /**
     * A run of an experiment ended (key: the experiment id; part: cell × replicates + replicate). The run's
     * indicator-service has stored what the experiment keeps of it; the experiment's owner starts the next runs.
     */
    public record ExperimentRunEnded(String runId, int cell, int replicate, String status) {
    }

    public record ExperimentCancelled(String reason) {
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
