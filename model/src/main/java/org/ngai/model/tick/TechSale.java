package org.ngai.model.tick;

/** One licensed technology (B3 TECH): logged as a technical-cooperation event by buyer sector. */
public record TechSale(long offerId, int holderRegion, long buyerFirmId, int buyerRegion, int buyerSector,
                       boolean good, double price) {
}
