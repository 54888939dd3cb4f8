package org.ngai.model.tick;

/**
 * A region × skill worker cohort after tick t (A2): unemployed job seekers, workers in training
 * (drawn from low-skill unemployed) and the training flows of the tick. Employment is what firms report.
 */
public record CohortReport(int region, int skill, double unemployed, double training, double trainingStarts,
                           double trainingCompletions, double trainingSuccesses) {
}
