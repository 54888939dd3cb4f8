package org.ngai.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.ngai.events.Topics;
import org.ngai.kafka.local.LocalKafkaBroker;

/**
 * One real Apache Kafka broker for all test classes of a service:
 * register with {@code @WithTestResource(value = KafkaBrokerTestResource.class, scope = GLOBAL)}.
 * Returning {@code kafka.bootstrap.servers} also keeps Kafka Dev Services off. The broker comes from one of
 * three places, decided once in {@link #start()} (see {@link #chooseMode}):
 * <ol>
 * <li><b>External broker</b>: if {@code NGAI_KAFKA_BOOTSTRAP} is set, that broker is used as it is (no topics
 * are created, nothing is started). This wins over everything else.</li>
 * <li><b>Containers</b>: if {@code NGAI_TESTCONTAINERS=on} (or the system property
 * {@code ngai.testcontainers=on}) and a Docker engine answers ({@link DockerProbe#available()}), Testcontainers
 * starts Apache Kafka ({@code apache/kafka:4.1.2}) and every protocol topic is created on it; unless
 * {@code TEST_DB=h2}, a PostgreSQL container ({@code postgres:16-alpine}, database {@code test}) is started
 * as well and {@code quarkus.datasource.jdbc.url/username/password} are overridden to point at it. Containers
 * are stopped in {@link #stop()}. If containers are asked for but no Docker engine answers, one line says so
 * on standard error and the in-process broker below is used, so asking for containers where Docker is absent
 * never fails. If Docker answers but a container cannot be started, {@code start()} fails with that error
 * (after stopping whatever it did start) rather than switching silently.</li>
 * <li><b>In-process broker</b> (the default): a KRaft broker from Maven Central jars
 * ({@link LocalKafkaBroker}) on a random port with a temporary log dir removed afterwards; every protocol
 * topic is created with {@link Topics#PARTITIONS} partitions. The database is whatever the service's
 * {@code %test} profile says ({@link TestDatabase}: the machine PostgreSQL, an embedded one, or H2).</li>
 * </ol>
 * Docker is only probed when containers are asked for, and Testcontainers is only referenced from
 * {@link ContainerInfra}, which is loaded only on the container path.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {
    static final String EXTERNAL_ENV = "NGAI_KAFKA_BOOTSTRAP";
    static final String CONTAINERS_ENV = "NGAI_TESTCONTAINERS";
    static final String CONTAINERS_PROPERTY = "ngai.testcontainers";

    /** Where the test broker comes from. */
    enum Mode {
        EXTERNAL, CONTAINERS, LOCAL
    }

    /** Whether a Docker engine answers; a seam for tests, {@link DockerProbe#available()} otherwise. */
    static volatile BooleanSupplier dockerAvailable = DockerProbe::available;

    private static volatile LocalKafkaBroker broker;
    /** The running {@link ContainerInfra}, typed as AutoCloseable so reflection on this class never loads it. */
    private static volatile AutoCloseable containers;
    private static volatile String bootstrap;

    @Override
    public Map<String, String> start() {
        String external = System.getenv(EXTERNAL_ENV);
        boolean requested = containersRequested(System.getenv(CONTAINERS_ENV), System.getProperty(CONTAINERS_PROPERTY));
        Mode mode = chooseMode(external, requested, dockerAvailable);
        Map<String, String> config = new LinkedHashMap<>();
        if (mode == Mode.EXTERNAL) {
            if (requested) {
                System.err.println("[ngai-test] " + CONTAINERS_ENV + "=on ignored: " + EXTERNAL_ENV
                        + " is set, using the external Kafka broker " + external);
            }
            bootstrap = external;
        } else if (mode == Mode.CONTAINERS) {
            ContainerInfra c = ContainerInfra.start(Topics.all(), Topics.PARTITIONS, postgresContainerWanted(testDb()));
            containers = c;
            bootstrap = c.bootstrapServers();
            config.putAll(c.datasourceConfig());
        } else {
            if (requested) {
                System.err.println("[ngai-test] " + CONTAINERS_ENV + "=on but no Docker engine answers: using the"
                        + " in-process Kafka broker and the %test database (TestDatabase: machine or embedded PostgreSQL, or H2)");
            }
            broker = LocalKafkaBroker.start(LocalKafkaBroker.Config.defaults());
            broker.createTopics(Topics.all());
            bootstrap = broker.bootstrapServers();
        }
        config.put("kafka.bootstrap.servers", bootstrap);
        return config;
    }

    @Override
    public void stop() {
        AutoCloseable c = containers;
        if (c != null) {
            containers = null;
            try {
                c.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the test containers", e);
            }
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** The bootstrap servers of the running test broker (for KafkaCompanion in tests). */
    public static String bootstrapServers() {
        return bootstrap;
    }

    /**
     * The decision: an external broker if one is given; otherwise containers if asked for and Docker answers;
     * otherwise the in-process broker. Docker is asked only when containers are requested and no external
     * broker is given.
     */
    static Mode chooseMode(String externalBootstrap, boolean containersRequested, BooleanSupplier docker) {
        if (externalBootstrap != null && !externalBootstrap.isBlank()) {
            return Mode.EXTERNAL;
        }
        if (containersRequested && docker.getAsBoolean()) {
            return Mode.CONTAINERS;
        }
        return Mode.LOCAL;
    }

    /** {@code on} (any case) in the environment variable or the system property asks for containers. */
    static boolean containersRequested(String env, String property) {
        return isOn(env) || isOn(property);
    }

    /** A PostgreSQL container is started unless the tests run on H2 ({@code TEST_DB=h2}). */
    static boolean postgresContainerWanted(String testDb) {
        return testDb == null || !testDb.trim().equalsIgnoreCase("h2");
    }

    /** TEST_DB as the services' config sees it: system property first, then environment. */
    private static String testDb() {
        String p = System.getProperty("TEST_DB");
        return p != null && !p.isBlank() ? p : System.getenv("TEST_DB");
    }

    private static boolean isOn(String v) {
        return v != null && v.trim().equalsIgnoreCase("on");
    }
}
