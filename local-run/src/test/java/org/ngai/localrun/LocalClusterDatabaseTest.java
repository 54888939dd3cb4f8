package org.ngai.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run's database server: what one client writes, another (as another service JVM would) reads; the
 * data outlives a client and survives a restart of the server; and the options reject impossible instance counts
 * naming the field.
 */
class LocalClusterDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void twoClientsShareOneDatabaseAndTheFilesOutliveTheServer() throws Exception {
        Server h2 = LocalCluster.startH2(dir);
        String url = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/./firm-service";
        try {
            try (Connection a = DriverManager.getConnection(url, "sa", "");
                 Statement st = a.createStatement()) {
                st.execute("CREATE TABLE runs(id varchar primary key, status varchar)");
                st.execute("INSERT INTO runs VALUES ('r1', 'RUNNING')");
                try (Connection b = DriverManager.getConnection(url, "sa", "");
                     Statement st2 = b.createStatement();
                     ResultSet rs = st2.executeQuery("SELECT status FROM runs WHERE id = 'r1'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("RUNNING");
                    st2.execute("UPDATE runs SET status = 'FINISHED'");
                }
            }
        } finally {
            h2.stop();
        }
        assertThat(Files.exists(dir.resolve("firm-service.mv.db"))).isTrue();
        Server again = LocalCluster.startH2(dir);
        try (Connection c = DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + again.getPort() + "/./firm-service", "sa", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status FROM runs WHERE id = 'r1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("FINISHED");
        } finally {
            again.stop();
        }
    }

    @Test
    void theServerRefusesDatabasesOutsideItsDirectory() throws Exception {
        Server h2 = LocalCluster.startH2(dir);
        try {
            assertThatThrownBy(() -> DriverManager.getConnection(
                    "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/" + dir.getParent().resolve("elsewhere"), "sa", "").close())
                    .hasMessageContaining("outside");
        } finally {
            h2.stop();
        }
    }

    @Test
    void instancesMustBeBetweenOneAndThePartitionCount() {
        Path repo = Path.of(".");
        assertThatThrownBy(() -> LocalCluster.Options.local(repo).withInstances(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("instances:").hasMessageContaining("got 0");
        assertThatThrownBy(() -> LocalCluster.Options.local(repo).withInstances(5))
                .hasMessageStartingWith("instances:").hasMessageContaining("got 5");
        assertThat(LocalCluster.Options.local(repo).withInstances(4).instances()).isEqualTo(4);
        assertThatThrownBy(() -> new LocalCluster.Options(repo, repo, LocalCluster.Database.POSTGRESQL, null, false, List.of()))
                .hasMessageStartingWith("postgresUrl:");
    }
}
