package org.ngai.localrun;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ngai.events.RecordBatch;
import org.ngai.model.engine.RunSetup;
import org.ngai.model.engine.ScenarioOverrides;
import org.ngai.model.factor.FactorOwners;
import org.ngai.model.factor.FactorPhase;
import org.ngai.model.firm.FirmDecision;
import org.ngai.model.firm.FirmPhase;
import org.ngai.model.firm.FirmPopulation;
import org.ngai.model.indicator.Aggregator;
import org.ngai.model.market.MarketPhase;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FactorDemand;
import org.ngai.model.tick.FirmMatch;
import org.ngai.model.tick.FirmReport;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.ProduceResult;
import org.ngai.model.tick.Supplies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the heap each service's in-memory state of one run needs, per firm, at its peak within a
 * tick (docs/pipeline.md, "Capacity"): the figures behind {@code ngai.capacity.bytes-per-firm}. It
 * builds, in this JVM, exactly what each service holds at once (the same phase functions, the same
 * 500-record chunks of the same binary codec) and measures the retained heap after full collections.
 * Two population sizes give the slope (bytes per firm) and the intercept (bytes per run).
 *
 * <ul>
 * <li>firm-service while it publishes a tick's reports: the population, the tick's decisions, the
 * decoded matches, the produce result, its report chunks, and one more tick of reports queued for the
 * snapshot writer (it writes behind the tick);</li>
 * <li>market-service while it clears: the decoded demand chunks, the sorted demand list, the clearing
 * and its encoded match chunks;</li>
 * <li>indicator-service while it aggregates: the decoded report chunks and the merged report list;</li>
 * <li>factor-service: the owners (cohorts, lenders, technology holders, vendors), the supplies and the
 * clearing's owner flows.</li>
 * </ul>
 * Transient garbage inside a phase (e.g. sort buffers) is not state; the heap margin covers it.
 */
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = "Measure each service's heap per firm of a run in progress (docs/pipeline.md, Capacity).")
public final class CapacityBench implements Callable<Integer> {
    @Option(names = "--firms", split = ",", defaultValue = "20000,100000", description = "Two or more population sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> firms;
    @Option(names = "--scenario", defaultValue = "baseline")
    String scenario;
    @Option(names = "--tick", defaultValue = "4", description = "Measure this tick, after running the ones before it (default: ${DEFAULT-VALUE}).")
    int tick;

    private static final int CHUNK = 500;

    @Override
    public Integer call() {
        firms.sort(Comparator.naturalOrder());
        System.out.printf("heap per service and run, retained after full GC, tick %d of scenario %s; JVM max heap %d MB%n",
                tick, scenario, Runtime.getRuntime().maxMemory() >> 20);
        Map<Integer, Map<String, Long>> byN = new LinkedHashMap<>();
        for (int n : firms) {
            Map<String, Long> m = measure(n);
            byN.put(n, m);
            System.out.printf("%8d firms: %s%n", n, format(m));
        }
        if (firms.size() >= 2) {
            int n1 = firms.get(0);
            int n2 = firms.get(firms.size() - 1);
            System.out.println("service             bytes/firm   bytes/run (intercept)");
            for (String svc : byN.get(n1).keySet()) {
                long a = byN.get(n1).get(svc);
                long b = byN.get(n2).get(svc);
                double slope = (double) (b - a) / (n2 - n1);
                System.out.printf("%-18s %11.0f %12.0f%n", svc, slope, a - slope * n1);
            }
        }
        return 0;
    }

    private static String format(Map<String, Long> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(String.format("%s %d MB  ", k, v >> 20)));
        return sb.toString().trim();
    }

