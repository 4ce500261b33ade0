package dev.nightshift.store;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The home's embedded database, opened on a second thread while the first reads the settings: a
 * batch that ends before its first phase spends most of its time on these two, and the machine has
 * more than one core. Opened only when the database file and its password already exist (the first
 * batch of a home makes them, with the schema, the usual way). When the
 * settings then name a shared database, or nobody takes the connection, it is closed unused: opening
 * changes no data.
 */
public final class EarlyConnection implements AutoCloseable {

    private final CompletableFuture<Connection> opening;
    /** Handed out or closed: nothing left for {@link #close()}. */
    private boolean done;

    private EarlyConnection(CompletableFuture<Connection> opening) {
        this.opening = opening;
    }

    /** A handle that opens nothing: {@link #take} connects the plain way. */
    public static EarlyConnection none() {
        return new EarlyConnection(null);
    }

    /** Starts opening the embedded database of {@code home} when there is one; else a handle that opens nothing. */
    public static EarlyConnection start(Home home) {
        if (!Files.exists(home.database().resolveSibling(home.database().getFileName() + ".mv.db"))
                || !Files.exists(home.databasePassword())) {
            return none();
        }
        CompletableFuture<Connection> opening = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                opening.complete(new DatabaseTarget(home.jdbcUrl(), DatabasePassword.USER, DatabasePassword.of(home), false)
                        .dataSource().getConnection());
            } catch (SQLException | RuntimeException e) {
                opening.completeExceptionally(e);
            }
        }, "nightshift-open-database");
        opener.setDaemon(true);
        opener.start();
        return new EarlyConnection(opening);
    }

    /**
     * The connection to the database {@code settings} name: the one opened early when they name
     * the embedded one, else a new one. The caller closes it.
     */
    public Connection take(Home home, NightshiftSettings settings) throws SQLException {
        if (opening != null && !settings.database().shared()) {
            try {
                Connection early = opening.join();
                done = true;
                return early;
            } catch (CompletionException e) {
                // Opening early failed: the plain way below says why, if it fails again.
            }
        }
        return Database.connect(home, settings);
    }

    /** Closes the connection opened early unless {@link #take} handed it out. */
    @Override
    public void close() {
        if (opening == null || done) {
            return;
        }
        done = true;
        try {
            opening.join().close();
        } catch (CompletionException | SQLException e) {
            // Nothing was opened, or nothing is left to close.
        }
    }
}
