package org.ngai.model.core;

/**
 * The paper's Table 1 AI-technology typology as (gpt, imi) flags (spec §A3a). gpt=0: automation only
 * in manufacturing; imi=0: AI does not raise the innovation success rate.
 */
public enum AiType {
    INDUSTRIAL_ROBOT(false, false),
    PERCEPTION_REACTION_ROBOT(true, false),
    STATIC_CODED_ALGORITHM(false, true),
    MACHINE_LEARNING(true, true);

    public final boolean gpt;
    public final boolean imi;

    AiType(boolean gpt, boolean imi) {
        this.gpt = gpt;
        this.imi = imi;
    }
}
