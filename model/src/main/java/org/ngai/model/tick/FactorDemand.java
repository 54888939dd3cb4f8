package org.ngai.model.tick;

/**
 * One firm's posted demands for tick t (docs/pipeline.md step 1), all markets in one record.
 *
 * @param vacanciesL      low-skill vacancies (workers)
 * @param vacanciesH      high-skill vacancies
 * @param layoffsL        low-skill layoffs (E→U this tick, A2)
 * @param layoffsH        high-skill layoffs
 * @param separationsL    exogenous separations s·L (E→U)
 * @param separationsH    exogenous separations s·H
 * @param aiUnits         AI units demanded (A1 assignment at the posted price)
 * @param wageOfferL      wage offered (region's wage)
 * @param wageOfferH      wage offered
 * @param loanSecured     requested secured credit (against collateral, no screening)
 * @param loanUnsecured   requested cash-flow credit (screened: the B3 game of the finance market)
 * @param projectGood     hidden type of the financed project (seen only by the oracle/validation)
 * @param wantsTech       seeks a technology licence (B3 TECH market)
 * @param techValueBonus  firm-specific value of a licence beyond V (absorptive capacity)
 * @param exiting         the firm exits this tick (A6.7): all its workers are released
 * @param debtDefaulted   debt written off by lenders when the firm exits
 */
public record FactorDemand(long firmId, int region, int sector, int stage, double vacanciesL, double vacanciesH,
                           double layoffsL, double layoffsH, double separationsL, double separationsH,
                           double aiUnits, double wageOfferL, double wageOfferH, double loanSecured,
                           double loanUnsecured, boolean projectGood, boolean wantsTech, double techValueBonus,
                           boolean exiting, double debtDefaulted) {
}
