package org.ngai.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.ngai.events.Topics;
import org.ngai.kafka.local.LocalKafkaBroker;

/**
 * A real Kafka broker (KRaft, in this JVM) and the four services (child JVMs), wired together:
 * what the local run starts and what the end-to-end tests run against. Closing it stops everything
 * it started, services first.
 */
public final class LocalCluster implements AutoCloseable {
    public static final List<String> SERVICES = List.of("firm-service", "factor-service", "market-service", "indicator-service");
    public static final Map<String, Integer> DEFAULT_PORTS = Map.of("firm-service", 8081, "factor-service", 8082,
            "market-service", 8083, "indicator-service", 8084);

    /** Which database the services use. */
    public enum Database { H2, POSTGRESQL }

    /**
     * JVM options of the service processes in a local run. Five JVMs (broker and four services) share
     * the machine; with the C2 compiler each of them spends a run's first minute compiling on the same
     * few cores. Measured on 2 cores, 10,000 firms x 60 ticks: C1 only gives the same numbers in about
     * two thirds of the wall time (docs/pipeline.md, benchmark). Long-lived deployments keep the JVM
     * defaults (deploy/service.env).
     */
    public static final List<String> LOCAL_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx1g", "-XX:TieredStopAtLevel=1");

    /** How to start the cluster. */
    public record Options(Path repo, Path workdir, Database database, String postgresUrl, boolean fixedPorts,
                          List<String> jvmOptions) {
        public static Options local(Path repo) {
            return new Options(repo, repo.resolve(".local-run"), Database.H2, null, true, LOCAL_JVM_OPTIONS);
        }
    }

    /** Environment variable of the operator password; a local run generates one when it is not set. */
    public static final String OPERATOR_PASSWORD_ENV = "NGAI_OPERATOR_PASSWORD";
    /** User name of the local run's operator account. */
    public static final String OPERATOR_USER = "operator";

    private final LocalKafkaBroker broker;
    private final Http.Credentials operator = new Http.Credentials(OPERATOR_USER, operatorPassword(System.getenv()));
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();

    private LocalCluster(LocalKafkaBroker broker) {
        this.broker = broker;
    }

    public static LocalCluster start(Options o, java.util.function.Consumer<String> progress) {
        try {
            Files.createDirectories(o.workdir());
            Path kafkaDir = o.workdir().resolve("kafka");
            deleteRecursively(kafkaDir);
            progress.accept("starting Kafka (KRaft) broker");
            LocalKafkaBroker broker = LocalKafkaBroker.start(LocalKafkaBroker.Config.defaults().withLogDir(kafkaDir)
                    .withPort(o.fixedPorts() && free(9092) ? 9092 : 0));
            broker.createTopics(Topics.all());
            LocalCluster c = new LocalCluster(broker);
            try {
                c.startServices(o, progress);
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

    private void startServices(Options o, java.util.function.Consumer<String> progress)
            throws IOException, InterruptedException {
        String app = o.database() == Database.POSTGRESQL ? "quarkus-app-pg" : "quarkus-app";
        for (String name : SERVICES) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("kafka.bootstrap.servers", broker.bootstrapServers());
            if (o.database() == Database.POSTGRESQL) {
                props.put("quarkus.datasource.jdbc.url", o.postgresUrl());
                props.put("quarkus.datasource.username", "postgres");
                props.put("quarkus.datasource.password", "");
            } else {
                Path db = o.workdir().toAbsolutePath().resolve("db").resolve(name);
                props.put("quarkus.datasource.jdbc.url", "jdbc:h2:file:" + db + ";DB_CLOSE_ON_EXIT=FALSE");
            }
            int port = o.fixedPorts() && free(DEFAULT_PORTS.get(name)) ? DEFAULT_PORTS.get(name) : 0;
            Path jar = o.repo().resolve(name).resolve("target").resolve(app).resolve("quarkus-run.jar");
            List<String> jvm = new ArrayList<>(o.jvmOptions());
            // extra options for every service JVM, e.g. profiling: NGAI_SERVICE_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/{service}.jfr"
            String extra = System.getenv("NGAI_SERVICE_JVM_OPTS");
            if (extra != null && !extra.isBlank()) {
                for (String opt : extra.trim().split("\\s+")) {
                    jvm.add(opt.replace("{service}", name));
                }
            }
            // the operator account (docs/deployment.md): in the environment, not on the command line
            Map<String, String> env = Map.of("NGAI_OPERATOR_USER", operator.username(), OPERATOR_PASSWORD_ENV,
                    operator.password());
            services.put(name, ServiceProcess.start(name, jar, port, props, env, o.workdir().resolve("logs"), jvm));
        }
        progress.accept("starting " + String.join(", ", SERVICES));
        ExecutorService pool = Executors.newFixedThreadPool(SERVICES.size());
        try {
            Map<String, Future<String>> ready = new LinkedHashMap<>();
            for (ServiceProcess s : services.values()) {
                ready.put(s.name, pool.submit(() -> s.awaitReady(Duration.ofSeconds(180))));
            }
            for (Map.Entry<String, Future<String>> e : ready.entrySet()) {
                try {
                    urls.put(e.getKey(), e.getValue().get());
                } catch (java.util.concurrent.ExecutionException ex) {
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
        return broker.bootstrapServers();
    }

    public String url(String service) {
        return urls.get(service);
    }

    public Map<String, String> urls() {
        return urls;
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    @Override
    public void close() {
        List<Thread> stops = new ArrayList<>();
        for (ServiceProcess s : services.values()) {
            Thread t = new Thread(s::close, "stop-" + s.name);
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
        broker.close();
    }

    static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
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
