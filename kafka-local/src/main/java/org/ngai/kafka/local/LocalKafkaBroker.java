package org.ngai.kafka.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real, single-node Apache Kafka broker in KRaft mode (broker and controller in one process), started
 * in the current JVM from the Maven Central jars. For the local run (see {@link LocalKafkaMain}) and as a
 * test broker.
 *
 * <pre>{@code
 * try (LocalKafkaBroker kafka = LocalKafkaBroker.start(LocalKafkaBroker.Config.defaults())) {
 *     kafka.createTopics(Map.of("orders", 4));
 *     String bootstrap = kafka.bootstrapServers();   // e.g. 127.0.0.1:41233
 * }
 * }</pre>
 *
 * The storage is formatted only when {@code meta.properties} is missing from the log directory, so a
 * broker restarted on the same directory keeps its cluster id, topics, data and committed offsets.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);

    static final String META_PROPERTIES = "meta.properties";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;
    private static final int START_ATTEMPTS = 3;

    /**
     * Broker settings.
     *
     * @param host              interface to bind and advertise; {@code 127.0.0.1} by default
     * @param port              client (PLAINTEXT) port; 0 picks a free port
     * @param logDir            data directory; {@code null} = a temporary directory, deleted on close
     * @param defaultPartitions {@code num.partitions} for auto-created topics and {@link #createTopics}
     * @param autoCreateTopics  {@code auto.create.topics.enable}
     * @param overrides         extra broker properties, applied last
     */
    public record Config(String host, int port, Path logDir, int defaultPartitions, boolean autoCreateTopics,
                         Map<String, String> overrides) {

        public Config {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            if (defaultPartitions < 1) {
                throw new IllegalArgumentException("defaultPartitions must be >= 1: " + defaultPartitions);
            }
            overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        }

        /** 127.0.0.1, free port, temporary directory, 4 partitions, auto-create on. */
        public static Config defaults() {
            return new Config("127.0.0.1", 0, null, 4, true, Map.of());
        }

        public Config withHost(String host) {
            return new Config(host, port, logDir, defaultPartitions, autoCreateTopics, overrides);
        }

        public Config withPort(int port) {
            return new Config(host, port, logDir, defaultPartitions, autoCreateTopics, overrides);
        }

        public Config withLogDir(Path logDir) {
            return new Config(host, port, logDir, defaultPartitions, autoCreateTopics, overrides);
        }

        public Config withDefaultPartitions(int defaultPartitions) {
            return new Config(host, port, logDir, defaultPartitions, autoCreateTopics, overrides);
        }

        public Config withAutoCreateTopics(boolean autoCreateTopics) {
            return new Config(host, port, logDir, defaultPartitions, autoCreateTopics, overrides);
        }

        public Config withOverrides(Map<String, String> overrides) {
            return new Config(host, port, logDir, defaultPartitions, autoCreateTopics, overrides);
        }
    }

    private final Config config;
    private final Path logDir;
    private final boolean temporaryLogDir;
    private final int port;
    private final String clusterId;
    private final boolean formatted;
    private KafkaRaftServer server;
    private boolean closed;

    private LocalKafkaBroker(Config config, Path logDir, boolean temporaryLogDir, int port, String clusterId,
                             boolean formatted, KafkaRaftServer server) {
        this.config = config;
        this.logDir = logDir;
        this.temporaryLogDir = temporaryLogDir;
        this.port = port;
        this.clusterId = clusterId;
        this.formatted = formatted;
        this.server = server;
    }

    /**
     * Formats the storage if needed, starts the broker and returns when it answers a metadata request.
     */
    public static LocalKafkaBroker start(Config config) {
        Objects.requireNonNull(config, "config");
        long t0 = System.nanoTime();
        boolean temporary = config.logDir() == null;
        Path dir;
        try {
            dir = temporary ? Files.createTempDirectory("ngai-kafka-")
                    : Files.createDirectories(config.logDir().toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka log dir " + config.logDir(), e);
        }
        try {
            RuntimeException last = null;
            // With port 0 we pick free ports ourselves (KRaft's static quorum needs a known controller
            // port, and the broker's bound port is not exposed); another process may take one in between,
            // hence the retry.
            int attempts = config.port() == 0 ? START_ATTEMPTS : 1;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                int clientPort = config.port() != 0 ? config.port() : freePort(config.host());
                int controllerPort = freePort(config.host(), clientPort);
                Properties props = brokerProperties(config, dir, clientPort, controllerPort);
                KafkaConfig kafkaConfig = new KafkaConfig(props, false);
                boolean formatNow = Files.notExists(dir.resolve(META_PROPERTIES));
                if (formatNow) {
                    format(kafkaConfig, dir);
                }
                String clusterId = readClusterId(dir);
                KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
                try {
                    server.startup();
                } catch (RuntimeException e) {
                    last = e;
                    shutdownQuietly(server);
                    LOG.warn("Kafka start attempt {} on {}:{} failed: {}", attempt, config.host(), clientPort,
                            e.toString());
                    continue;
                }
                LocalKafkaBroker broker = new LocalKafkaBroker(config, dir, temporary, clientPort, clusterId,
                        formatNow, server);
                try {
                    broker.awaitReady(Duration.ofSeconds(60));
                } catch (RuntimeException e) {
                    broker.close();
                    throw e;
                }
                LOG.info("Kafka broker ready at {} in {} ms (log dir {}, formatted now: {})",
                        broker.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000, dir, formatNow);
                return broker;
            }
            throw new IllegalStateException("Kafka broker did not start after " + attempts + " attempt(s)", last);
        } catch (RuntimeException e) {
            if (temporary) {
                deleteRecursively(dir);
            }
            throw e;
        }
    }

    static Properties brokerProperties(Config config, Path dir, int clientPort, int controllerPort) {
        String host = config.host();
        Properties p = new Properties();
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("process.roles", "broker,controller");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + clientPort + "," + CONTROLLER_LISTENER + "://" + host + ":"
                + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + clientPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("metadata.log.dir", dir.toString());
        p.put("num.partitions", Integer.toString(config.defaultPartitions()));
        p.put("auto.create.topics.enable", Boolean.toString(config.autoCreateTopics()));
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // single node: internal topics with replication factor and min ISR 1, few partitions (fast creation)
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("delete.topic.enable", "true");
        // small, quick shutdown and start on a laptop
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        config.overrides().forEach(p::put);
        return p;
    }

    private static void format(KafkaConfig kafkaConfig, Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(ps)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(kafkaConfig.nodeId())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir.toString())
                    .setDirectories(List.of(dir.toString()))
                    .setIgnoreFormatted(false)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dir + ": " + out, e);
        }
        LOG.debug("formatted {}: {}", dir, out.toString(StandardCharsets.UTF_8).trim());
    }

    static String readClusterId(Path dir) {
        Properties meta = new Properties();
        try (var in = Files.newInputStream(dir.resolve(META_PROPERTIES))) {
            meta.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(META_PROPERTIES), e);
        }
        return meta.getProperty("cluster.id");
    }

    private void awaitReady(Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(p)) {
            int nodes = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            if (nodes < 1) {
                throw new IllegalStateException("Kafka broker reports no nodes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker at " + bootstrapServers() + " did not become ready", e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return config.host() + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    public String clusterId() {
        return clusterId;
    }

    /** Whether this start formatted the storage (false when an existing {@code meta.properties} was found). */
    public boolean formattedOnStart() {
        return formatted;
    }

    public Config config() {
        return config;
    }

    /**
     * Creates the topics (replication factor 1) with the given partition counts; a partition count of 0 or
     * less means the configured default. Topics that already exist are left as they are.
     */
    public void createTopics(Map<String, Integer> partitions) {
        List<NewTopic> topics = new ArrayList<>();
        partitions.forEach((name, n) -> topics.add(
                new NewTopic(name, n == null || n <= 0 ? config.defaultPartitions() : n, (short) 1)));
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
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
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + partitions.keySet(), e);
        }
    }

    /** Stops the broker (waits for it) and deletes the log dir if it was a temporary one. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        try {
            shutdownQuietly(server);
        } finally {
            server = null;
            if (temporaryLogDir) {
                deleteRecursively(logDir);
            }
        }
        LOG.info("Kafka broker {} stopped in {} ms", bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("error stopping Kafka broker", e);
        }
    }

    static int freePort(String host, int... avoid) {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
                int p = s.getLocalPort();
                boolean clash = false;
                for (int a : avoid) {
                    clash |= a == p;
                }
                if (!clash) {
                    return p;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on " + host, e);
            }
        }
        throw new IllegalStateException("cannot find a free port on " + host);
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || Files.notExists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.toString());
        }
    }
}
