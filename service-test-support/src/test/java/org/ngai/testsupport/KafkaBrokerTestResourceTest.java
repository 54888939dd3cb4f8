package org.ngai.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.events.Topics;
import org.ngai.testsupport.KafkaBrokerTestResource.Mode;

class KafkaBrokerTestResourceTest {
    private static final BooleanSupplier NO_DOCKER = () -> false;
    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier MUST_NOT_PROBE = () -> {
        throw new AssertionError("Docker must not be probed here");
    };

    /** Kept so the levels stay set; the broker logs through slf4j-jboss-logmanager. */
    private static final List<java.util.logging.Logger> QUIET = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void quietBrokerLogs() {
        for (String category : new String[] {"kafka", "state.change.logger", "org.apache.kafka", "org.ngai.kafka"}) {
            java.util.logging.Logger l = LogContext.getLogContext().getLogger(category);
            l.setLevel(java.util.logging.Level.WARNING);
            QUIET.add(l);
        }
    }

    @Test
    void containersRequestedButDockerAbsentChoosesTheLocalBroker() {
        assertThat(KafkaBrokerTestResource.chooseMode(null, true, NO_DOCKER)).isEqualTo(Mode.LOCAL);
        assertThat(KafkaBrokerTestResource.chooseMode("  ", true, NO_DOCKER)).isEqualTo(Mode.LOCAL);
    }

    @Test
    void onThisMachineWithoutDockerTheRealProbeLeadsToTheLocalBroker() {
        assumeFalse(DockerProbe.available(), "a Docker engine answers here");
        assertThat(KafkaBrokerTestResource.chooseMode(null, true, DockerProbe::available)).isEqualTo(Mode.LOCAL);
    }

    @Test
    void containersOnlyWhenRequestedAndDockerAnswers() {
        assertThat(KafkaBrokerTestResource.chooseMode(null, true, DOCKER)).isEqualTo(Mode.CONTAINERS);
        assertThat(KafkaBrokerTestResource.chooseMode(null, false, MUST_NOT_PROBE)).isEqualTo(Mode.LOCAL);
    }

    @Test
    void externalBrokerWinsAndDockerIsNotProbed() {
        assertThat(KafkaBrokerTestResource.chooseMode("kafka:9092", true, MUST_NOT_PROBE)).isEqualTo(Mode.EXTERNAL);
        assertThat(KafkaBrokerTestResource.chooseMode("kafka:9092", false, MUST_NOT_PROBE)).isEqualTo(Mode.EXTERNAL);
    }

    @Test
    void onlyOnAsksForContainers() {
        assertThat(KafkaBrokerTestResource.containersRequested("on", null)).isTrue();
        assertThat(KafkaBrokerTestResource.containersRequested(null, " ON ")).isTrue();
        assertThat(KafkaBrokerTestResource.containersRequested("off", "on")).isTrue();
        assertThat(KafkaBrokerTestResource.containersRequested(null, null)).isFalse();
        assertThat(KafkaBrokerTestResource.containersRequested("off", "")).isFalse();
        assertThat(KafkaBrokerTestResource.containersRequested("1", "true")).isFalse();
    }

    @Test
    void postgresContainerUnlessH2() {
        assertThat(KafkaBrokerTestResource.postgresContainerWanted(null)).isTrue();
        assertThat(KafkaBrokerTestResource.postgresContainerWanted("postgresql")).isTrue();
        assertThat(KafkaBrokerTestResource.postgresContainerWanted("h2")).isFalse();
        assertThat(KafkaBrokerTestResource.postgresContainerWanted(" H2")).isFalse();
    }

