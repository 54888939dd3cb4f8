package org.ngai.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link LocalKafkaMain} as a child JVM, as the local run does. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalKafkaMainTest {

    @Test
    void printsReadyAndExitsWhenStdinCloses(@TempDir Path dir) throws Exception {
        Process p = launch("--port", "0", "--partitions", "2", "--log-dir", dir.resolve("data").toString(),
                "--topics", "control:1,events");
        try {
            String bootstrap = awaitReady(p);
            assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");
            try (Admin admin = admin(bootstrap)) {
                var topics = admin.describeTopics(List.of("control", "events")).allTopicNames().get(30, TimeUnit.SECONDS);
                assertThat(topics.get("control").partitions()).hasSize(1);
                assertThat(topics.get("events").partitions()).hasSize(2); // --partitions is the default
            }
            p.getOutputStream().close(); // EOF on the child's stdin, as when the parent dies
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited after stdin EOF").isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(dir.resolve("data").resolve("meta.properties")).exists(); // given dir kept
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void stopsOnSigtermWithTempDirRemoved(@TempDir Path tmp) throws Exception {
        Process p = launch(List.of("-Djava.io.tmpdir=" + tmp), "--port", "0");
        try {
            awaitReady(p);
            // ProcessHandle.destroy sends only SIGTERM; Process.destroy would also close stdin (EOF path)
            assertThat(p.toHandle().destroy()).isTrue();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(p.exitValue()).isEqualTo(128 + 15); // the JVM's exit status after SIGTERM and hooks
            try (var left = Files.list(tmp)) {
                assertThat(left.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("ngai-kafka-"));
            }
        } finally {
            p.destroyForcibly();
        }
    }

    static Process launch(String... args) throws Exception {
        return launch(List.of(), args);
    }

    static Process launch(List<String> jvmArgs, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LocalKafkaMain.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    /** Reads stdout until the ready line; returns the bootstrap address. */
    static String awaitReady(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(LocalKafkaMain.READY_PREFIX)) {
                        return line.substring(LocalKafkaMain.READY_PREFIX.length()).trim();
                    }
                }
                throw new IllegalStateException("child exited before ready, code " + p.waitFor());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        return ready.get(90, TimeUnit.SECONDS);
    }

    static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }
}
