package org.ngai.kafka.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link LocalKafkaBroker} in its own JVM.
 *
 * <pre>
 * java -jar kafka-local/target/ngai-kafka-local-0.1.0-SNAPSHOT.jar \
 *      --port 9092 --log-dir target/kafka-data --partitions 4 [--topics a:4,b] [--no-auto-create]
 *      [--host 127.0.0.1] [--no-watch-stdin] [--no-watch-parent]
 * </pre>
 *
 * Prints exactly one line {@code KAFKA_READY bootstrap=<host:port>} on stdout once the broker answers
 * (all logs go to stderr). It stops, cleanly, on SIGTERM/SIGINT, when its stdin reaches end-of-file (the
 * parent closed the pipe or died) and when its parent process dies; so it never outlives a killed Maven
 * or launcher. Start it with stdin attached to a pipe the parent keeps open; from a shell in the background
 * (stdin = /dev/null) pass {@code --no-watch-stdin}.
 */
public final class LocalKafkaMain {

    public static final String READY_PREFIX = "KAFKA_READY bootstrap=";

    private LocalKafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        // Broker logs at WARN unless the caller decided otherwise (-Dorg.slf4j.simpleLogger.defaultLogLevel=info).
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        quiet("org.apache.kafka.clients.NetworkClient", "error"); // "closing an already closed client" noise at stop

        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.println(Options.USAGE);
            return;
        }

        LocalKafkaBroker.Config config = LocalKafkaBroker.Config.defaults()
                .withHost(o.host)
                .withPort(o.port)
                .withLogDir(o.logDir)
                .withDefaultPartitions(o.partitions)
                .withAutoCreateTopics(o.autoCreate);

        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<LocalKafkaBroker> running = new AtomicReference<>();
        // SIGTERM / SIGINT / System.exit: clean shutdown (deletes a temporary log dir).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LocalKafkaBroker b = running.get();
            if (b != null) {
                b.close();
            }
            stop.countDown();
        }, "kafka-local-shutdown"));
        LocalKafkaBroker broker;
        try {
            broker = LocalKafkaBroker.start(config);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("kafka-local: broker failed to start on " + o.host + ":" + o.port + ": " + root);
            System.exit(1);
            return;
        }
        running.set(broker);

        if (!o.topics.isEmpty()) {
            broker.createTopics(o.topics);
        }

        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(READY_PREFIX + broker.bootstrapServers());
        out.flush();

        if (o.watchStdin) {
            daemon("kafka-local-stdin-watch", () -> {
                try {
                    InputStream in = System.in;
                    byte[] buf = new byte[256];
                    while (in.read(buf) >= 0) {
                        // ignore input; only end-of-file matters
                    }
                } catch (IOException ignored) {
                    // a broken stdin counts as end-of-file
                }
                System.err.println("kafka-local: stdin closed, stopping broker");
                System.exit(0);
            });
        }
        if (o.watchParent) {
            Optional<ProcessHandle> parent = ProcessHandle.current().parent();
            parent.ifPresent(ph -> daemon("kafka-local-parent-watch", () -> {
                while (ph.isAlive()) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                System.err.println("kafka-local: parent process " + ph.pid() + " is gone, stopping broker");
                System.exit(0);
            }));
        }
        stop.await();
    }

    static void quiet(String logger, String level) {
        String key = "org.slf4j.simpleLogger.log." + logger;
        if (System.getProperty(key) == null) {
            System.setProperty(key, level);
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    static final class Options {
        static final String USAGE = String.join("\n",
                "usage: LocalKafkaMain [--port N] [--log-dir DIR] [--partitions N] [--topics name[:partitions],...]",
                "                      [--host H] [--no-auto-create] [--no-watch-stdin] [--no-watch-parent]",
                "  --port N           client port, 0 = a free port (default 9092)",
                "  --log-dir DIR      data directory, kept across restarts; default: a temp dir deleted on exit",
                "  --partitions N     default partitions of created topics (default 4)",
                "  --topics LIST      topics to create at start, e.g. control:4,events",
                "  --host H           bind and advertise address (default 127.0.0.1)",
                "  --no-auto-create   auto.create.topics.enable=false",
                "  --no-watch-stdin   do not exit when stdin reaches EOF (use when stdin is /dev/null)",
                "  --no-watch-parent  do not exit when the parent process dies",
                "Prints '" + READY_PREFIX + "<host:port>' on stdout when ready.");

        String host = "127.0.0.1";
        int port = 9092;
        Path logDir;
        int partitions = 4;
        boolean autoCreate = true;
        boolean watchStdin = true;
        boolean watchParent = true;
        boolean help;
        final Map<String, Integer> topics = new LinkedHashMap<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    value = a.substring(eq + 1);
                    a = a.substring(0, eq);
                }
                switch (a) {
                    case "--port" -> o.port = Integer.parseInt(value != null ? value : next(args, ++i, a));
                    case "--log-dir" -> o.logDir = Path.of(value != null ? value : next(args, ++i, a));
                    case "--partitions" -> o.partitions = Integer.parseInt(value != null ? value : next(args, ++i, a));
                    case "--host" -> o.host = value != null ? value : next(args, ++i, a);
                    case "--topics" -> {
                        for (String t : (value != null ? value : next(args, ++i, a)).split(",")) {
                            if (t.isBlank()) {
                                continue;
                            }
                            String[] nameAndCount = t.trim().split(":");
                            o.topics.put(nameAndCount[0],
                                    nameAndCount.length > 1 ? Integer.parseInt(nameAndCount[1]) : 0);
                        }
                    }
                    case "--no-auto-create" -> o.autoCreate = false;
                    case "--no-watch-stdin" -> o.watchStdin = false;
                    case "--no-watch-parent" -> o.watchParent = false;
                    case "-h", "--help" -> o.help = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return o;
        }

        private static String next(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
