package org.ngai.model.core;

/** Factor markets cleared each tick: labour, finance, technology transfer (B3 games) and AI capital (A5). */
public enum MarketKind {
    LAB, FIN, TECH, AI
}
