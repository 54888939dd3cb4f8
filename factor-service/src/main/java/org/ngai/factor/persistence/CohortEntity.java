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

/** A region × skill worker cohort at the end of one tick (OwnerReports.cohorts). */
@Entity
@Table(name = "factor_cohorts", indexes = @Index(name = "factor_cohorts_run_tick", columnList = "runId,tick,region,skill", unique = true))
public class CohortEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "factor_cohort_seq")
    @SequenceGenerator(name = "factor_cohort_seq", sequenceName = "factor_cohort_seq", allocationSize = 500)
    public Long id;
    @Column(length = 64)
    public String runId;
    public int tick;
    /** Region code (BJ, GD, ...). */
    @Column(length = 4)
    public String region;
    /** LOW or HIGH. */
    @Column(length = 4)
    public String skill;
    public double unemployed;
    public double training;
    public double trainingStarts;
    public double trainingCompletions;
    public double trainingSuccesses;
}
