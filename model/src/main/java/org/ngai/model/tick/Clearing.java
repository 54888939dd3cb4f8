package org.ngai.model.tick;

import java.util.List;

/** Output of the market phase (docs/pipeline.md step 3), every list in canonical sorted order. */
public record Clearing(List<FirmMatch> firmMatches, List<CohortFlow> cohortFlows, List<LenderFlow> lenderFlows,
                       List<TechSale> techSales, AiSale ai, List<MarketCleared> summaries) {
    public Clearing {
        firmMatches = List.copyOf(firmMatches);
        cohortFlows = List.copyOf(cohortFlows);
        lenderFlows = List.copyOf(lenderFlows);
        techSales = List.copyOf(techSales);
        summaries = List.copyOf(summaries);
    }
}
