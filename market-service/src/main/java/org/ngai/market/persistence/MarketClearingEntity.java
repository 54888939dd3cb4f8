package org.ngai.market.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * One market cell after clearing one tick ({@code MarketCleared}), written in batches per tick off
 * the tick's critical path. Values that do not apply to a market (NaN in the model) are SQL NULL.
 */
@Entity
@Table(name = "market_clearings", indexes = {
    @Index(name = "market_clearings_run_tick", columnList = "runId,tick")})
public class MarketClearingEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "market_clearings_seq")
    @SequenceGenerator(name = "market_clearings_seq", sequenceName = "market_clearings_seq", allocationSize = 500)
    public Long id;
    @Column(length = 64, nullable = false)
    public String runId;
    public int tick;
    /** Position of the summary in the model's canonical order (labour, finance, technology, AI). */
    public int ordinal;
    /** LAB, FIN, TECH or AI. */
    @Column(length = 8, nullable = false)
    public String market;
    /** Region index, −1 for a national cell. */
    public int region;
    /** 0 low, 1 high for labour cells, −1 otherwise. */
    public int skill;
    /** Signalling-game regime, null where no game is played. */
    @Column(length = 24)
    public String regime;
    public Double screening;
    public Double disguiseCost;
    public Double accuracy;
    public Double demand;
    public Double supply;
    public Double matched;
    public Double price;
    public Double tightness;
    public Double matchEfficiency;
    public Double nextPrice;
    public Double goodOffered;
    public Double badOffered;
    public Double goodTraded;
    public Double badTraded;
    public Double efficiency;
    public Double daEfficiency;
    public Double blockingRate;
}
