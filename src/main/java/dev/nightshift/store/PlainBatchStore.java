package dev.nightshift.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The batches table on one plain JDBC connection: what a batch that stops before its first phase
 * (paused, idle) needs to check and record, without starting the heavy machinery. The same rows
 * {@link BatchRepository} writes.
 */
public final class PlainBatchStore {

    private final Connection connection;

    public PlainBatchStore(Connection connection) {
        this.connection = connection;
    }

    /** Batches whose process may have died mid-way: a recovery is due before anything else. */
    public int running() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                // Through the index on ended_at (a running batch has none): a year of history is not scanned.
                "SELECT COUNT(*) FROM batches WHERE ended_at IS NULL AND status = 'RUNNING'");
             ResultSet rows = st.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    public boolean exists(String id) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT COUNT(*) FROM batches WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rows = st.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }

    /** A batch that started and ended at once with {@code status}, on the node {@code node}. */
    public void recordEnded(String id, Instant startedAt, Instant endedAt, BatchStatus status, String trigger,
                            boolean dryRun, String projectFilter, long pid, String node) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("""
                INSERT INTO batches (id, started_at, ended_at, status, trigger_kind, dry_run, project_filter, pid, node)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            st.setString(1, id);
            st.setObject(2, OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC));
            st.setObject(3, OffsetDateTime.ofInstant(endedAt, ZoneOffset.UTC));
            st.setString(4, status.name());
            st.setString(5, trigger);
            st.setBoolean(6, dryRun);
            st.setString(7, projectFilter);
            st.setLong(8, pid);
            st.setString(9, node);
            st.executeUpdate();
        }
    }
}
