package org.ngai.indicator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ngai.indicator.config.IndicatorConfig;
import org.ngai.service.EventPublisher;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;

/**
 * Prometheus gauges of the indicators, per run: {@code transform_indicator{run,scenario,indicator}} for
 * every national indicator, {@code transform_region_indicator{...,region}} and
 * {@code transform_sector_indicator{...,sector}} for a few headline keys, {@code transform_run_tick}.
 * Values are the latest tick's (NaN where undefined or before the first tick).
 *
 * <p>Micrometer holds gauge state weakly, so each run's values live in a {@link Holder} this singleton
 * keeps; the bean is created at startup so its own gauges are on /q/metrics before the first message.
 * Gauges of finished runs stay until more than {@code indicator.metrics.max-runs} runs are registered.
 */
@Startup
@Singleton
public class IndicatorGauges {
    public static final List<Indicator> REGION_KEYS = List.of(Indicator.STAGE_INTELLIGENT, Indicator.AI_PENETRATION,
            Indicator.UNEMPLOYMENT, Indicator.COORDINATION, Indicator.VENDOR_SHARE, Indicator.FIN_REGIME,
            Indicator.TECH_REGIME, Indicator.LAB_REGIME);
    public static final List<Indicator> SECTOR_KEYS = List.of(Indicator.AI_PENETRATION, Indicator.STAGE_INTELLIGENT,
            Indicator.LABOUR_COST_SHARE, Indicator.HHI);

    @Inject
    MeterRegistry registry;
    @Inject
    EventPublisher publisher;
    @Inject
    IndicatorConfig config;

    /** Strong references to every registered run's values, oldest first. */
    private final Map<String, Holder> runs = new LinkedHashMap<>();

    /** The latest values of one run (read by the gauges). */
    public static final class Holder {
        final String run;
        final String scenario;
        final List<Meter.Id> meters = new ArrayList<>();
        volatile TickIndicators latest;
        volatile boolean finished;

        Holder(String run, String scenario) {
            this.run = run;
            this.scenario = scenario;
        }

        double national(Indicator i) {
            TickIndicators t = latest;
            return t == null ? Double.NaN : t.get(i);
        }

        double region(Indicator i, int r) {
            TickIndicators t = latest;
            return t == null ? Double.NaN : t.region(i, r);
        }

        double sector(Indicator i, int s) {
            TickIndicators t = latest;
            return t == null ? Double.NaN : t.sector(i, s);
        }

        double tick() {
            TickIndicators t = latest;
            return t == null ? 0 : t.tick();
        }
    }

    @PostConstruct
    void init() {
        Gauge.builder("transform_indicator_runs", this, IndicatorGauges::activeRuns)
                .tag("service", publisher.producer()).description("runs being aggregated").strongReference(true)
                .register(registry);
    }

    synchronized double activeRuns() {
        return runs.values().stream().filter(h -> !h.finished).count();
    }

    /** Registers the run's gauges (once); {@code latest} is the last stored tick after a restore, or null. */
    public synchronized void register(String run, String scenario, TickIndicators latest) {
        Holder h = runs.get(run);
        if (h != null) {
            h.latest = latest == null ? h.latest : latest;
            h.finished = false;
            return;
        }
        h = new Holder(run, scenario);
        h.latest = latest;
        final Holder holder = h;
        for (Indicator i : Indicator.values()) {
            if (i.national) {
                h.meters.add(Gauge.builder("transform_indicator", holder, x -> x.national(i))
                        .tags("run", run, "scenario", scenario, "indicator", i.key)
                        .description("latest national value of an indicator").strongReference(true)
                        .register(registry).getId());
            }
        }
        for (Indicator i : REGION_KEYS) {
            for (Region r : Region.ALL) {
                int idx = r.index();
                h.meters.add(Gauge.builder("transform_region_indicator", holder, x -> x.region(i, idx))
                        .tags("run", run, "scenario", scenario, "indicator", i.key, "region", r.code())
                        .description("latest regional value of an indicator").strongReference(true)
                        .register(registry).getId());
            }
        }
        for (Indicator i : SECTOR_KEYS) {
            for (Sector s : Sector.values()) {
                int idx = s.ordinal();
                h.meters.add(Gauge.builder("transform_sector_indicator", holder, x -> x.sector(i, idx))
                        .tags("run", run, "scenario", scenario, "indicator", i.key, "sector", s.name())
                        .description("latest sectoral value of an indicator").strongReference(true)
                        .register(registry).getId());
            }
        }
        h.meters.add(Gauge.builder("transform_run_tick", holder, Holder::tick).tags("run", run, "scenario", scenario)
                .description("last tick aggregated").strongReference(true).register(registry).getId());
        runs.put(run, h);
        evict();
    }

    public void update(String run, TickIndicators latest) {
        Holder h;
        synchronized (this) {
            h = runs.get(run);
        }
        if (h != null) {
            h.latest = latest;
        }
    }

    public synchronized void finished(String run) {
        Holder h = runs.get(run);
        if (h != null) {
            h.finished = true;
        }
        evict();
    }

    /** Is the run's gauge set registered (tests, diagnostics)? */
    public synchronized boolean registered(String run) {
        return runs.containsKey(run);
    }

    private void evict() {
        Iterator<Holder> it = runs.values().iterator();
        while (runs.size() > Math.max(1, config.metrics().maxRuns()) && it.hasNext()) {
            Holder h = it.next();
            if (h.finished) {
                h.meters.forEach(registry::remove);
                it.remove();
            }
        }
    }
}
