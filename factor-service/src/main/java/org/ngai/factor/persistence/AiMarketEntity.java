package org.ngai.factor.persistence;

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
 * The AI capital market after tick t: the AI market state that opens t+1 (OwnerReports.nextAi), the
 * vendor summary of tick t and lenders' real-economy share.
 */
@Entity
@Table(name = "factor_ai_market", indexes = @Index(name = "factor_ai_run_tick", columnList = "runId,tick", unique = true))
public class AiMarketEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "factor_ai_seq")
    @SequenceGenerator(name = "factor_ai_seq", sequenceName = "factor_ai_seq", allocationSize = 50)
    public Long id;
    @Column(length = 64)
    public String runId;
    public int tick;
    // AiMarketState of t+1
    public double theta;
    public double thetaTacit;
    public double thetaUs;
    public double quality;
    public double price;
    public double energyPerUnit;
    public double computeDomestic;
    public double computeImported;
    public boolean exportControl;
    public double dataStock;
    public double effectiveData;
    public double collapse;
    public double revenue;
    public double rdBase;
    // VendorSummary of t
    /** Modelled vendors (sum over regions). */
    public double vendorsModelled;
    /** Real vendor firms: modelled × realPerModelled. */
    public double vendors;
    public double baseLayerShare;
    public double techLayerShare;
    public double appLayerShare;
    public int entrants;
    public int exits;
    public double realEconomyShare;
}
