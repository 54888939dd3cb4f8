package org.ngai.model.tick;

/** Job seekers of a region × skill cohort offered to the labour market (A2/B4). */
public record CohortSupply(int region, int skill, double unemployed) {
}
