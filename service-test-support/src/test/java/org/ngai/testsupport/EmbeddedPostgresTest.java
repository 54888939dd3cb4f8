package org.ngai.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The embedded path for real: with nothing on the probed port, a non-root user gets a PostgreSQL server from
 * Maven artifacts that accepts SQL. As root PostgreSQL refuses to start, so the test is skipped there (and
 * says so); run it as another user to exercise it (docs/pipeline.md, Persistence).
 */
class EmbeddedPostgresTest {
    @Test
    void withNothingOnThePortANonRootUserGetsAWorkingEmbeddedPostgres() throws Exception {
        Assumptions.assumeFalse(TestDatabase.isRoot(), "running as root: PostgreSQL's initdb refuses to run, the H2 fallback applies");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        TestDatabase.Choice c = TestDatabase.decide(null, closed, TestDatabase::answers, false, TestDatabase::startEmbedded);
        assertThat(c.source()).as(c.source()).contains("embedded PostgreSQL");
        assertThat(c.postgresql()).isTrue();
        try (Connection conn = DriverManager.getConnection(c.url(), c.username(), c.password());
             Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE probe(id int primary key, v double precision)");
            st.execute("INSERT INTO probe VALUES (1, 0.1), (2, 0.2)");
            try (ResultSet rs = st.executeQuery("SELECT sum(v), version() FROM probe")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDouble(1)).isEqualTo(0.1 + 0.2);
                assertThat(rs.getString(2)).startsWith("PostgreSQL");
            }
        }
    }
}
