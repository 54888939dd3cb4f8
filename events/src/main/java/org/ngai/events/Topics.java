package org.ngai.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Topic names in one place. Every run-scoped topic is keyed by runId and has the same partition
 * count, so one run's events stay ordered and co-partitioned (docs/pipeline.md "One tick (lockstep)").
 * Naming: {@code <domain>.<entity>.<event>.v<schema>} (spec §F1).
 */
public final class Topics {
    public static final int PARTITIONS = 4;

    /** RunStarted, TickStarted, TickClosed, RunFinished, RunCancelled. */
    public static final String CONTROL = "sim.control.v1";
    /** FirmAdopted: one event per adoption decision. */
    public static final String ADOPTIONS = "firm.adoption.v1";
    /** FactorDemands chunks and the DemandsClosed marker. */
    public static final String DEMANDS = "firm.demand.v1";
    /** FactorSupplied (one per run and tick). */
    public static final String SUPPLIES = "factor.supply.v1";
    /** FactorMatched chunks, MarketCleared summaries and the ClearingClosed marker. */
    public static final String CLEARING = "market.clearing.v1";
    /** FirmReports chunks and the ReportsClosed marker. */
    public static final String FIRM_REPORTS = "firm.report.v1";
    /** OwnersReported (one per run and tick). */
    public static final String OWNER_REPORTS = "factor.report.v1";
    /** IndicatorsPublished (one per run and tick). */
    public static final String INDICATORS = "indicator.published.v1";
    /** Undecodable or rejected records, with the reason in the dead-letter-reason header. */
    public static final String DEAD_LETTER = "sim.deadletter.v1";

    private Topics() {
    }

    /** Every topic with its partition count (the dead-letter topic too). */
    public static Map<String, Integer> all() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String t : new String[] {CONTROL, ADOPTIONS, DEMANDS, SUPPLIES, CLEARING, FIRM_REPORTS, OWNER_REPORTS,
            INDICATORS, DEAD_LETTER}) {
            m.put(t, PARTITIONS);
        }
        return m;
    }
}
