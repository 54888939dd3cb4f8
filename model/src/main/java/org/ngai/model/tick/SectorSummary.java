package org.ngai.model.tick;

/**
 * Goods market of one sector in tick t (A6.7 CES demand within a sector): price index P_s, nominal
 * expenditure E_s, firms' revenue and value added, and the HI-tier expenditure share (A4).
 */
public record SectorSummary(int sector, double priceIndex, double expenditure, double revenue, double valueAdded,
                            double hiTierShare, int firms) {
}
