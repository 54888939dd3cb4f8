package org.ngai.model.tick;

/**
 * AI vendors after tick t (A5, C regional imbalance): modelled vendors by region and by layer
 * (0 BASE, 1 TECH, 2 APP), AI revenue by region, entrants and exits. {@code realPerModelled}
 * converts modelled vendors into real firms (2,205 at t0 in the 2021 report sample).
 */
public record VendorSummary(double[] countByRegion, double[] countByLayer, double[] revenueByRegion, double revenue,
                            int entrants, int exits, double realPerModelled) {
}
