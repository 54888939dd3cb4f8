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

/** One lender at the end of one tick (OwnerReports.lenders). */
@Entity
@Table(name = "factor_lenders", indexes = @Index(name = "factor_lenders_run_tick", columnList = "runId,tick,lenderId", unique = true))
public class LenderEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "factor_lender_seq")
    @SequenceGenerator(name = "factor_lender_seq", sequenceName = "factor_lender_seq", allocationSize = 500)
    public Long id;
    @Column(length = 64)
    public String runId;
    public int tick;
    public int lenderId;
    @Column(length = 4)
    public String region;
    public double capital;
    public boolean aiAdopted;
    public double lent;
    public double lentToBadProjects;
    public double defaults;
}
