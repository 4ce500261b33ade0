package dev.nightshift.batch;

import dev.nightshift.store.DatabaseTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The batch lock of a cluster: a PostgreSQL advisory lock held by one connection kept open for the
 * whole batch. The server frees it when that connection ends, whatever ends it (a clean close, a
 * kill -9, a machine gone once TCP keep-alive notices), so a dead node never leaves it stuck. Who
 * holds it is written in the {@code cluster_lock} table, and read only while the lock is held.
 */
final class ClusterLock implements AutoCloseable {

    /** The lock's key, the same on every node: "ns" and "lock" in its two halves, as pg_locks shows them. */
    static final long HIGH = 0x6e73L;
    static final long LOW = 0x6c6f636bL;
    static final long KEY = (HIGH << 32) | LOW;

    private final Connection connection;

    private ClusterLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock, or empty when a session of any node holds it. */
    static Optional<ClusterLock> tryAcquire(DatabaseTarget database, String holder) {
        Connection connection = null;
        try {
            connection = database.dataSource().getConnection();
            connection.setAutoCommit(true);
            ClusterLock lock = new ClusterLock(connection);
            if (!lock.bool("SELECT pg_try_advisory_lock(?)")) {
                connection.close();
                return Optional.empty();
            }
            lock.describe(holder);
            return Optional.of(lock);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot take the batch lock in the database " + database.url() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Who holds the lock anywhere in the cluster, as its holder described itself; empty when free. */
    static Optional<String> holder(DatabaseTarget database) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement st = connection.prepareStatement("""
                     SELECT c.holder FROM pg_locks l LEFT JOIN cluster_lock c ON c.name = 'batch'
                     WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND l.objid = ? AND l.objsubid = 1""")) {
            st.setLong(1, HIGH);
            st.setLong(2, LOW);
            try (ResultSet rows = st.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String text = rows.getString(1);
                return Optional.of(text != null ? text : "unknown holder");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the batch lock in the database " + database.url() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Says who holds it, for the message of a node that finds it taken. */
    void describe(String holder) {
        try (PreparedStatement st = connection.prepareStatement("""
                INSERT INTO cluster_lock (name, holder, described_at) VALUES ('batch', ?, CURRENT_TIMESTAMP)
                ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, described_at = EXCLUDED.described_at""")) {
            st.setString(1, holder.length() > 1000 ? holder.substring(0, 1000) : holder);
            st.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot describe the batch lock: " + e.getMessage(), e);
        }
    }

    private boolean bool(String sql) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setLong(1, KEY);
            try (ResultSet rows = st.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    @Override
    public void close() {
        // Unlocked first: the server ends a closed session a moment after the client leaves, and a
        // node asking in that moment would still find the lock held.
        try {
            bool("SELECT pg_advisory_unlock(?)");
        } catch (SQLException e) {
            // The session's end frees it anyway.
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // The server frees the lock with the session anyway.
            }
        }
    }
}
