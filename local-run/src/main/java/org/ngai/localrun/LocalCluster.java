package org.ngai.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.h2.tools.Server;
import org.ngai.events.Topics;
import org.ngai.kafka.local.LocalKafkaBroker;

/**
 * A real Kafka broker (KRaft; in this JVM, or in a JVM of its own with {@link Options#withBrokerProcess()}), one database per service that every instance of the service
 * reaches, and N instances (child JVMs) of each of the four services, wired together: what the local run
 * starts and what the end-to-end and fault tests run against. Closing it stops everything it started,
 * services first, then the database server, then the broker.
 *
 * <h2>Databases</h2>
 * {@link Database#H2} (the local default): an H2 TCP server ({@link Server}) runs in <em>this</em> JVM over
 * {@code workdir/db/}, one database per service ({@code db/firm-service.mv.db}, ...); every instance connects
 * with {@code jdbc:h2:tcp://127.0.0.1:PORT/firm-service}. The server listens on the loopback interface only. A
 * service JVM that is killed takes nothing with it: the files belong to this JVM. {@link Database#POSTGRESQL}:
 * every instance of every service uses the given PostgreSQL URL.
 *
 * <h2>Instances</h2>
 * Every instance of a service has the same {@code group.id} (the service name), so the instances split the
 * four partitions of each topic between them; runs are keyed by runId, so a run belongs to the instance that
 * owns its partition. Instance 0 of each service gets the default port (8081-8084) when
 * {@link Options#fixedPorts()} and the port is free; other instances get free ports. Instance 0 of every
 * service starts (and creates its schema) before the others, so two JVMs never race to create the same
 * tables. With more than one instance, {@link #start} returns only once every consumer group is stable with
 * all instances as members ({@link #awaitConsumerGroupsStable}), so runs submitted afterwards do not see a
 * start-up rebalance.
 *
 * <h2>Faults (for tests)</h2>
 * {@link #kill(String, int)} (SIGKILL), {@link #stopInstance(String, int)} (SIGTERM), {@link #restart(String, int)},
 * {@link #addInstance(String)}, {@link #restartAll()} (SIGTERM every service, and the broker when it runs in a
 * JVM of its own, then start them again; the databases stay), {@link #instances(String)}, {@link #url(String)} / {@link #urls(String)} (live instances
 * only), {@link #awaitConsumerGroupsStable(Duration)}. Indices are stable: a stopped or killed instance keeps
 * its index (and port) and {@link #restart} brings it back on the same port, appending to the same log.
 * Methods that change instances are synchronized. With the broker in a JVM of its own, {@link #killBroker()}
 * (SIGKILL) and {@link #restartBroker()} (same port, same log directory).
 */
public final class LocalCluster implements AutoCloseable {
    public static final List<String> SERVICES = List.of("firm-service", "factor-service", "market-service", "indicator-service");
    public static final Map<String, Integer> DEFAULT_PORTS = Map.of("firm-service", 8081, "factor-service", 8082,
            "market-service", 8083, "indicator-service", 8084);
    /**
     * The consumer groups of each service (the {@code group.id} values of its application.properties): every
     * instance of the service is a member of each of them.
     */
    public static final Map<String, List<String>> CONSUMER_GROUPS = Map.of(
            "firm-service", List.of("firm-service"),
            "factor-service", List.of("factor-service"),
            "market-service", List.of("market-service"),
            "indicator-service", List.of("indicator-service", "indicator-service-dlq"));

    /** Which database the services use. */
    public enum Database {
        /** An H2 TCP server in the launcher JVM, one database per service under {@code workdir/db}. */
        H2,
        /** The PostgreSQL at {@link Options#postgresUrl()}, shared by every service (the {@code pg} builds). */
        POSTGRESQL
    }

    /**
     * JVM options of the service processes in a local run. Five JVMs (broker and four services) share
     * the machine; with the C2 compiler each of them spends a run's first minute compiling on the same
     * few cores. Measured on 2 cores, 10,000 firms x 60 ticks: C1 only gives the same numbers in about
     * two thirds of the wall time (docs/pipeline.md, benchmark). Long-lived deployments keep the JVM
     * defaults (deploy/service.env).
     */
    public static final List<String> LOCAL_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx1g", "-XX:TieredStopAtLevel=1");

