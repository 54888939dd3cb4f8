package org.ngai.market.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.ngai.market.persistence.MarketClearingEntity;
import org.ngai.market.persistence.MarketRunEntity;

/** Reads for the API (the hot state lives in {@link RunManager}; the API reads what the writer stored). */
@ApplicationScoped
public class ClearingStore {

    public List<MarketRunEntity> runs() {
        return QuarkusTransaction.requiringNew().call(MarketRunEntity::newestFirst);
    }

    public Optional<MarketRunEntity> run(String runId) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(MarketRunEntity.findById(runId)));
    }

    /** Latest tick with stored summaries, null when none. */
    public Integer latestTick(String runId) {
        return QuarkusTransaction.requiringNew().call(() -> MarketClearingEntity
                .find("select max(tick) from MarketClearingEntity where runId = ?1", runId).project(Integer.class)
                .firstResult());
    }

    /**
     * Summaries of one tick in the model's order, optionally of one market and one region.
     *
     * @param market LAB, FIN, TECH or AI; null for all
     * @param region region index, −1 for national cells; null for all
     */
    public List<MarketClearingEntity> summaries(String runId, int tick, String market, Integer region) {
        StringBuilder q = new StringBuilder("runId = :run and tick = :tick");
        Parameters p = Parameters.with("run", runId).and("tick", tick);
        if (market != null) {
            q.append(" and market = :market");
            p = p.and("market", market);
        }
        if (region != null) {
            q.append(" and region = :region");
            p = p.and("region", region);
        }
        String query = q.toString();
        Parameters params = p;
        return QuarkusTransaction.requiringNew().call(() ->
                MarketClearingEntity.<MarketClearingEntity>find(query, Sort.by("ordinal"), params).list());
    }
}
