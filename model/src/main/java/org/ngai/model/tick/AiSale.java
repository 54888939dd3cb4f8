package org.ngai.model.tick;

/**
 * The AI market's clearing (A5, C): demand, capacity, units sold, price charged, revenue R_AI and
 * the shortfall 1 − Q_c/Q_demand; units sold per buyer region (energy by PUE, A7).
 */
public record AiSale(double demanded, double capacity, double sold, double price, double revenue, double shortfall,
                     double[] soldByRegion) {
}
