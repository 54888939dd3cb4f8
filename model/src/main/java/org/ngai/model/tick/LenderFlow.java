package org.ngai.model.tick;

/** Credit extended by one lender in tick t and its losses from firm exits (B3 finance). */
public record LenderFlow(int lenderId, double lentSecured, double lentUnsecured, double lentToBadProjects,
                         double defaults) {
}
