package org.ngai.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.ngai.localrun.LocalCluster;
import org.ngai.testsupport.TestDatabase;

/**
 * One cluster (broker, database, {@value #INSTANCES} JVMs of each of the four services) for every end-to-end
 * test class of this JVM that does not need a cluster of its own: starting four or eight service JVMs costs
 * tens of seconds on two cores, and the classes that only submit runs, read them back and restart instances
 * in ways that leave the cluster as they found it (two live instances per service, every consumer group
 * stable) do not need a fresh one. {@link FaultToleranceIT} keeps its own: it needs a short stall time and
 * checkpoint interval from the start, crash points set before restarts, and one instance per service so the
 * instance it kills is certainly the one that owns the run.
 *
 * <p>A class uses it by carrying {@link OnSharedCluster} and calling {@link #get()}: the annotation holds a
 * lock, so two such classes never run at the same time even when classes run in parallel, and registers the
 * cluster with JUnit's root store, which closes it once every class has run (a shutdown hook closes it if the
 * JVM ends first).
 *
 * <h2>Database</h2>
 * The one {@link TestDatabase} chooses for this JVM. When that is the machine's PostgreSQL, the services get a
 * database of their own on it, {@value #DATABASE}, dropped and created when the cluster starts (Grafana's
 * dashboards read that server, so {@link DashboardIT} runs only then); an embedded PostgreSQL is used as it is;
 * otherwise (as root without a PostgreSQL server, or {@code TEST_DB=h2}) the cluster's H2 server.
 */
final class SharedCluster {
    /** Services per instance: two, so every class on the shared cluster exercises scale-out too. */
    static final int INSTANCES = 2;
    /** The services' database on the machine's PostgreSQL server. */
    static final String DATABASE = "ngai_e2e";
    /** The lock every class on the shared cluster holds while it runs. */
    static final String LOCK = "org.ngai.e2e.SharedCluster";

    /** The class runs on the shared cluster: it holds {@link #LOCK} and the cluster is closed after the last class. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Inherited
    @ResourceLock(LOCK)
    @ExtendWith(Extension.class)
    @interface OnSharedCluster {
    }

    /** Which database the services use, and whether it is the machine's PostgreSQL server (Grafana's datasource). */
    record Database(String jdbcUrl, boolean machinePostgres, String source) {
    }

    /** The in-process broker logs every config value at INFO; keep its warnings (strong refs: JUL loggers are weak). */
    private static final List<java.util.logging.Logger> QUIET = new ArrayList<>();

    private static LocalCluster cluster;
    private static Database database;
    private static boolean hooked;

    private SharedCluster() {
    }

    /** The cluster, started on the first call. */
    static synchronized LocalCluster get() {
        if (cluster == null) {
            start();
        }
        return cluster;
    }

    /** The database of the cluster ({@link #get()} starts it if needed). */
    static synchronized Database database() {
        get();
        return database;
    }

    private static void start() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            // SLF4J goes to JBoss LogManager here (slf4j-jboss-logmanager, from quarkus-core)
            java.util.logging.Logger l = org.jboss.logmanager.LogContext.getLogContext().getLogger(name);
            l.setLevel(java.util.logging.Level.WARNING);
            QUIET.add(l);
        }
        Path repo = Path.of(System.getProperty("ngai.repo", "..")).toAbsolutePath().normalize();
        TestDatabase.Choice db = TestDatabase.get();
        LocalCluster.Options o;
        if (db.postgresql() && db.source().startsWith("machine")) {
            String url = freshDatabase(db.url());
            database = new Database(url, true, db.source() + ", database " + DATABASE);
            o = options(repo, LocalCluster.Database.POSTGRESQL, url);
        } else if (db.postgresql()) {
            database = new Database(db.url(), false, db.source());
            o = options(repo, LocalCluster.Database.POSTGRESQL, db.url());
        } else {
            database = new Database(null, false, db.source() + "; the cluster uses its H2 server");
            o = options(repo, LocalCluster.Database.H2, null);
        }
        System.out.println("[e2e] shared cluster, " + INSTANCES + " instances per service; database: " + database.source());
        cluster = LocalCluster.start(o, msg -> System.out.println("[e2e] " + msg));
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(SharedCluster::close, "shared-cluster-close"));
        }
    }

    private static LocalCluster.Options options(Path repo, LocalCluster.Database kind, String url) {
        return new LocalCluster.Options(repo, repo.resolve("e2e-tests/target/cluster-shared"), kind, url, false,
                List.of("-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1"), INSTANCES);
    }

    /** Drops and creates {@link #DATABASE} on the server of {@code machineUrl}; returns its URL. */
    private static String freshDatabase(String machineUrl) {
        String server = machineUrl.substring(0, machineUrl.lastIndexOf('/'));
        try (Connection c = DriverManager.getConnection(server + "/postgres", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + DATABASE + " on " + server + ": " + e.getMessage(), e);
        }
        return server + "/" + DATABASE;
    }

    /** Stops the cluster if it runs; a later {@link #get()} starts a new one. */
    static synchronized void close() {
        if (cluster != null) {
            LocalCluster c = cluster;
            cluster = null;
            c.close();
        }
    }

    /** Registers the cluster's closing with JUnit's root store, so it ends when the last class of the run has. */
    static final class Extension implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.create(SharedCluster.class))
                    .computeIfAbsent("closer", k -> (AutoCloseable) SharedCluster::close, AutoCloseable.class);
        }
    }
}
