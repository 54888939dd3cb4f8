package org.ngai.firm.rest;

import org.ngai.firm.persistence.FirmSnapshotEntity;

/** One firm at the end of one tick. Money in wage units; flows per quarter. */
public record FirmView(long firmId, int tick, String region, String sector, int stage, String event, double output,
                       double revenue, double valueAdded, double price, double employedLow, double employedHigh,
                       double aiUnits, double cash, double debt, double lnTfp, double marketShare, double capital,
                       double intangible, int adoption) {
    static FirmView of(FirmSnapshotEntity e) {
        String event = switch (e.event) {
            case 1 -> "ENTERED";
            case 2 -> e.exitReason == 1 ? "EXIT_SLOW_DEATH" : e.exitReason == 2 ? "EXIT_FAST_DEATH" : "EXIT_OTHER";
            default -> "ALIVE";
        };
        return new FirmView(e.firmId, e.tick, e.region, e.sector, e.stage, event, e.output, e.revenue, e.valueAdded,
                e.price, e.employedLow, e.employedHigh, e.aiUnits, e.cash, e.debt, e.lnTfp, e.marketShare, e.capital,
                e.intangible, e.adoption);
    }
}
