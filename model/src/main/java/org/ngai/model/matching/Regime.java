package org.ngai.model.matching;

/**
 * Equilibrium regime of a market cell in the signalling game (spec §B3, paper §4.3).
 */
public enum Regime {
    /** Pooling equilibrium with complete market failure: nobody transfers, trades = 0. */
    POOLING_FAILURE,
    /** Separating equilibrium with complete success: only good types transfer, all of them trade. */
    SEPARATING,
    /** Extension (GENERAL mode only): both types transfer at the pooled belief and the buyer accepts. */
    POOLING_TRADE
}
