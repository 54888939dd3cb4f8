package org.ngai.model.tick;

/** One lender after tick t (B3 finance): capital, AI adoption, credit extended and losses. */
public record LenderReport(int lenderId, int region, double capital, boolean aiAdopted, double lent,
                           double lentToBadProjects, double defaults) {
}
