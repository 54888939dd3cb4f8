package org.ngai.indicator.service;

import java.util.List;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Payloads;
import org.ngai.events.RecordBatch;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FirmReport;
import org.ngai.model.tick.OwnerReports;

/**
 * One decoded and checked input of the aggregation (or the end of a run). Decoding happens when the
 * event arrives, so an invalid event is rejected right away even if its run is not known yet.
 *
 * @param value Environment (TICK_STARTED), MarketClearing, List&lt;FirmReport&gt; (FIRM_REPORTS),
 *              ReportsClosed, OwnerReports, RunFinished or RunCancelled
 */
record Input(EventType type, String runId, int tick, int part, Object value) {

    static Input decode(EventType type, Envelope e) {
        return switch (type) {
            case TICK_STARTED -> {
                tickAtLeastOne(type, e);
                Environment env = EventCodec.payload(e, Payloads.TickStarted.class).environment();
                require(type, env != null, "environment");
                if (env.tick() != e.tick()) {
                    throw new IllegalArgumentException("payload of TICK_STARTED: environment.tick " + env.tick()
                            + " does not match the event's tick " + e.tick());
                }
                yield new Input(type, e.runId(), e.tick(), 0, env);
            }
            case MARKET_CLEARED -> {
                tickAtLeastOne(type, e);
                Payloads.MarketClearing mc = EventCodec.payload(e, Payloads.MarketClearing.class);
                require(type, mc.cohortFlows() != null, "cohortFlows");
                require(type, mc.lenderFlows() != null, "lenderFlows");
                require(type, mc.techSales() != null, "techSales");
                require(type, mc.ai() != null, "ai");
                require(type, mc.summaries() != null, "summaries");
                yield new Input(type, e.runId(), e.tick(), 0, mc);
            }
            case FIRM_REPORTS -> {
                tickAtLeastOne(type, e);
                RecordBatch batch = EventCodec.payload(e, RecordBatch.class);
                if (batch.part() != e.part()) {
                    throw new IllegalArgumentException("payload of FIRM_REPORTS: part " + batch.part()
                            + " does not match the envelope's part " + e.part());
                }
                if (e.part() < 0) {
                    throw new IllegalArgumentException("part must be >= 0, got " + e.part());
                }
                List<FirmReport> reports;
                try {
                    reports = batch.records(FirmReport.class);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("payload of FIRM_REPORTS: " + ex.getMessage());
                } catch (RuntimeException ex) {
                    throw new IllegalArgumentException("payload of FIRM_REPORTS: data cannot be decoded ("
                            + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")");
                }
                yield new Input(type, e.runId(), e.tick(), e.part(), reports);
            }
            case REPORTS_CLOSED -> {
                tickAtLeastOne(type, e);
                Payloads.ReportsClosed c = EventCodec.payload(e, Payloads.ReportsClosed.class);
                require(type, c.sectors() != null, "sectors");
                if (c.parts() < 0 || c.records() < 0) {
                    throw new IllegalArgumentException("payload of REPORTS_CLOSED: parts and records must be >= 0, got "
                            + c.parts() + " and " + c.records());
                }
                yield new Input(type, e.runId(), e.tick(), 0, c);
            }
            case OWNERS_REPORTED -> {
                tickAtLeastOne(type, e);
                OwnerReports o = EventCodec.payload(e, OwnerReports.class);
                require(type, o.nextAi() != null, "nextAi");
                require(type, o.vendors() != null, "vendors");
                require(type, o.nextIntermediaryShare() != null, "nextIntermediaryShare");
                yield new Input(type, e.runId(), e.tick(), 0, o);
            }
            case RUN_FINISHED -> new Input(type, e.runId(), e.tick(), 0, EventCodec.payload(e, Payloads.RunFinished.class));
            case RUN_CANCELLED -> new Input(type, e.runId(), e.tick(), 0, EventCodec.payload(e, Payloads.RunCancelled.class));
            default -> throw new IllegalStateException(type + " is not an input of the aggregation");
        };
    }

    private static void tickAtLeastOne(EventType type, Envelope e) {
        if (e.tick() < 1) {
            throw new IllegalArgumentException("tick of " + type + " must be >= 1, got " + e.tick());
        }
    }

    private static void require(EventType type, boolean ok, String field) {
        if (!ok) {
            throw new IllegalArgumentException("payload of " + type + ": field " + field + " is missing");
        }
    }
}
