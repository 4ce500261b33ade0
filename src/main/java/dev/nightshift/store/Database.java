package dev.nightshift.store;

import dev.nightshift.config.Home;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database opened without the Spring context, for commands that only read it ({@code status},
 * {@code prs}): the same file and URL, migrated by the same Flyway scripts.
 */
public final class Database {

    private static final Map<String, Connection> KEEPERS = new ConcurrentHashMap<>();

    private Database() {
    }

    /** Whether any batch ever created the database of this home. */
    public static boolean exists(Home home) {
        return Files.exists(home.database().resolveSibling(home.database().getFileName() + ".mv.db"));
    }

    public static JdbcClient open(Home home) {
        System.setProperty("h2.bindAddress", "127.0.0.1");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(home.jdbcUrl());
        dataSource.setUser("sa");
        dataSource.setPassword("");
        keepOpen(dataSource);
        migrate(dataSource);
        return JdbcClient.create(dataSource);
    }

    /**
     * Holds one connection for the life of the process: H2 closes the file with its last
     * connection and reads it in again with the next, which with a year of history took most of a
     * second per query (issue 4, "fast even with a year of history").
     */
    private static void keepOpen(JdbcDataSource dataSource) {
        KEEPERS.compute(dataSource.getURL(), (url, held) -> {
            try {
                return held != null && !held.isClosed() ? held : dataSource.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open the database " + url + ": " + e.getMessage(), e);
            }
        });
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
