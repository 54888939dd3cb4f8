package org.ngai.model.tick;

import org.ngai.model.core.MarketKind;
import org.ngai.model.matching.Regime;

/**
 * Summary of one market cell after clearing (docs/pipeline.md step 3: one per market and cell).
 * Fields that do not apply to a market are NaN.
 *
 * @param region           region index, −1 for a national cell
 * @param skill            0 low / 1 high for labour cells, −1 otherwise
 * @param regime           B3 equilibrium in this cell (null where no game is played: AI market, low-skill labour)
 * @param screening        S_m
 * @param disguiseCost     C = C_0 + κ_C·S
 * @param accuracy         screening accuracy a_m (B2)
 * @param demand           vacancies / credit requested / licences sought / AI units
 * @param supply           unemployed / lender capacity / results offered / compute capacity
 * @param matched          hires / credit granted / licences traded / AI units sold
 * @param price            wage / loan rate / licence price / p_AI charged
 * @param tightness        v/u (labour)
 * @param matchEfficiency  μ̂ = M/(u^α v^(1−α)) (labour)
 * @param nextPrice        wage for t+1 (labour)
 * @param goodOffered      good types offering (B3)
 * @param badOffered       bad types offering
 * @param goodTraded       good types traded
 * @param badTraded        bad types traded
 * @param efficiency       E_m = traded good / total good
 * @param daEfficiency     deferred acceptance: realised / oracle surplus (B4)
 * @param blockingRate     blocking-pair rate under true preferences (B4)
 */
public record MarketCleared(MarketKind market, int region, int skill, Regime regime, double screening,
                            double disguiseCost, double accuracy, double demand, double supply, double matched,
                            double price, double tightness, double matchEfficiency, double nextPrice,
                            double goodOffered, double badOffered, double goodTraded, double badTraded,
                            double efficiency, double daEfficiency, double blockingRate) {
}
