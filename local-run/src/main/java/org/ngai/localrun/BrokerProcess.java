package org.ngai.localrun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.ngai.kafka.local.LocalKafkaMain;

/**
 * The Kafka broker (KRaft, broker and controller in one node) in a JVM of its own, so that it can be killed
 * with SIGKILL and started again like any service: {@code java -jar kafka-local/target/ngai-kafka-local-*.jar}
 * ({@link LocalKafkaMain}). A restart uses the same client port and the same log directory, so the cluster
 * id, the topics, the retained records and the committed offsets survive, and clients that know the
 * bootstrap address reconnect by themselves.
 *
 * <p>The broker watches its stdin (a pipe this object holds open) and its parent, so it never outlives the
 * launcher. Its output goes to {@code broker.log} in the cluster's log directory, appended across restarts.
 */
public final class BrokerProcess implements AutoCloseable {
    /** The broker's JVM: its heap holds the log's indexes and the producers' and groups' state, not the records. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx768m");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path jar;
    private final Path logDir;
    private final Path logFile;
    private final Map<String, Integer> topics;
    private int port;
    private Process process;
    private OutputStream stdin;

    private BrokerProcess(Path jar, Path logDir, Path logFile, Map<String, Integer> topics) {
        this.jar = jar;
        this.logDir = logDir;
        this.logFile = logFile;
        this.topics = Map.copyOf(topics);
    }

    /**
     * Starts the broker over {@code logDir} (formatted when new) on {@code port} (0: a free port, kept for
     * restarts), creates the topics and returns once it answers.
     */
    public static BrokerProcess start(Path repo, Path logDir, Path logFile, int port, Map<String, Integer> topics) {
        BrokerProcess b = new BrokerProcess(jar(repo), logDir, logFile, topics);
        b.port = port;
        b.launch();
        return b;
    }

    /** The runnable broker jar of the kafka-local module (its dependencies are in {@code target/lib}). */
    static Path jar(Path repo) {
        Path target = repo.resolve("kafka-local").resolve("target");
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("ngai-kafka-local-") && n.endsWith(".jar") && !n.endsWith("-sources.jar")
                        && !n.endsWith("-tests.jar");
            }).findFirst().orElseThrow(() -> new IllegalStateException("no broker jar in " + target
                    + ": build it first (./mvnw -DskipTests install)"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target + ": build the kafka-local module first", e);
        }
    }

    private synchronized void launch() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.add("--port");
        cmd.add(Integer.toString(port));
        cmd.add("--log-dir");
        cmd.add(logDir.toAbsolutePath().toString());
        if (!topics.isEmpty()) {
            StringJoiner t = new StringJoiner(",");
            topics.forEach((name, n) -> t.add(name + ":" + n));
            cmd.add("--topics");
            cmd.add(t.toString());
        }
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker: " + cmd, e);
        }
        stdin = process.getOutputStream();   // held open: the broker stops when it closes
        Process p = process;
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(LocalKafkaMain.READY_PREFIX)) {
                        ready.complete(line.substring(LocalKafkaMain.READY_PREFIX.length()).trim());
                    }
                    Files.writeString(logFile, line + System.lineSeparator(), StandardOpenOption.APPEND,
                            StandardOpenOption.CREATE);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
            ready.completeExceptionally(new IllegalStateException("the Kafka broker exited before it was ready"
                    + " (see " + logFile + ")"));
        }, "broker-stdout");
        reader.setDaemon(true);
        reader.start();
        String bootstrap;
        try {
            bootstrap = ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("the Kafka broker did not become ready within " + READY_TIMEOUT.toSeconds()
                    + " s (see " + logFile + ")", e);
        }
        port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    }

    public synchronized String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown, no flush beyond what the operating system already has. Waits until it is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the broker again on the same port and log directory (after {@link #kill()} or if it died). */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the Kafka broker (pid " + process.pid() + ") is still running");
        }
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    /** SIGTERM (a clean broker shutdown), SIGKILL after 30 s; {@link #restart()} starts it again. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            stdin.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
