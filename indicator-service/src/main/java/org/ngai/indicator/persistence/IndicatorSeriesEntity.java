package org.ngai.indicator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.List;

/**
 * One tick of one run: the full {@code TickIndicators} as JSON (EventCodec.MAPPER, NaN as "NaN"), the
 * environment of the next tick (so TICK_CLOSED can be re-emitted after a restart) and a few national
 * values as columns for quick queries (null where undefined).
 */
@Entity
@Table(name = "indicator_series", uniqueConstraints = @UniqueConstraint(name = "indicator_series_run_tick",
        columnNames = {"runId", "tick"}))
public class IndicatorSeriesEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "indicator_series_seq")
    @SequenceGenerator(name = "indicator_series_seq", sequenceName = "indicator_series_seq", allocationSize = 50)
    public Long id;
    @Column(length = 64, nullable = false)
    public String runId;
    public int tick;
    @Column(length = 8)
    public String quarter;
    @Column(columnDefinition = "text", nullable = false)
    public String indicatorsJson;
    @Column(columnDefinition = "text")
    public String nextEnvironmentJson;
    public Double tfpMeasured;
    public Double aiPenetration;
    public Double coordination;
    public Double unemployment;
    public Instant storedAt;

    public static List<IndicatorSeriesEntity> range(String runId, int from, int to) {
        return list("runId = ?1 and tick >= ?2 and tick <= ?3 order by tick", runId, from, to);
    }

    public static IndicatorSeriesEntity at(String runId, int tick) {
        return find("runId = ?1 and tick = ?2", runId, tick).firstResult();
    }

    public static IndicatorSeriesEntity latest(String runId) {
        return find("runId = ?1 order by tick desc", runId).firstResult();
    }
}
