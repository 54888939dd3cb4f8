package org.ngai.model.tick;

/**
 * A firm's decision to upgrade (spec §A6), published as {@code FirmAdopted}: one per decision.
 * The outcome (completed, or failed for finance / leap / serial risk) comes in the firm's report.
 *
 * @param investment     tangible investment I_o (after the leap saving)
 * @param intangible     complementary intangible investment ι·I_o, spent over T_J ticks (A3g)
 * @param subsidy        public subsidy received as cash (lagging-region lever, D)
 * @param npv            NPV of the option at expected prices (A6.2)
 * @param hurdle         real-option hurdle multiple M_h (A6.3)
 * @param hazard         adoption hazard h that was drawn against (A6.4)
 * @param financingNeed  external finance requested (0 when self-financed, A6.5)
 * @param projectGood    the project's hidden type (owner-known, B3); a bad project fails
 */
public record AdoptionIntent(long firmId, int region, int sector, int fromStage, int toStage, boolean leap,
                             double investment, double intangible, double subsidy, double npv, double hurdle,
                             double hazard, double financingNeed, boolean projectGood) {
}
