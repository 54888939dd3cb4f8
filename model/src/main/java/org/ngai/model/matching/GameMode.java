package org.ngai.model.matching;

/**
 * How {@link SignallingGame} resolves a market (spec §B3).
 */
public enum GameMode {
    /** Exactly the two equilibria of paper §4.3: C &le; P pooling failure, C &gt; P separating. */
    PAPER,
    /** Extension: with C &le; P a pooled market still trades when &rho;V + (1&minus;&rho;)W &ge; P. */
    GENERAL
}
