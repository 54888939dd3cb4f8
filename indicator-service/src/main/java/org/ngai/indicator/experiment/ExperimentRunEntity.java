package org.ngai.indicator.experiment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One (cell, replicate) of an experiment: an ordinary run on the pipeline, its status, and once it has finished
 * the experiment's kept values of it ({@code [indicator][tick − 1]} as IEEE bits), not its full series.
 */
@Entity
@Table(name = "experiment_runs", indexes = @Index(name = "experiment_runs_experiment", columnList = "experimentId,cell,replicate"))
public class ExperimentRunEntity extends PanacheEntityBase {
    public enum Status {
        QUEUED, RUNNING, FINISHED, CANCELLED, FAILED;

        public boolean ended() {
            return this == FINISHED || this == CANCELLED || this == FAILED;
        }
    }

    /** The run id: a name-based UUID of (experiment, cell, replicate), so a re-sent RUN_STARTED is the same run. */
    @Id
    @Column(length = 64)
    public String id;
    @Column(length = 64, nullable = false)
    public String experimentId;
    public int cell;
    public int replicate;
    @Column(length = 16)
    public String status;
    @Column(name = "keptValues", length = 1_000_000)   // "values" is a reserved word in SQL
    public byte[] values;
    public Instant startedAt;
    public Instant endedAt;
    @Column(length = 2000)
    public String message;

    public Status state() {
        return Status.valueOf(status);
    }

    public static List<ExperimentRunEntity> of(String experimentId) {
        return list("experimentId = ?1 order by replicate, cell", experimentId);
    }
}
