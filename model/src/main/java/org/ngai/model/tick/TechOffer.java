package org.ngai.model.tick;

/** A technology result offered for licence (B3 TECH): hidden type good/bad known only to its owner. */
public record TechOffer(long offerId, int region, int sector, boolean good) {
}
