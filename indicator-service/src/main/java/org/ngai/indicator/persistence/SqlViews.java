package org.ngai.indicator.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.indicator.Indicator;

/**
 * Read-only SQL over the stored series, for Grafana's PostgreSQL data source (docs/deployment.md,
 * dashboards by quarter). {@code indicator_series.indicatorsjson} holds each tick's values as arrays
 * indexed by {@link Indicator#ordinal()}, {@link Region#index()} and {@link Sector#ordinal()}; the
 * table {@code indicator_keys} names those positions (rewritten from the enums at every start), and
 * three views turn the arrays into rows with the indicator key, the quarter and the quarter's first
 * day as a timestamp: {@code indicator_national}, {@code indicator_region} and {@code indicator_sector}.
 * NaN (undefined this tick) becomes NULL. The views name the run column {@code run_id} (the table's is
 * {@code runid}: Hibernate's default naming lower-cases {@code runId}). PostgreSQL only; nothing is
 * created on H2.
 */
@ApplicationScoped
public class SqlViews {
    private static final Logger LOG = Logger.getLogger(SqlViews.class);
    /** pg_advisory_xact_lock key: several instances may start at once on the same database. */
    private static final long LOCK = 0x6e6761695f763176L;

    private static final String QUARTER_START = "make_timestamptz(substr(s.quarter, 1, 4)::int, "
            + "(substr(s.quarter, 6, 1)::int - 1) * 3 + 1, 1, 0, 0, 0, 'UTC')";

    static final String NATIONAL = """
            CREATE VIEW indicator_national AS
            SELECT s.runid AS run_id, s.tick, s.quarter, %s AS quarter_start, k.key AS indicator,
                   NULLIF((s.indicatorsjson::jsonb -> 'national' ->> k.idx)::float8, 'NaN'::float8) AS value
            FROM indicator_series s CROSS JOIN indicator_keys k
            WHERE k.kind = 'indicator'""".formatted(QUARTER_START);
    static final String REGION = """
            CREATE VIEW indicator_region AS
            SELECT s.runid AS run_id, s.tick, s.quarter, %s AS quarter_start, r.key AS region, r.label AS region_name,
                   k.key AS indicator,
                   NULLIF((s.indicatorsjson::jsonb -> 'regions' -> r.idx ->> k.idx)::float8, 'NaN'::float8) AS value
            FROM indicator_series s CROSS JOIN indicator_keys r CROSS JOIN indicator_keys k
            WHERE r.kind = 'region' AND k.kind = 'indicator'""".formatted(QUARTER_START);
    static final String SECTOR = """
            CREATE VIEW indicator_sector AS
            SELECT s.runid AS run_id, s.tick, s.quarter, %s AS quarter_start, c.key AS sector,
                   k.key AS indicator,
                   NULLIF((s.indicatorsjson::jsonb -> 'sectors' -> c.idx ->> k.idx)::float8, 'NaN'::float8) AS value
            FROM indicator_series s CROSS JOIN indicator_keys c CROSS JOIN indicator_keys k
            WHERE c.kind = 'sector' AND k.kind = 'indicator'""".formatted(QUARTER_START);

    private final AgroalDataSource dataSource;
    private final String dbKind;

    public SqlViews(AgroalDataSource dataSource, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.dataSource = dataSource;
        this.dbKind = dbKind;
    }

    /** Runs after Hibernate ORM has created or updated indicator_series. */
    void onStart(@Observes StartupEvent ev) {
        if (!dbKind.startsWith("postgres")) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                st.execute("CREATE TABLE IF NOT EXISTS indicator_keys (kind varchar(16) NOT NULL, idx int NOT NULL, "
                        + "key varchar(128) NOT NULL, label varchar(256), PRIMARY KEY (kind, idx))");
                st.execute("DELETE FROM indicator_keys");
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO indicator_keys (kind, idx, key, label) VALUES (?, ?, ?, ?)")) {
                    for (Indicator i : Indicator.values()) {
                        add(ps, "indicator", i.ordinal(), i.key, i.unit);
                    }
                    for (Region r : Region.ALL) {
                        add(ps, "region", r.index(), r.code(), r.name());
                    }
                    for (Sector s : Sector.values()) {
                        add(ps, "sector", s.ordinal(), s.name(), s.sectorClass.name());
                    }
                    ps.executeBatch();
                }
                // dropped and created, not replaced: CREATE OR REPLACE cannot change a view's columns
                st.execute("DROP VIEW IF EXISTS indicator_national, indicator_region, indicator_sector");
                st.execute(NATIONAL);
                st.execute(REGION);
                st.execute(SECTOR);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            // the service works without the views; only the Grafana dashboards by quarter need them
            LOG.errorf(e, "could not create the SQL views indicator_national/region/sector: %s", e.getMessage());
        }
    }

    private static void add(PreparedStatement ps, String kind, int idx, String key, String label) throws SQLException {
        ps.setString(1, kind);
        ps.setInt(2, idx);
        ps.setString(3, key);
        ps.setString(4, label);
        ps.addBatch();
    }
}
