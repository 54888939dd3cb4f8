package org.ngai.events.audit;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.matching.Regime;
import org.ngai.model.tick.AiMarketState;
import org.ngai.model.tick.Environment;

/**
 * The part of a tick's public environment ({@link Environment}, the payload of TICK_STARTED) that bears on one
 * firm: everything national, and of the per-region and per-cell arrays only the firm's region and
 * (region, sector) cell. Every firm of the run saw the same environment; this is the slice its decision read.
 *
 * @param tick            the tick the environment opens
 * @param region          the firm's province code
 * @param sector          the firm's sector
 * @param ai              the AI market at the start of the tick (price, quality, frontier, compute, export control)
 * @param wageL           low-skill wage in the firm's region
 * @param wageH           high-skill wage in the firm's region
 * @param screeningLab    screening capacity of the labour market in the region (B2)
 * @param screeningFin    of the finance market
 * @param screeningTech   of the technology market
 * @param regimeLab       signalling-game regime of the labour market in the region at the last clearing (B3)
 * @param regimeFin       of the finance market
 * @param regimeTech      of the technology market
 * @param adopterShare    share of live firms of the (region, sector) at stage &ge; k, k = 0..3 (Bass peer effect, A6)
 * @param aiRevenueShare  the region's AI-industry revenue share relative to its GDP share (A1)
 * @param meanScreening   mean screening capacity (A3b)
 * @param visibility      share of vacancies, loans and technologies searchable outside the region (B2)
 * @param incomeIndex     real income relative to tick 1 (A4)
 */
public record FirmEnvironment(int tick, String region, String sector, AiMarketState ai, double wageL, double wageH,
                              double screeningLab, double screeningFin, double screeningTech, Regime regimeLab,
                              Regime regimeFin, Regime regimeTech, List<Double> adopterShare, double aiRevenueShare,
                              double meanScreening, double visibility, double incomeIndex) {

    /** The slice of {@code env} for a firm of region index {@code region} and sector index {@code sector}. */
    public static FirmEnvironment of(Environment env, int region, int sector) {
        List<Double> shares = new ArrayList<>(4);
        for (int k = 0; k < 4; k++) {
            shares.add(env.adopterShare(region, sector, k));
        }
        return new FirmEnvironment(env.tick(), Region.of(region).code(), Sector.values()[sector].name(), env.ai(),
                env.wageL()[region], env.wageH()[region], env.screening(Environment.LAB, region),
                env.screening(Environment.FIN, region), env.screening(Environment.TECH, region),
                env.regime(Environment.LAB, region), env.regime(Environment.FIN, region),
                env.regime(Environment.TECH, region), List.copyOf(shares), env.aiRevenueShare()[region],
                env.meanScreening(), env.visibility(), env.incomeIndex());
    }
}
