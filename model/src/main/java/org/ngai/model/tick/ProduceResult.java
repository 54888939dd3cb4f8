package org.ngai.model.tick;

import java.util.List;

/** Output of the produce phase: one report per firm (id order; exits and entrants included) and per sector. */
public record ProduceResult(List<FirmReport> reports, List<SectorSummary> sectors) {
    public ProduceResult {
        reports = List.copyOf(reports);
        sectors = List.copyOf(sectors);
    }
}
