package org.ngai.model.tick;

import java.util.List;

/**
 * Everything the factor side posts for tick t (docs/pipeline.md step 2), in canonical (sorted) order.
 *
 * @param screening S_m,r for this tick (intermediaries' AI use × q_AI), indexed like {@link Environment#cell}
 */
public record Supplies(List<CohortSupply> cohorts, List<LenderOffer> lenders, List<TechOffer> techOffers,
                       AiOffer ai, double[] screening) {
    public Supplies {
        cohorts = List.copyOf(cohorts);
        lenders = List.copyOf(lenders);
        techOffers = List.copyOf(techOffers);
    }
}
