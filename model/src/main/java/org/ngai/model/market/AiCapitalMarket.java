package org.ngai.model.market;

import java.util.List;
import org.ngai.model.core.MarketKind;
import org.ngai.model.core.Region;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.tick.AiOffer;
import org.ngai.model.tick.AiSale;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.MarketCleared;

/**
 * AI services market (spec §A5, C chokepoints): firms buy AI units at p_AI; when demand exceeds
 * compute capacity every buyer is rationed pro rata and the price spikes with the shortfall
 * 1 − Q_c/Q_demand.
 */
final class AiCapitalMarket {
    private AiCapitalMarket() {
    }

    static final class Result {
        final double[] units;
        double price;
        AiSale sale;
        MarketCleared summary;

        Result(int n) {
            units = new double[n];
        }
    }

    static Result clear(Params p, List<FactorDemand> demands, AiOffer offer) {
        int n = demands.size();
        Result res = new Result(n);
        double demand = 0;
        for (FactorDemand d : demands) {
            if (!d.exiting()) {
                demand += d.aiUnits();
            }
        }
        double capacity = offer.capacity();
        double ratio = demand > capacity && demand > 0 ? capacity / demand : 1;
        double shortfall = 1 - ratio;
        double price = offer.price() * (1 + p.get(Param.SHORTFALL_SPIKE) * shortfall);
        double sold = 0;
        double[] byRegion = new double[Region.COUNT];
        for (int i = 0; i < n; i++) {
            FactorDemand d = demands.get(i);
            if (d.exiting()) {
                continue;
            }
            double u = d.aiUnits() * ratio;
            res.units[i] = u;
            sold += u;
            byRegion[d.region()] += u;
        }
        res.price = price;
        res.sale = new AiSale(demand, capacity, sold, price, sold * price, shortfall, byRegion);
        res.summary = new MarketCleared(MarketKind.AI, -1, -1, null, Double.NaN, Double.NaN, Double.NaN, demand,
                capacity, sold, price, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        return res;
    }
}
