package org.ngai.indicator.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ngai.indicator.persistence.IndicatorRunEntity;
import org.ngai.indicator.persistence.IndicatorSeriesEntity;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.model.tick.Environment;

/** Transactions on indicator_runs and indicator_series. Entities returned are detached copies. */
@ApplicationScoped
public class IndicatorStore {

    /** Creates the run's row if it is new; returns the row as stored. */
    public IndicatorRunEntity ensureRun(String id, Scenario s) {
        return ensureRun(id, s, null, null);
    }

    /** The run's row, created if missing; a fork's names its parent and first tick. */
    public IndicatorRunEntity ensureRun(String id, Scenario s, String parentRunId, Integer forkTick) {
        return QuarkusTransaction.requiringNew().call(() -> {
            IndicatorRunEntity e = IndicatorRunEntity.findById(id);
            if (e == null) {
                e = new IndicatorRunEntity();
                e.id = id;
                e.parentRunId = parentRunId;
                e.forkTick = forkTick;
                e.scenarioName = s.name();
                e.scenarioJson = ScenarioLoader.toJson(s);
                e.seed = s.seed();
                e.firms = s.firms();
                e.ticks = s.ticks();
                e.status = IndicatorRunEntity.Status.RUNNING.name();
                e.lastTick = 0;
                e.createdAt = Instant.now();
                e.updatedAt = e.createdAt;
                e.persist();
            }
            return e;
        });
    }

    public Optional<IndicatorRunEntity> findRun(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(IndicatorRunEntity.findById(id)));
    }

    public List<IndicatorRunEntity> runs() {
        return QuarkusTransaction.requiringNew().call(IndicatorRunEntity::newestFirst);
    }

    public List<IndicatorRunEntity> runningRuns() {
        return QuarkusTransaction.requiringNew().call(IndicatorRunEntity::running);
    }

    public void setStatus(String id, IndicatorRunEntity.Status status, String message) {
        QuarkusTransaction.requiringNew().run(() -> {
            IndicatorRunEntity e = IndicatorRunEntity.findById(id);
            if (e == null) {
                return;
            }
            e.status = status.name();
            if (status != IndicatorRunEntity.Status.RUNNING && status != IndicatorRunEntity.Status.STALLED) {
                e.finishedAt = Instant.now();
            }
            if (message != null) {
                e.message = message.length() > 2000 ? message.substring(0, 2000) : message;
            }
            e.updatedAt = Instant.now();
        });
    }

    /** Stores one tick (insert, or overwrite the same tick) and moves the run's last tick forward. */
    public void saveTick(String runId, TickIndicators ind, Environment next) {
        String indicators = Json.write(ind);
        String env = next == null ? null : Json.write(next);
        QuarkusTransaction.requiringNew().run(() -> {
            IndicatorSeriesEntity row = IndicatorSeriesEntity.at(runId, ind.tick());
            if (row == null) {
                row = new IndicatorSeriesEntity();
                row.runId = runId;
                row.tick = ind.tick();
            }
            row.quarter = ind.quarter();
            row.indicatorsJson = indicators;
            row.nextEnvironmentJson = env;
            row.tfpMeasured = finite(ind.get(Indicator.TFP_MEASURED));
            row.aiPenetration = finite(ind.get(Indicator.AI_PENETRATION));
            row.coordination = finite(ind.get(Indicator.COORDINATION));
            row.unemployment = finite(ind.get(Indicator.UNEMPLOYMENT));
            row.storedAt = Instant.now();
            row.persist();
            IndicatorRunEntity run = IndicatorRunEntity.findById(runId);
            if (run != null && ind.tick() > run.lastTick) {
                run.lastTick = ind.tick();
                run.updatedAt = row.storedAt;
            }
        });
    }

    /** The stored ticks of a run in [from, to], tick order. */
    public List<TickIndicators> series(String runId, int from, int to) {
        List<String> json = QuarkusTransaction.requiringNew().call(() -> {
            List<String> out = new ArrayList<>();
            for (IndicatorSeriesEntity e : IndicatorSeriesEntity.range(runId, from, to)) {
                out.add(e.indicatorsJson);
            }
            return out;
        });
        List<TickIndicators> out = new ArrayList<>(json.size());
        for (String j : json) {
            out.add(Json.indicators(j));
        }
        return out;
    }

    public List<TickIndicators> series(String runId) {
        return series(runId, 1, Integer.MAX_VALUE);
    }

    public Optional<TickIndicators> latest(String runId) {
        String json = QuarkusTransaction.requiringNew().call(() -> {
            IndicatorSeriesEntity e = IndicatorSeriesEntity.latest(runId);
            return e == null ? null : e.indicatorsJson;
        });
        return Optional.ofNullable(json).map(Json::indicators);
    }

    /** The stored environment that followed {@code tick} (null if not stored). */
    public Environment nextEnvironment(String runId, int tick) {
        String json = QuarkusTransaction.requiringNew().call(() -> {
            IndicatorSeriesEntity e = IndicatorSeriesEntity.at(runId, tick);
            return e == null ? null : e.nextEnvironmentJson;
        });
        return Json.environment(json);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
