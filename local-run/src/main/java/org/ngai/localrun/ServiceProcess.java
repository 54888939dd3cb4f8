package org.ngai.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service running as a child JVM ({@code java -jar .../quarkus-run.jar}), logging to a file.
 * Port 0 asks Quarkus for a free port, read back from the "Listening on" log line. The service is
 * started with {@code ngai.exit-with-parent=true}, so it exits if this process dies.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    public final String name;
    private final Process process;
    private final Path log;
    private int port;

    private ServiceProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the service, logging to {@code logDir/name.log} (truncated first).
     *
     * @param properties  system properties (Quarkus configuration: kafka.bootstrap.servers, datasource, ...)
     * @param environment environment variables added to this process's (secrets such as NGAI_OPERATOR_PASSWORD:
     *                    unlike system properties they do not show in the process list)
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> properties,
                                       Map<String, String> environment, Path logDir, List<String> jvmOptions)
            throws IOException {
        Files.createDirectories(logDir);
        return start(name, jar, port, properties, environment, logDir.resolve(name + ".log"), false, jvmOptions);
    }

    /**
     * Starts the service.
     *
     * @param name        what messages call it (e.g. {@code firm-service#1})
     * @param port        HTTP port; 0 asks for a free one, read back from the log
     * @param properties  system properties (Quarkus configuration: kafka.bootstrap.servers, datasource, ...)
     * @param environment environment variables added to this process's (secrets stay out of the process list)
     * @param log         the log file
     * @param appendLog   append to the log (a restart keeps what the previous process wrote) instead of truncating it
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> properties,
                                       Map<String, String> environment, Path log, boolean appendLog,
                                       List<String> jvmOptions) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the services first (./mvnw -DskipTests package)");
        }
        if (port == 0 && appendLog) {
            throw new IllegalArgumentException("port: a service appending to an existing log needs a fixed port, got 0");
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dngai.exit-with-parent=true");
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(jar.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().putAll(environment);
        Process p = pb.start();
        return new ServiceProcess(name, p, log, port);
    }

    /** Waits until the service listens and its readiness check passes; returns its base URL. */
    public String awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (port == 0) {
            check(deadline);
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = LISTENING.matcher(text);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            } else {
                Thread.sleep(100);
            }
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (true) {
            check(deadline);
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return url();
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(150);
        }
    }

    private void check(long deadline) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log
                    + "\n" + tail());
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(name + " did not become ready in time; see " + log + "\n" + tail());
        }
    }

    public String tail() throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status of an ended process (a halted service says why by it), or -1 while it runs. */
    public int exitValue() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The HTTP port (0 until {@link #awaitReady} has read it from the log, if it was started with port 0). */
    public int port() {
        return port;
    }

    /** The operating-system process id of the service JVM. */
    public long pid() {
        return process.pid();
    }

    /**
     * SIGKILL ({@link Process#destroyForcibly()}): the JVM gets no chance to run shutdown hooks, close consumers
     * or flush anything, as after a crash or an OOM kill. Returns once the process is gone.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") still alive 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    /** SIGTERM, then a forced kill if the service does not stop within 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.toHandle().destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
