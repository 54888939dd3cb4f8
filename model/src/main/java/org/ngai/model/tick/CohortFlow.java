package org.ngai.model.tick;

/**
 * Labour-market flows of one region × skill cell in tick t, applied by the factor side to its cohorts.
 *
 * @param hires         unemployed of this cohort hired (anywhere)
 * @param hiresRemote   of which hired by firms in other regions (migration out)
 * @param layoffs       layoffs; separations: exogenous quits; released: workers of exiting firms
 * @param nextWage      wage for t+1: w(1+κ_w(v/u−Θ*)) (A2)
 */
public record CohortFlow(int region, int skill, double unemployed, double vacancies, double hires, double hiresRemote,
                         double layoffs, double separations, double released, double nextWage) {
}
