package org.ngai.market.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ngai.market.persistence.MarketClearingEntity;
import org.ngai.model.core.Region;
import org.ngai.model.core.Skill;

/**
 * One market cell after clearing one tick (the model's {@code MarketCleared}). Values that do not
 * apply to a market are null (NaN in the model).
 */
@Schema(description = "One market cell after clearing one tick; values that do not apply to the market are null")
public record ClearingView(
        int tick,
        @Schema(description = "LAB, FIN, TECH or AI", example = "LAB") String market,
        @Schema(description = "province code, or \"national\" for a national cell", example = "GD") String region,
        @Schema(description = "LOW or HIGH for labour cells, null otherwise", example = "HIGH") String skill,
        @Schema(description = "signalling-game regime (POOLING_FAILURE, SEPARATING, POOLING_TRADE), null where no game is played",
                example = "SEPARATING") String regime,
        @Schema(description = "screening capacity S_m") Double screening,
        @Schema(description = "disguise cost C = C_0 + kappa_C * S") Double disguiseCost,
        @Schema(description = "screening accuracy a_m") Double accuracy,
        @Schema(description = "vacancies / credit requested / licences sought / AI units") Double demand,
        @Schema(description = "unemployed / lender capacity / results offered / compute capacity") Double supply,
        @Schema(description = "hires / credit granted / licences traded / AI units sold") Double matched,
        @Schema(description = "wage / loan rate / licence price / AI price") Double price,
        @Schema(description = "v/u (labour)") Double tightness,
        @Schema(description = "implied matching efficiency (labour)") Double matchEfficiency,
        @Schema(description = "wage for the next tick (labour)") Double nextPrice,
        @Schema(description = "good types offering") Double goodOffered,
        @Schema(description = "bad types offering") Double badOffered,
        @Schema(description = "good types traded") Double goodTraded,
        @Schema(description = "bad types traded") Double badTraded,
        @Schema(description = "traded good / total good") Double efficiency,
        @Schema(description = "deferred acceptance: realised / oracle surplus") Double daEfficiency,
        @Schema(description = "blocking-pair rate under true preferences") Double blockingRate) {

    public static final String NATIONAL = "national";

    static String regionKey(int region) {
        return region < 0 ? NATIONAL : Region.of(region).code();
    }

    static ClearingView of(MarketClearingEntity e) {
        return new ClearingView(e.tick, e.market, regionKey(e.region),
                e.skill < 0 ? null : Skill.values()[e.skill].name(), e.regime, e.screening, e.disguiseCost, e.accuracy,
                e.demand, e.supply, e.matched, e.price, e.tightness, e.matchEfficiency, e.nextPrice, e.goodOffered,
                e.badOffered, e.goodTraded, e.badTraded, e.efficiency, e.daEfficiency, e.blockingRate);
    }
}
