package org.ngai.events;

import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.tick.AdoptionIntent;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.FirmReport;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.Supplies;

/**
 * Every event of the tick protocol (docs/pipeline.md "One tick (lockstep)"), its topic and payload
 * type. Chunks of per-firm records carry a {@link RecordBatch} whose element type is given here.
 */
public enum EventType {
    RUN_STARTED(Topics.CONTROL, Payloads.RunStarted.class, null),
    TICK_STARTED(Topics.CONTROL, Payloads.TickStarted.class, null),
    TICK_CLOSED(Topics.CONTROL, Payloads.TickClosed.class, null),
    RUN_FINISHED(Topics.CONTROL, Payloads.RunFinished.class, null),
    RUN_PAUSED(Topics.CONTROL, Payloads.RunPaused.class, null),
    RUN_RESUMED(Topics.CONTROL, Payloads.RunResumed.class, null),
    RUN_CANCELLED(Topics.CONTROL, Payloads.RunCancelled.class, null),
    FIRM_ADOPTED(Topics.ADOPTIONS, AdoptionIntent.class, null),
    FACTOR_DEMANDS(Topics.DEMANDS, RecordBatch.class, FactorDemand.class),
    DEMANDS_CLOSED(Topics.DEMANDS, Payloads.Closed.class, null),
    FACTOR_SUPPLIED(Topics.SUPPLIES, Supplies.class, null),
    FACTOR_MATCHED(Topics.CLEARING, RecordBatch.class, FirmMatch.class),
    MARKET_CLEARED(Topics.CLEARING, Payloads.MarketClearing.class, null),
    CLEARING_CLOSED(Topics.CLEARING, Payloads.Closed.class, null),
    FIRM_REPORTS(Topics.FIRM_REPORTS, RecordBatch.class, FirmReport.class),
    REPORTS_CLOSED(Topics.FIRM_REPORTS, Payloads.ReportsClosed.class, null),
    OWNERS_REPORTED(Topics.OWNER_REPORTS, OwnerReports.class, null),
    INDICATORS_PUBLISHED(Topics.INDICATORS, TickIndicators.class, null),
    /** Experiments (docs/experiments.md "Through the pipeline"): keyed by the experiment id, not a run id. */
    EXPERIMENT_STARTED(Topics.CONTROL, Payloads.ExperimentStarted.class, null),
    EXPERIMENT_RUN_ENDED(Topics.CONTROL, Payloads.ExperimentRunEnded.class, null),
    EXPERIMENT_CANCELLED(Topics.CONTROL, Payloads.ExperimentCancelled.class, null);

    /** Version of the payload schema; consumers reject other versions to the dead-letter topic. */
    public static final int SCHEMA_VERSION = 1;

    public final String topic;
    public final Class<?> payloadType;
    public final Class<? extends Record> elementType;

    EventType(String topic, Class<?> payloadType, Class<? extends Record> elementType) {
        this.topic = topic;
        this.payloadType = payloadType;
        this.elementType = elementType;
    }
}
