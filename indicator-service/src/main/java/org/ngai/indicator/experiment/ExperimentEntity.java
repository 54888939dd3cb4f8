package org.ngai.indicator.experiment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** An experiment run through the pipeline (docs/experiments.md "Through the pipeline"): its document and where it stands. */
@Entity
@Table(name = "experiments")
public class ExperimentEntity extends PanacheEntityBase {
    public enum Status { RUNNING, FINISHED, CANCELLED }

    @Id
    @Column(length = 64)
    public String id;
    public String name;
    /** The experiment file's content as submitted (YAML or JSON). */
    @Column(columnDefinition = "text")
    public String document;
    /** Runs in flight at most. */
    public int concurrency;
    public int runs;
    @Column(length = 16)
    public String status;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant finishedAt;
    @Column(length = 2000)
    public String message;

    public boolean terminal() {
        return !Status.RUNNING.name().equals(status);
    }

    public static List<ExperimentEntity> newestFirst() {
        return list("order by createdAt desc");
    }

    public static List<ExperimentEntity> running() {
        return list("status = ?1 order by createdAt", Status.RUNNING.name());
    }
}
