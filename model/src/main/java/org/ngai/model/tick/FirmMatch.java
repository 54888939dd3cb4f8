package org.ngai.model.tick;

/**
 * What the markets gave one firm in tick t (docs/pipeline.md step 3).
 *
 * @param hiresL          low-skill hires
 * @param hiresH          high-skill hires (local + cross-region)
 * @param hiresHRemote    of which cross-region (B2 visibility; LAB game governs this segment)
 * @param mismatchedH     hires that turned out to fake credentials (pooling trade, B3 LAB)
 * @param aiUnits         AI units received (rationed pro rata under a compute shortfall)
 * @param aiPrice         price paid per AI unit
 * @param loanSecured     secured credit granted
 * @param loanUnsecured   cash-flow credit granted
 * @param techOfferId     licence obtained (−1 none)
 * @param techGood        its true type
 * @param techPrice       licence price paid
 */
public record FirmMatch(long firmId, double hiresL, double hiresH, double hiresHRemote, double mismatchedH,
                        double aiUnits, double aiPrice, double loanSecured, double loanUnsecured, long techOfferId,
                        boolean techGood, double techPrice) {

    public static FirmMatch none(long firmId) {
        return new FirmMatch(firmId, 0, 0, 0, 0, 0, 0, 0, 0, -1, false, 0);
    }
}
