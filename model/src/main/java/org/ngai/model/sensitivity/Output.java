package org.ngai.model.sensitivity;

import org.ngai.model.indicator.Indicator;

/**
 * The headline outputs of the sensitivity analysis: national indicators averaged over the last
 * {@code window} ticks of a run, and the AI TFP gain (measured TFP against the frozen-AI counterfactual
 * of the same seed and parameters; costs a second run per design point, so it is optional).
 */
public enum Output {
    STAGE_INTELLIGENT(Indicator.STAGE_INTELLIGENT),
    AI_PENETRATION(Indicator.AI_PENETRATION),
    TFP_MEASURED(Indicator.TFP_MEASURED),
    AI_TFP_GAIN(null),
    SKILL_PREMIUM(Indicator.SKILL_PREMIUM),
    UNEMPLOYMENT(Indicator.UNEMPLOYMENT),
    COORDINATION(Indicator.COORDINATION),
    INTELLIGENT_THEIL(Indicator.INTELLIGENT_THEIL),
    TECH_TRADES(Indicator.TECH_TRADES);

    /** The indicator, or null for the derived AI TFP gain. */
    public final Indicator indicator;

    Output(Indicator indicator) {
        this.indicator = indicator;
    }

    public String key() {
        return indicator == null ? "tfp.aiGain" : indicator.key;
    }

    /** Outputs analysed on a log scale: the TFP index, whose level can explode where the economy collapses. */
    public boolean log() {
        return this == TFP_MEASURED;
    }

    public String unit() {
        return indicator == null || log() ? "ln points" : indicator.unit;
    }

    public String description() {
        if (indicator == null) {
            return "ln tfp.measured − ln tfp.measured of the same run with ai.frozen = 1 (AI TFP gain)";
        }
        return log() ? "ln of the index (" + indicator.description + "), i.e. measured TFP growth since tick 1 in ln points"
                : indicator.description;
    }
}