    /**
     * How to start the cluster.
     *
     * @param instances     JVMs per service, 1 to {@link Topics#PARTITIONS} (more would leave instances without a
     *                      partition, i.e. idle)
     * @param brokerProcess the broker in a JVM of its own ({@link BrokerProcess}), which {@link #killBroker()} can
     *                      kill; otherwise it runs inside this JVM (one process fewer)
     */
    public record Options(Path repo, Path workdir, Database database, String postgresUrl, boolean fixedPorts,
                          List<String> jvmOptions, int instances, boolean brokerProcess) {
        public Options {
            if (instances < 1 || instances > Topics.PARTITIONS) {
                throw new IllegalArgumentException("instances: must be between 1 and " + Topics.PARTITIONS
                        + " (the partitions of each topic), got " + instances);
            }
            if (database == Database.POSTGRESQL && (postgresUrl == null || postgresUrl.isBlank())) {
                throw new IllegalArgumentException("postgresUrl: required with database POSTGRESQL");
            }
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** The broker inside this JVM. */
        public Options(Path repo, Path workdir, Database database, String postgresUrl, boolean fixedPorts,
                       List<String> jvmOptions, int instances) {
            this(repo, workdir, database, postgresUrl, fixedPorts, jvmOptions, instances, false);
        }

        /** One instance per service. */
        public Options(Path repo, Path workdir, Database database, String postgresUrl, boolean fixedPorts,
                       List<String> jvmOptions) {
            this(repo, workdir, database, postgresUrl, fixedPorts, jvmOptions, 1);
        }

        /** What {@code ./simulate} uses: H2 server under {@code repo/.local-run}, default ports, one instance each. */
        public static Options local(Path repo) {
            return new Options(repo, repo.resolve(".local-run"), Database.H2, null, true, LOCAL_JVM_OPTIONS, 1);
        }

        public Options withInstances(int n) {
            return new Options(repo, workdir, database, postgresUrl, fixedPorts, jvmOptions, n, brokerProcess);
        }

        public Options withJvmOptions(List<String> options) {
            return new Options(repo, workdir, database, postgresUrl, fixedPorts, options, instances, brokerProcess);
        }

        /** The broker in a JVM of its own, so that it can be killed and restarted ({@link #killBroker()}). */
        public Options withBrokerProcess() {
            return new Options(repo, workdir, database, postgresUrl, fixedPorts, jvmOptions, instances, true);
        }
    }

    /** {@link #LOCAL_JVM_OPTIONS} with the C2 compiler: slower to warm up, faster once warm (long experiments). */
    public static final List<String> FULL_JIT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx1g");

    /** Environment variable of the operator password; a local run generates one when it is not set. */
    public static final String OPERATOR_PASSWORD_ENV = "NGAI_OPERATOR_PASSWORD";
    /** User name of the local run's operator account. */
    public static final String OPERATOR_USER = "operator";

    private final Http.Credentials operator = new Http.Credentials(OPERATOR_USER, operatorPassword(System.getenv()));
    private final Map<String, String> extraProperties = new LinkedHashMap<>();

    /** What is needed to (re)start an instance of a service. */
    private record Spec(Path jar, Map<String, String> properties, List<String> jvm) {
    }

    /** One instance: its fixed index, its port once known, the current process (possibly dead). */
    private static final class Slot {
        final String service;
        final int index;
        ServiceProcess process;

        Slot(String service, int index) {
            this.service = service;
            this.index = index;
        }

        String name() {
            return index == 0 ? service : service + "#" + index;
        }

        Path log(Path logDir) {
            return logDir.resolve(index == 0 ? service + ".log" : service + "-" + index + ".log");
        }
    }

    /** Start-up can take minutes when many JVMs start at once on a loaded machine (measured: over 3 min at load 50 on 2 cores). */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(420);

    private final Options options;
    /** The broker when it runs in this JVM, else null. */
    private final LocalKafkaBroker broker;
    /** The broker when it runs in a JVM of its own, else null. */
    private final BrokerProcess brokerProcess;
    private final Server h2;
    private final Consumer<String> progress;
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private final Map<String, List<Slot>> slots = new LinkedHashMap<>();

    private LocalCluster(Options options, LocalKafkaBroker broker, BrokerProcess brokerProcess, Server h2,
                         Consumer<String> progress) {
        this.options = options;
        this.broker = broker;
        this.brokerProcess = brokerProcess;
        this.h2 = h2;
        this.progress = progress;
        for (String s : SERVICES) {
            slots.put(s, new ArrayList<>());
        }
    }

    public static LocalCluster start(Options o, Consumer<String> progress) {
        return start(o, progress, Map.of());
    }

    /**
     * Starts the cluster with extra configuration for every service instance (system properties, e.g.
     * {@code ngai.runs.stall-after}); {@link #setServiceProperty} changes one later, for the next (re)start.
     */
    public static LocalCluster start(Options o, Consumer<String> progress, Map<String, String> serviceProperties) {
        try {
            Files.createDirectories(o.workdir());
            Path kafkaDir = o.workdir().resolve("kafka");
            deleteRecursively(kafkaDir);
            int brokerPort = o.fixedPorts() && free(9092) ? 9092 : 0;
            LocalKafkaBroker broker = null;
            BrokerProcess brokerProcess = null;
            if (o.brokerProcess()) {
                progress.accept("starting Kafka (KRaft) broker in a JVM of its own");
                brokerProcess = BrokerProcess.start(o.repo(), kafkaDir, o.workdir().resolve("logs").resolve("broker.log"),
                        brokerPort, Topics.all());
            } else {
                progress.accept("starting Kafka (KRaft) broker");
                broker = LocalKafkaBroker.start(LocalKafkaBroker.Config.defaults().withLogDir(kafkaDir).withPort(brokerPort));
            }
            Server h2 = null;
            try {
                if (broker != null) {
                    broker.createTopics(Topics.all());
                }
                if (o.database() == Database.H2) {
                    h2 = startH2(o.workdir().toAbsolutePath().resolve("db"));
                    progress.accept("H2 database server on " + h2.getURL() + " over " + o.workdir().resolve("db"));
                }
            } catch (RuntimeException | IOException e) {
                if (broker != null) {
                    broker.close();
                }
                if (brokerProcess != null) {
                    brokerProcess.close();
                }
                throw e;
            }
            LocalCluster c = new LocalCluster(o, broker, brokerProcess, h2, progress);
            c.extraProperties.putAll(serviceProperties);
            try {
                c.startServices();
            } catch (RuntimeException | IOException | InterruptedException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An H2 TCP server on a free loopback port; databases are created on first connection under {@code dir}. */
    static Server startH2(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            // -ifNotExists lets a service create its database on first use; without -tcpAllowOthers only
            // connections from this machine are accepted
            return Server.createTcpServer("-tcpPort", Integer.toString(freePort()), "-baseDir", dir.toString(),
                    "-ifNotExists").start();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the H2 database server over " + dir + ": " + e.getMessage(), e);
        }
    }

    private void startServices() throws IOException, InterruptedException {
        String app = options.database() == Database.POSTGRESQL ? "quarkus-app-pg" : "quarkus-app";
        for (String name : SERVICES) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("kafka.bootstrap.servers", bootstrapServers());
            props.putAll(datasource(name));
            props.putAll(extraProperties);
            Path jar = options.repo().resolve(name).resolve("target").resolve(app).resolve("quarkus-run.jar");
            List<String> jvm = new ArrayList<>(options.jvmOptions());
            // extra options for every service JVM, e.g. profiling: NGAI_SERVICE_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/{service}.jfr"
            String extra = System.getenv("NGAI_SERVICE_JVM_OPTS");
            if (extra != null && !extra.isBlank()) {
                for (String opt : extra.trim().split("\\s+")) {
                    jvm.add(opt.replace("{service}", name));
                }
            }
            specs.put(name, new Spec(jar, Map.copyOf(props), List.copyOf(jvm)));
        }
        // instance 0 of every service first: it creates the service's schema; then the others, in parallel
        List<Slot> first = new ArrayList<>();
        for (String name : SERVICES) {
            Slot s = new Slot(name, 0);
            slots.get(name).add(s);
            launch(s, options.fixedPorts() && free(DEFAULT_PORTS.get(name)) ? DEFAULT_PORTS.get(name) : 0, false);
            first.add(s);
        }
        progress.accept("starting " + String.join(", ", SERVICES));
        awaitReady(first);
        if (options.instances() > 1) {
            List<Slot> more = new ArrayList<>();
            for (int i = 1; i < options.instances(); i++) {
                for (String name : SERVICES) {
                    Slot s = new Slot(name, i);
                    slots.get(name).add(s);
                    launch(s, 0, false);
                    more.add(s);
                }
            }
            progress.accept("starting " + (options.instances() - 1) + " more instance(s) of each service");
            awaitReady(more);
            progress.accept("waiting for every consumer group to be stable with " + options.instances() + " members");
            awaitConsumerGroupsStable(Duration.ofSeconds(120));
        }
    }

    /** The datasource properties of a service: the H2 server's database for it, or the shared PostgreSQL. */
    private Map<String, String> datasource(String service) {
        Map<String, String> props = new LinkedHashMap<>();
        if (options.database() == Database.POSTGRESQL) {
            props.put("quarkus.datasource.jdbc.url", options.postgresUrl());
            props.put("quarkus.datasource.username", "postgres");
            props.put("quarkus.datasource.password", "");
        } else {
            props.put("quarkus.datasource.jdbc.url", h2Url(service));
            props.put("quarkus.datasource.username", "sa");
            props.put("quarkus.datasource.password", "");
        }
        return props;
    }

    /** The JDBC URL of a service's database on the H2 server; null unless {@link Database#H2}. */
    public String h2Url(String service) {
        return h2 == null ? null : "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/./" + service;
    }

    private void launch(Slot s, int port, boolean append) throws IOException {
        Spec spec = specs.get(s.service);
        // the operator account (docs/deployment.md): in the environment, not on the command line
        Map<String, String> env = Map.of("NGAI_OPERATOR_USER", operator.username(), OPERATOR_PASSWORD_ENV,
                operator.password());
        s.process = ServiceProcess.start(s.name(), spec.jar(), port, spec.properties(), env,
                s.log(options.workdir().resolve("logs")), append, spec.jvm());
    }

    /**
     * Sets a system property of every instance of {@code service} started from now on (restarts included);
     * instances already running keep theirs. Fault tests use it for crash points.
     */
    public synchronized void setServiceProperty(String service, String key, String value) {
        Spec spec = specs.get(service);
        if (spec == null) {
            throw new IllegalArgumentException("service: unknown service " + service + "; one of " + SERVICES);
        }
        Map<String, String> props = new LinkedHashMap<>(spec.properties());
        props.put(key, value);
        specs.put(service, new Spec(spec.jar(), Map.copyOf(props), spec.jvm()));
    }

    private static void awaitReady(Collection<Slot> starting) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, starting.size()));
        try {
            List<Future<String>> ready = new ArrayList<>();
            for (Slot s : starting) {
                ServiceProcess p = s.process;
                ready.add(pool.submit(() -> p.awaitReady(READY_TIMEOUT)));
            }
            for (Future<String> f : ready) {
                try {
                    f.get();
                } catch (ExecutionException ex) {
                    throw new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The password of this launch's operator: {@value #OPERATOR_PASSWORD_ENV} if set, else 24 random bytes
     * (URL-safe base64), new at every launch and never written anywhere.
     */
    static String operatorPassword(Map<String, String> env) {
        String given = env.get(OPERATOR_PASSWORD_ENV);
        if (given != null && !given.isBlank()) {
            return given;
        }
        byte[] b = new byte[24];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The operator's credentials: what creating, pausing, resuming and cancelling a run needs. */
    public Http.Credentials operator() {
        return operator;
    }

    public String bootstrapServers() {
        return broker != null ? broker.bootstrapServers() : brokerProcess.bootstrapServers();
    }

    /**
     * SIGKILL of the broker (a cluster started {@link Options#withBrokerProcess()}). The services keep running:
     * their producers buffer and retry, their consumers wait for the broker to come back.
     */
    public void killBroker() {
        requireBrokerProcess().kill();
        progress.accept("killed the Kafka broker (SIGKILL)");
    }

    /** Starts the broker again on the same port and log directory, after {@link #killBroker()}. */
    public void restartBroker() {
        requireBrokerProcess().restart();
        progress.accept("restarted the Kafka broker on " + bootstrapServers());
    }

    private BrokerProcess requireBrokerProcess() {
        if (brokerProcess == null) {
            throw new IllegalStateException("the broker runs inside this JVM; start the cluster with "
                    + "Options.withBrokerProcess() to kill and restart it");
        }
        return brokerProcess;
    }

    public Options options() {
        return options;
    }

    /** The base URL of the first live instance of a service (any instance answers any request about any run). */
    public synchronized String url(String service) {
        for (Slot s : slotsOf(service)) {
            if (s.process != null && s.process.isAlive() && s.process.port() != 0) {
                return s.process.url();
            }
        }
        throw new IllegalStateException(service + ": no live instance");
    }

    /** The base URLs of every live instance of a service, by index. */
    public synchronized List<String> urls(String service) {
        List<String> out = new ArrayList<>();
        for (Slot s : slotsOf(service)) {
            if (s.process != null && s.process.isAlive() && s.process.port() != 0) {
                out.add(s.process.url());
            }
        }
        return out;
    }

    /** Service name to the URL of its first live instance. */
    public Map<String, String> urls() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : SERVICES) {
            m.put(s, url(s));
        }
        return m;
    }

    /** Instance 0 of a service. */
    public ServiceProcess service(String name) {
        return instance(name, 0);
    }

    /**
     * Every instance of a service by index, live or not (see {@link ServiceProcess#isAlive()}); a stopped or
     * killed instance keeps its index until it is restarted.
     */
    public synchronized List<ServiceProcess> instances(String service) {
        List<ServiceProcess> out = new ArrayList<>();
        for (Slot s : slotsOf(service)) {
            out.add(s.process);
        }
        return out;
    }

    /** One instance of a service. */
    public synchronized ServiceProcess instance(String service, int index) {
        return slot(service, index).process;
    }

    /** How many instances of a service are alive. */
    public synchronized int liveInstances(String service) {
        int n = 0;
        for (Slot s : slotsOf(service)) {
            if (s.process != null && s.process.isAlive()) {
                n++;
            }
        }
        return n;
    }

    /**
     * SIGKILL one instance ({@link ServiceProcess#kill()}), as a crash would: no shutdown hooks, the consumer
     * does not leave its group, so the group notices only when the session times out (45 s by default).
     * Returns once the process is gone. The database is not touched.
     */
    public synchronized void kill(String service, int index) {
        Slot s = slot(service, index);
        progress.accept("kill -9 " + s.name() + " (pid " + s.process.pid() + ")");
        s.process.kill();
    }

    /** SIGTERM one instance and wait for it to exit (forced after 20 s): a graceful stop, it leaves its groups. */
    public synchronized void stopInstance(String service, int index) {
        Slot s = slot(service, index);
        progress.accept("stopping " + s.name());
        s.process.close();
    }

    /**
     * Starts a stopped or killed instance again on the same port and log (appended), with the same
     * configuration, and waits until it is ready; a live instance is stopped gracefully first. Does not wait
     * for the consumer groups to settle: call {@link #awaitConsumerGroupsStable} for that. Returns its URL.
     */
    public synchronized String restart(String service, int index) {
        Slot s = slot(service, index);
        if (s.process.isAlive()) {
            s.process.close();
        }
        progress.accept("restarting " + s.name() + " on port " + s.process.port());
        try {
            launch(s, s.process.port(), true);
            awaitReady(List.of(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return s.process.url();
    }

    /**
     * Starts one more instance of a service (a free port, log {@code logs/<service>-<index>.log}), waits until
     * it is ready and returns its index. The consumer group rebalances: call {@link #awaitConsumerGroupsStable}
     * before relying on the new assignment.
     */
    public synchronized int addInstance(String service) {
        List<Slot> list = slotsOf(service);
        Slot s = new Slot(service, list.size());
        progress.accept("adding " + s.name());
        try {
            launch(s, 0, false);
            list.add(s);
            awaitReady(List.of(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return s.index;
    }

    /**
     * "Restart all": SIGTERM every live instance of every service (in parallel, as an orchestrator would), wait
     * until they exited, start the same instances again (same ports, logs appended), wait until they are ready
     * and every consumer group is stable. The broker and the databases keep running throughout, so the services
     * rebuild their state from the topics and the database. Instances that were not alive before stay down.
     */
    public synchronized void restartAll() {
        List<Slot> live = new ArrayList<>();
        for (List<Slot> list : slots.values()) {
            for (Slot s : list) {
                if (s.process != null && s.process.isAlive()) {
                    live.add(s);
                }
            }
        }
        progress.accept("SIGTERM to " + live.size() + " service instance(s)"
                + (brokerProcess != null ? " and then the broker" : ""));
        stopAll(live);
        if (brokerProcess != null) {
            // everything down at once: the broker too, with a clean shutdown, then back first
            brokerProcess.stop();
            brokerProcess.restart();
            progress.accept("restarted the Kafka broker on " + bootstrapServers());
        }
        try {
            // instance 0 of each service first, as at start
            List<Slot> first = live.stream().filter(s -> s.index == 0).toList();
            List<Slot> rest = live.stream().filter(s -> s.index != 0).toList();
            for (Slot s : first) {
                launch(s, s.process.port(), true);
            }
            awaitReady(first);
            for (Slot s : rest) {
                launch(s, s.process.port(), true);
            }
            awaitReady(rest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        awaitConsumerGroupsStable(Duration.ofSeconds(120));
        progress.accept("restarted " + live.size() + " service instance(s)");
    }

    /**
     * Waits until every consumer group of every service ({@link #CONSUMER_GROUPS}) is {@code STABLE} with as many
     * members as the service has live instances. After a SIGKILL that takes until the broker expires the dead
     * member's session (45 s by default). Throws, naming the group, its state and members, if the timeout passes.
     */
    public void awaitConsumerGroupsStable(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> conf = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(conf)) {
            while (true) {
                Map<String, Integer> expected = new LinkedHashMap<>();
                synchronized (this) {
                    for (String service : SERVICES) {
                        for (String g : CONSUMER_GROUPS.get(service)) {
                            expected.put(g, liveInstances(service));
                        }
                    }
                }
                String notYet = null;
                Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(expected.keySet()).all()
                        .get(30, TimeUnit.SECONDS);
                for (Map.Entry<String, Integer> e : expected.entrySet()) {
                    ConsumerGroupDescription d = groups.get(e.getKey());
                    boolean ok = d != null && d.members().size() == e.getValue()
                            && (e.getValue() == 0 || d.groupState() == GroupState.STABLE);
                    if (!ok) {
                        notYet = "consumer group " + e.getKey() + ": state " + (d == null ? "unknown" : d.groupState())
                                + ", " + (d == null ? 0 : d.members().size()) + " member(s), expected " + e.getValue()
                                + " and STABLE";
                        break;
                    }
                }
                if (notYet == null) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not stable after " + timeout.toSeconds() + " s: " + notYet);
                }
                Thread.sleep(250);
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe the consumer groups: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<Slot> slotsOf(String service) {
        List<Slot> list = slots.get(service);
        if (list == null) {
            throw new IllegalArgumentException("service: unknown '" + service + "', expected one of " + SERVICES);
        }
        return list;
    }

    private Slot slot(String service, int index) {
        List<Slot> list = slotsOf(service);
        if (index < 0 || index >= list.size()) {
            throw new IllegalArgumentException("index: " + service + " has instances 0.." + (list.size() - 1) + ", got " + index);
        }
        return list.get(index);
    }

    private static void stopAll(Collection<Slot> list) {
        List<Thread> stops = new ArrayList<>();
        for (Slot s : list) {
            if (s.process == null) {
                continue;
            }
            Thread t = new Thread(s.process::close, "stop-" + s.name());
            t.start();
            stops.add(t);
        }
        for (Thread t : stops) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        List<Slot> all = new ArrayList<>();
        synchronized (this) {
            slots.values().forEach(all::addAll);
        }
        stopAll(all);
        if (h2 != null) {
            h2.stop();
        }
        if (broker != null) {
            broker.close();
        }
        if (brokerProcess != null) {
            brokerProcess.close();
        }
    }

    static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
