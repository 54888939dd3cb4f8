package org.ngai.service.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Where a consumer group resumes reading each topic-partition after a restart or a rebalance
 * (docs/pipeline.md "Recovery"): table {@code ngai_resume_offset}, one row per (group, cluster, topic,
 * partition). The cluster id is part of the key, so offsets of another broker's log (a fresh local
 * broker, a test broker) are never applied to this one. Plain JDBC on the service's own datasource,
 * so the same code runs on PostgreSQL and H2.
 */
public final class ResumeOffsets {
    static final String TABLE = "ngai_resume_offset";
    private final DataSource ds;
    private final String group;
    private volatile boolean created;

    public ResumeOffsets(DataSource ds, String group) {
        this.ds = ds;
        this.group = group;
    }

    private void ensureTable(Connection c) throws SQLException {
        if (created) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (consumer_group VARCHAR(100) NOT NULL, "
                    + "cluster_id VARCHAR(100) NOT NULL, topic VARCHAR(200) NOT NULL, part INTEGER NOT NULL, "
                    + "next_offset BIGINT NOT NULL, PRIMARY KEY (consumer_group, cluster_id, topic, part))");
        }
        created = true;
    }

    /** The stored resume offsets of this group on cluster {@code cluster}, keyed "topic-partition". */
    public Map<String, Long> load(String cluster) {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = ds.getConnection()) {
            ensureTable(c);
            try (PreparedStatement ps = c.prepareStatement("SELECT topic, part, next_offset FROM " + TABLE
                    + " WHERE consumer_group = ? AND cluster_id = ?")) {
                ps.setString(1, group);
                ps.setString(2, cluster);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1) + "-" + rs.getInt(2), rs.getLong(3));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read resume offsets of " + group + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Stores the given offsets ("topic-partition" → next offset to read), each row on its own: one
     * instance owns a partition at a time, so there is one writer per row.
     */
    public void save(String cluster, Map<String, Long> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection()) {
            ensureTable(c);
            try (PreparedStatement up = c.prepareStatement("UPDATE " + TABLE + " SET next_offset = ? WHERE "
                    + "consumer_group = ? AND cluster_id = ? AND topic = ? AND part = ?");
                 PreparedStatement in = c.prepareStatement("INSERT INTO " + TABLE
                         + " (consumer_group, cluster_id, topic, part, next_offset) VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, Long> e : offsets.entrySet()) {
                    int dash = e.getKey().lastIndexOf('-');
                    String topic = e.getKey().substring(0, dash);
                    int part = Integer.parseInt(e.getKey().substring(dash + 1));
                    up.setLong(1, e.getValue());
                    up.setString(2, group);
                    up.setString(3, cluster);
                    up.setString(4, topic);
                    up.setInt(5, part);
                    if (up.executeUpdate() == 0) {
                        in.setString(1, group);
                        in.setString(2, cluster);
                        in.setString(3, topic);
                        in.setInt(4, part);
                        in.setLong(5, e.getValue());
                        in.executeUpdate();
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store resume offsets of " + group + ": " + e.getMessage(), e);
        }
    }
}
