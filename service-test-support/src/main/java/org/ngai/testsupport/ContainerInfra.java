package org.ngai.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The container path of {@link KafkaBrokerTestResource}: Apache Kafka ({@value #KAFKA_IMAGE}, KRaft) and,
 * when the tests use PostgreSQL, PostgreSQL ({@value #POSTGRES_IMAGE}, database {@code test}) in Docker via
 * Testcontainers.
 * <p>
 * This is the only class that refers to Testcontainers. {@link KafkaBrokerTestResource} touches it only after
 * {@code NGAI_TESTCONTAINERS=on} was asked for and {@link DockerProbe#available()} said yes, so on every
 * other path neither this class nor any Testcontainers class is loaded or initialised.
 */
final class ContainerInfra implements AutoCloseable {
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:16-alpine";
    static final String DATABASE = "test";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainerInfra(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /**
     * Starts the Kafka container, creates the topics on it (replication factor 1) and, if asked, starts the
     * PostgreSQL container. On failure whatever was started is stopped again and the error is rethrown.
     */
    static ContainerInfra start(Map<String, Integer> topics, int defaultPartitions, boolean withPostgres) {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                // the same defaults as the in-process broker (LocalKafkaBroker.Config.defaults())
                .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(defaultPartitions))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
        PostgreSQLContainer postgres = null;
        try {
            kafka.start();
            createTopics(kafka.getBootstrapServers(), topics, defaultPartitions);
            if (withPostgres) {
                postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withDatabaseName(DATABASE);
                postgres.start();
            }
            return new ContainerInfra(kafka, postgres);
        } catch (RuntimeException | Error e) {
            stopQuietly(postgres, e);
            stopQuietly(kafka, e);
            throw e;
        }
    }

    String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    /** Config overrides pointing the datasource at the PostgreSQL container; empty without one. */
    Map<String, String> datasourceConfig() {
        Map<String, String> m = new LinkedHashMap<>();
        if (postgres != null) {
            m.put("quarkus.datasource.jdbc.url", postgres.getJdbcUrl());
            m.put("quarkus.datasource.username", postgres.getUsername());
            m.put("quarkus.datasource.password", postgres.getPassword());
        }
        return m;
    }

    /** Stops both containers (PostgreSQL first); stops the second even if the first fails. */
    @Override
    public void close() {
        RuntimeException failure = null;
        if (postgres != null) {
            failure = stop(postgres, failure);
        }
        failure = stop(kafka, failure);
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException stop(GenericContainer<?> c, RuntimeException failure) {
        try {
            c.stop();
            return failure;
        } catch (RuntimeException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
            return failure;
        }
    }

    private static void createTopics(String bootstrap, Map<String, Integer> partitions, int defaultPartitions) {
        List<NewTopic> topics = new ArrayList<>();
        partitions.forEach((name, n) -> topics.add(
                new NewTopic(name, n == null || n <= 0 ? defaultPartitions : n, (short) 1)));
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + partitions.keySet(), e);
        }
    }

    private static void stopQuietly(GenericContainer<?> c, Throwable cause) {
        if (c == null) {
            return;
        }
        try {
            c.stop();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
