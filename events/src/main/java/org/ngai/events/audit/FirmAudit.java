package org.ngai.events.audit;

import org.ngai.model.tick.AdoptionIntent;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.FirmReport;

/**
 * What firm {@code firmId} saw and decided at tick {@code tick} of a run, as re-read from the run's Kafka log
 * (docs/pipeline.md "Audit"): nothing is recomputed.
 *
 * @param runId        the run asked about
 * @param answeredFrom the run whose log holds the tick: {@code runId}, or for a fork's ticks before its fork tick
 *                     the parent's (those ticks are the parent's)
 * @param firmId       the firm
 * @param tick         the tick (1-based)
 * @param quarter      its calendar quarter (tick 1 = 2020Q1)
 * @param tickClosed   whether TICK_CLOSED(tick) is on the log; if not the tick was in progress when read, and
 *                     matches and report may still be missing
 * @param status       alive, entered at this tick, or exited at this tick (with the reason)
 * @param environment  the slice of TICK_STARTED(tick)'s environment that bears on the firm ({@link FirmEnvironment})
 * @param decision     its upgrade decision (the FIRM_ADOPTED event of the firm and tick), or null: no upgrade decision
 * @param decisionText the decision in words
 * @param outcome      what became of it (the report's adoption field): none, completed, failed: finance / leap risk /
 *                     serial risk
 * @param demand       its FactorDemand (the FACTOR_DEMANDS record), null for a firm that entered at this tick
 * @param match        its FirmMatch (the FACTOR_MATCHED record), null when the markets gave it nothing (the market
 *                     phase omits empty matches and produce uses {@link FirmMatch#none})
 * @param report       its FirmReport (the FIRM_REPORTS record)
 * @param read         what the answer read and cost
 */
public record FirmAudit(String runId, String answeredFrom, long firmId, int tick, String quarter, boolean tickClosed,
                        String status, FirmEnvironment environment, AdoptionIntent decision, String decisionText,
                        String outcome, FactorDemand demand, FirmMatch match, FirmReport report, ReadStats read) {

    /** The decision in words. */
    public static String describe(AdoptionIntent d, FactorDemand demand) {
        if (d == null) {
            return demand != null && demand.exiting() ? "no upgrade decision (the firm exits)" : "no upgrade decision";
        }
        return String.format(java.util.Locale.ROOT, "upgrade from stage %d to %d%s: investment %.4g + intangible %.4g, "
                        + "subsidy %.4g, NPV %.4g, hurdle %.4g, hazard %.4g, external finance %.4g, project %s",
                d.fromStage(), d.toStage(), d.leap() ? " (leap)" : "", d.investment(), d.intangible(), d.subsidy(),
                d.npv(), d.hurdle(), d.hazard(), d.financingNeed(), d.projectGood() ? "good" : "bad");
    }

    /** The report's adoption field in words. */
    public static String outcome(FirmReport r) {
        if (r == null) {
            return "unknown (no report)";
        }
        return switch (r.adoption()) {
            case FirmReport.ADOPT_NONE -> "none";
            case FirmReport.ADOPT_COMPLETED -> "completed: stage " + r.stage();
            case FirmReport.ADOPT_FAILED_FINANCE -> "failed: finance";
            case FirmReport.ADOPT_FAILED_LEAP -> "failed: leap risk";
            case FirmReport.ADOPT_FAILED_SERIAL -> "failed: serial risk";
            default -> "adoption " + r.adoption();
        };
    }

    /** alive / entered / exited, from the report. */
    public static String status(FirmReport r, FactorDemand demand) {
        if (r == null) {
            return demand != null && demand.exiting() ? "exits at this tick" : "alive (no report on the log yet)";
        }
        return switch (r.event()) {
            case FirmReport.ENTERED -> "entered at this tick";
            case FirmReport.EXITED -> "exited at this tick: " + switch (r.exitReason()) {
                case FirmReport.EXIT_SLOW -> "slow death (did not transform)";
                case FirmReport.EXIT_FAST -> "fast death (transformed and failed)";
                default -> "other";
            };
            default -> "alive";
        };
    }
}