    private Map<String, Long> measure(int n) {
        Scenario s = ScenarioOverrides.resolve(scenario, n, Math.max(tick, 1), null);
        FirmPhase firmPhase = new FirmPhase(s);
        FactorPhase factorPhase = new FactorPhase(s);
        MarketPhase marketPhase = new MarketPhase(s);
        Aggregator aggregator = new Aggregator(s);
        RunSetup.Initial init = RunSetup.create(s);
        FirmPopulation pop = init.population();
        FactorOwners owners = init.owners();
        Environment env = init.environment();
        init = null;
        for (int t = 1; t < tick; t++) {
            List<FirmDecision> d = firmPhase.decide(pop, env, t);
            Clearing c = marketPhase.clear(env, t, demands(d), factorPhase.supply(owners, env, t));
            ProduceResult p = firmPhase.produce(pop, env, t, d, c.firmMatches());
            OwnerReports o = factorPhase.apply(owners, env, t, c);
            env = aggregator.aggregate(t, env, p, c, o).next();
        }
        int t = tick;
        Map<String, Long> out = new LinkedHashMap<>();

        // factor-service: owners, supplies, the clearing's owner side (measured alone: copies, then dropped)
        long base = used();
        FactorOwners ownersCopy = owners.copy();
        Supplies supplies = factorPhase.supply(ownersCopy, env, t);
        long factor = used() - base;

        // firm-service, decide: the population (already held) and the decisions with their demand chunks
        List<FirmDecision> decisions = firmPhase.decide(pop, env, t);
        List<RecordBatch> demandChunks = chunks(FactorDemand.class, demands(decisions));

        // market-service: decoded demand chunks, the sorted list, the clearing, the match chunks
        base = used();
        List<FactorDemand> decodedDemands = decode(demandChunks, FactorDemand.class);
        List<FactorDemand> sorted = new ArrayList<>(decodedDemands);
        sorted.sort(Comparator.comparingLong(FactorDemand::firmId));
        Clearing clearing = marketPhase.clear(env, t, sorted, supplies);
        List<RecordBatch> matchChunks = chunks(FirmMatch.class, clearing.firmMatches());
        long market = used() - base;
        decodedDemands = null;
        sorted = null;
        demandChunks = null;

        // firm-service, produce and publish: decoded matches, the result, its chunks, one lagging tick for the writer
        long firmBase = used();
        List<FirmMatch> matches = decode(matchChunks, FirmMatch.class);
        matches.sort(Comparator.comparingLong(FirmMatch::firmId));
        ProduceResult produced = firmPhase.produce(pop, env, t, decisions, matches);
        List<RecordBatch> reportChunks = chunks(FirmReport.class, produced.reports());
        List<FirmReport> queuedForWriter = decode(reportChunks, FirmReport.class);
        long firmTick = used() - firmBase;

        // indicator-service: decoded report chunks and the merged list
        base = used();
        List<FirmReport> decodedReports = decode(reportChunks, FirmReport.class);
        List<FirmReport> merged = new ArrayList<>(decodedReports);
        long indicator = used() - base;

        // the population on its own (the firm-service state between ticks): measured on a fresh copy
        base = used();
        FirmPopulation popCopy = pop.copy();
        long population = used() - base;

        out.put("firm-service", population + firmTick + retainedDecisions(pop, env, t, firmPhase));
        out.put("market-service", market);
        out.put("indicator-service", indicator);
        out.put("factor-service", factor);
        // keep everything reachable until all measurements are taken
        keep(ownersCopy, supplies, decisions, clearing, matchChunks, matches, produced, reportChunks, queuedForWriter,
                decodedReports, merged, popCopy);
        return out;
    }

    /** Heap of one tick's decisions (with their demands and intents), measured on a second decide. */
    private static long retainedDecisions(FirmPopulation pop, Environment env, int t, FirmPhase phase) {
        FirmPopulation copy = pop.copy();
        long base = used();
        List<FirmDecision> d = phase.decide(copy, env, t);
        long bytes = used() - base;
        keep(d);
        return bytes;
    }

    private static List<FactorDemand> demands(List<FirmDecision> decisions) {
        List<FactorDemand> out = new ArrayList<>(decisions.size());
        for (FirmDecision d : decisions) {
            out.add(d.demand);
        }
        return out;
    }

    private static <T extends Record> List<RecordBatch> chunks(Class<T> type, List<T> records) {
        List<RecordBatch> out = new ArrayList<>();
        for (int from = 0, part = 0; from < records.size(); from += CHUNK, part++) {
            out.add(RecordBatch.of(type, part, records.subList(from, Math.min(records.size(), from + CHUNK))));
        }
        return out;
    }

    private static <T extends Record> List<T> decode(List<RecordBatch> chunks, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (RecordBatch b : chunks) {
            out.addAll(b.records(type));
        }
        return out;
    }

    private static volatile Object sink;

    private static void keep(Object... refs) {
        sink = refs;
        sink = null;
    }

    private static long used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
