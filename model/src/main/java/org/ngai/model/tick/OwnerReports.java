package org.ngai.model.tick;

import java.util.List;

/**
 * What the factor side reports after applying tick t's matches (docs/pipeline.md step 4): cohorts,
 * lenders, vendors, the AI market state for t+1 and intermediaries' AI adoption for t+1 (B2).
 *
 * @param nextIntermediaryShare share of intermediaries using AI per market and region, index like
 *                              {@link Environment#cell}; S_m = this × q_AI
 * @param realEconomyShare      credit granted to firms over lenders' loanable funds this tick; at most 2·Λ(−κ_v·Δr_v) (B3 脱实向虚)
 */
public record OwnerReports(List<CohortReport> cohorts, List<LenderReport> lenders, VendorSummary vendors,
                           AiMarketState nextAi, double[] nextIntermediaryShare, double realEconomyShare) {
    public OwnerReports {
        cohorts = List.copyOf(cohorts);
        lenders = List.copyOf(lenders);
    }
}