    /**
     * The whole fallback path: containers asked for, Docker absent (forced through the seam). start() must
     * bring up the in-process broker with every topic, say so once on standard error, override nothing but
     * kafka.bootstrap.servers, and neither ContainerInfra nor any Testcontainers class may be loaded: the
     * resource runs in a class loader that refuses (and records) them.
     */
    @Test
    void fallbackStartsTheLocalBrokerWithoutLoadingTestcontainers() throws Exception {
        assumeTrue(System.getenv(KafkaBrokerTestResource.EXTERNAL_ENV) == null,
                KafkaBrokerTestResource.EXTERNAL_ENV + " is set, start() would use that broker");
        try (IsolatingLoader loader = new IsolatingLoader(true)) {
            Class<?> type = Class.forName(KafkaBrokerTestResource.class.getName(), true, loader);
            assertThat(type.getClassLoader()).isSameAs(loader);
            AtomicInteger probes = new AtomicInteger();
            Field seam = type.getDeclaredField("dockerAvailable");
            seam.setAccessible(true);
            seam.set(null, (BooleanSupplier) () -> {
                probes.incrementAndGet();
                return false;
            });
            QuarkusTestResourceLifecycleManager resource =
                    (QuarkusTestResourceLifecycleManager) type.getDeclaredConstructor().newInstance();

            String previous = System.setProperty(KafkaBrokerTestResource.CONTAINERS_PROPERTY, "on");
            PrintStream err = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            Map<String, String> config;
            try {
                System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
                config = resource.start();
            } finally {
                System.setErr(err);
                if (previous == null) {
                    System.clearProperty(KafkaBrokerTestResource.CONTAINERS_PROPERTY);
                } else {
                    System.setProperty(KafkaBrokerTestResource.CONTAINERS_PROPERTY, previous);
                }
            }
            try {
                assertThat(probes).hasValue(1);
                assertThat(captured.toString(StandardCharsets.UTF_8))
                        .contains("NGAI_TESTCONTAINERS=on but no Docker engine answers");
                assertThat(config).containsOnlyKeys("kafka.bootstrap.servers");
                String bootstrap = config.get("kafka.bootstrap.servers");
                assertThat(bootstrap).startsWith("127.0.0.1:");
                assertThat(type.getMethod("bootstrapServers").invoke(null)).isEqualTo(bootstrap);
                assertThat(listTopics(bootstrap)).containsAll(Topics.all().keySet());
            } finally {
                resource.stop();
            }
            assertThat(loader.refused).isEmpty();
        }
    }

    /** The loader above really notices: initialising ContainerInfra without Testcontainers fails and is recorded. */
    @Test
    void isolatingLoaderDetectsTestcontainers() throws Exception {
        try (IsolatingLoader loader = new IsolatingLoader(false)) {
            assertThatThrownBy(() -> Class.forName(ContainerInfra.class.getName(), true, loader))
                    .isInstanceOfAny(LinkageError.class, ClassNotFoundException.class);
            assertThat(loader.refused).anyMatch(n -> n.startsWith("org.testcontainers."));
        }
    }

    private static Set<String> listTopics(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Loads this module's main classes itself (child first) and refuses every Testcontainers class and,
     * if asked, ContainerInfra, recording each refusal.
     */
    private static final class IsolatingLoader extends URLClassLoader {
        final List<String> refused = new CopyOnWriteArrayList<>();
        private final boolean refuseContainerInfra;

        IsolatingLoader(boolean refuseContainerInfra) {
            super(new URL[] {mainClasses()}, KafkaBrokerTestResourceTest.class.getClassLoader());
            this.refuseContainerInfra = refuseContainerInfra;
        }

        private static URL mainClasses() {
            return KafkaBrokerTestResource.class.getProtectionDomain().getCodeSource().getLocation();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.testcontainers.")
                    || (refuseContainerInfra && name.equals(ContainerInfra.class.getName()))) {
                refused.add(name);
                throw new ClassNotFoundException(name + " must not be loaded on this path");
            }
            if (name.startsWith("org.ngai.testsupport.")) {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null) {
                        c = findClass(name);
                    }
                    if (resolve) {
                        resolveClass(c);
                    }
                    return c;
                }
            }
            return super.loadClass(name, resolve);
        }
    }
}
