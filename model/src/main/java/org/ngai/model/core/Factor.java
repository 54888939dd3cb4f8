package org.ngai.model.core;

/**
 * Factors that can perform a task (spec §A1): low-skill labour, high-skill labour, ICT capital, AI,
 * AI-augmented low skill (novices gain most, B1/E3.5) and AI-augmented high skill (H⊕AI).
 */
public enum Factor {
    L, H, ICT, AI, LAI, HAI;

    public static final int COUNT = 6;
    private static final Factor[] VALUES = values();

    public static Factor of(int ordinal) {
        return VALUES[ordinal];
    }

    /** Done by people (possibly with AI help): displacement counts moves away from these. */
    public boolean labour() {
        return this == L || this == H || this == LAI || this == HAI;
    }

    /** Uses AI services (automation or augmentation): AI penetration counts these (A5). */
    public boolean usesAi() {
        return this == AI || this == LAI || this == HAI;
    }

    /** The skill of the worker doing the task, or null for machines. */
    public Skill skill() {
        return switch (this) {
            case L, LAI -> Skill.LOW;
            case H, HAI -> Skill.HIGH;
            default -> null;
        };
    }
}
