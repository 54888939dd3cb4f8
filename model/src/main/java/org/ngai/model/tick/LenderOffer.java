package org.ngai.model.tick;

/** New credit a lender can extend to the real economy this tick (B3 finance; 脱实向虚 already netted). */
public record LenderOffer(int lenderId, int region, double capacity, boolean aiAdopted) {
}
