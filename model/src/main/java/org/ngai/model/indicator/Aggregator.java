package org.ngai.model.indicator;

import java.util.ArrayList;
import java.util.List;
import org.ngai.model.matching.Regime;
import org.ngai.model.scenario.Params;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.AiMarketState;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.ProduceResult;

/**
 * The indicator aggregator (docs/pipeline.md step 5, spec §F4): turns a tick's firm reports, clearing
 * and owner reports into indicators (national, per region, per sector) and assembles the public
 * environment of the next tick from the pieces each owner computed. Its only memory is the
 * indicator history (indices are relative to tick 1; the loop gain uses the last 8 ticks), so a
 * restarted aggregator is rebuilt from stored indicators with {@link #restore}.
 *
 * <p>A tick is one pass over the firm reports into {@link FirmSums} and one over the clearing and
 * cohort reports into {@link ClearingSums}; then the indicator groups of the catalogue
 * ({@link Indicator}, docs/indicators.md) each read the sums and write their indicators:
 * {@link AdoptionIndicators}, {@link ProductivityIndicators}, {@link LabourIndicators},
 * {@link MarketIndicators}, {@link AiIndustryIndicators}, {@link LifecycleIndicators} and, last
 * because it reads what the others wrote, {@link CoordinationIndicators}. {@link NextEnvironment}
 * builds the environment of the next tick.
 */
public final class Aggregator {
    private final Scenario scenario;
    private final CouplingCalibration calibration;
    private final List<TickIndicators> history = new ArrayList<>();

    /** The result of aggregating one tick. */
    public record Result(TickIndicators indicators, Environment next, double[][] couplingInputs) {
    }

    public Aggregator(Scenario scenario, CouplingCalibration calibration) {
        this.scenario = scenario;
        this.calibration = calibration;
    }

    public Aggregator(Scenario scenario) {
        this(scenario, CouplingCalibration.shipped());
    }

    public List<TickIndicators> history() {
        return history;
    }

    /** Rebuilds the aggregator's memory from indicators already published (restart). */
    public void restore(List<TickIndicators> published) {
        history.clear();
        history.addAll(published);
    }

    /** Assembles the environment of tick {@code tick} (docs/model.md: the public state agents condition on). */
    public static Environment environment(Scenario scenario, int tick, AiMarketState ai, double[] wageL, double[] wageH,
                                          double[] intermediaryShare, Regime[] regimes, double[] adopterShare,
                                          double[] aiRevenueShare, double incomeIndex) {
        return NextEnvironment.of(scenario, tick, ai, wageL, wageH, intermediaryShare, regimes, adopterShare,
                aiRevenueShare, incomeIndex);
    }

    public Result aggregate(int tick, Environment env, ProduceResult produce, Clearing clearing, OwnerReports owners) {
        Params p = scenario.paramsAt(tick);
        TickIndicators out = TickIndicators.empty(tick);
        FirmSums firms = FirmSums.of(produce.reports());
        ClearingSums markets = ClearingSums.of(clearing, owners);
        TickIndicators first = history.isEmpty() ? out : history.get(0);

        AdoptionIndicators.write(firms, out);
        ProductivityIndicators.write(firms, produce.sectors(), p, first, out);
        LabourIndicators.write(firms, markets, env, p, out);
        MarketIndicators.write(markets, env, owners, out);
        AiIndustryIndicators.write(firms, env.ai(), clearing.ai(), owners.vendors(), p, scenario.firms(), out);
        out.set(Indicator.LOOP_GAIN, AiIndustryIndicators.loopGain(history, out));
        LifecycleIndicators.write(firms, out);
        double[][] inputs = CoordinationIndicators.write(firms, markets, env.ai().quality(), owners.vendors(),
                owners.realEconomyShare(), calibration, history, out);
        history.add(out);

        Environment next = NextEnvironment.after(scenario, tick, clearing, owners, firms, markets,
                out.get(Indicator.REAL_OUTPUT));
        return new Result(out, next, inputs);
    }
}
