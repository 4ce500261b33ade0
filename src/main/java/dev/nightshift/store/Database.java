package dev.nightshift.store;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SettingsFiles;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database opened without the Spring context, for commands that only read it ({@code status},
 * {@code prs}): the same file and URL, migrated by the same Flyway scripts.
 */
public final class Database {

    private Database() {
    }

    /** Whether any batch ever created the database of this home; a shared PostgreSQL database always exists. */
    public static boolean exists(Home home) {
        return exists(home, SettingsFiles.readGlobalOrDefaults(home));
    }

    /** {@link #exists(Home)} with the settings already read: reading them again costs a short command a tenth of its time. */
    public static boolean exists(Home home, NightshiftSettings settings) {
        if (settings.database().shared()) {
            return true;
        }
        return Files.exists(home.database().resolveSibling(home.database().getFileName() + ".mv.db"));
    }

    /**
     * A client that opens a connection per query. H2 closes a file database with its last
     * connection, so every query opens the file again (about 70 ms each): a command that reads
     * several things should use {@link #session(Home)}.
     */
    public static JdbcClient open(Home home) {
        DatabaseTarget target = DatabaseTarget.of(home);
        DataSource dataSource = target.dataSource();
        migrate(target, dataSource);
        if (!target.shared()) {
            try (Connection connection = dataSource.getConnection()) {
                PendingBatches.moveInto(home, connection);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open the database of " + home.root() + ": " + e.getMessage(), e);
            }
        }
        return JdbcClient.create(dataSource);
    }

    /**
     * The database held open until {@link Held#close()}: for a command that runs several queries.
     * H2 closes the file with its last connection and reads it in again with the next; with a year
     * of history that took most of a second per query (issue 4, "fast even with a year of history").
     */
    public static Held hold(Home home) {
        try (EarlyConnection none = EarlyConnection.none()) {
            return hold(home, none);
        }
    }

    /** {@link #hold(Home)} keeping the connection {@code early} opened, when it opened one. */
    public static Held hold(Home home, EarlyConnection early) {
        NightshiftSettings settings = SettingsFiles.readGlobalOrDefaults(home);
        DatabaseTarget target = DatabaseTarget.of(home, settings);
        DataSource dataSource = target.dataSource();
        Connection keeper;
        try {
            keeper = early.take(home, settings);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database of " + home.root() + ": " + e.getMessage(), e);
        }
        Held held = new Held(JdbcClient.create(dataSource), keeper);
        try {
            migrate(target, dataSource);
            if (!settings.database().shared()) {
                // The batches that ended before their first phase are in the table before it is read.
                PendingBatches.moveInto(home, keeper);
            }
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
        return held;
    }

    /** An open database; closing it lets H2 close the file. */
    public record Held(JdbcClient jdbc, Connection keeper) implements AutoCloseable {
        @Override
        public void close() {
            try {
                keeper.close();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot close the database: " + e.getMessage(), e);
            }
        }
    }

    /**
     * For a command that writes little (status, a dry run): when this process closes the embedded
     * database, H2 does not spend its usual 200 ms compacting the file. What batches wrote is
     * compacted at each batch's end ({@link DatabaseCompaction}) and when a batch closes the file;
     * a command the owner waits for need not do it again. Only what this process opens is concerned.
     */
    public static void leaveCompactionToBatches() {
        System.setProperty("h2.maxCompactTime", "0");
    }

    /**
     * One plain connection, without migrating: for the few statements of a batch that ends before
     * its first phase, where loading Flyway and Spring's JDBC support would cost more than the batch.
     */
    public static Connection connect(Home home) throws SQLException {
        return dataSource(home).getConnection();
    }

    /** {@link #connect(Home)} with the settings already read. */
    public static Connection connect(Home home, NightshiftSettings settings) throws SQLException {
        return DatabaseTarget.of(home, settings).dataSource().getConnection();
    }

    /**
     * Whether every migration on the class path has been applied to the database of this
     * connection: a path that writes without migrating must leave the batch to the full launcher
     * otherwise, which migrates first.
     */
    public static boolean current(Connection connection) {
        return SchemaCurrent.check(connection);
    }

    private static DataSource dataSource(Home home) {
        return DatabaseTarget.of(home).dataSource();
    }

    /**
     * Brings the schema of {@code target} up to date with the migrations on the class path; nothing
     * is loaded or run when every one of them is applied already.
     */
    public static void migrate(DatabaseTarget target) {
        migrate(target, target.dataSource());
    }

    static void migrate(DatabaseTarget target, DataSource dataSource) {
        if (SchemaCurrent.check(dataSource)) {
            return;
        }
        Flyway.configure().dataSource(dataSource).locations(target.migrations()).load().migrate();
    }
}
