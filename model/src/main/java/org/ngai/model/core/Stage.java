package org.ngai.model.core;

/**
 * Adoption stages (spec §1, paper §5.2.2), matched to GB/T 39116 maturity levels &le;1/2/3/&ge;4.
 * {@code aiUsableShare} is φ_S, the share of AI-feasible tasks a firm at this stage can use (A1).
 */
public enum Stage {
    MANUAL(0.0), DIGITALISED(0.0), NETWORKED(0.3), INTELLIGENT(1.0);

    public static final int COUNT = 4;
    private static final Stage[] VALUES = values();

    public final double aiUsableShare;

    Stage(double aiUsableShare) {
        this.aiUsableShare = aiUsableShare;
    }

    public static Stage of(int level) {
        return VALUES[level];
    }
}
