package dev.nightshift.store;

import dev.nightshift.config.Home;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database opened without the Spring context, for commands that only read it ({@code status},
 * {@code prs}): the same file and URL, migrated by the same Flyway scripts.
 */
public final class Database {

    private Database() {
    }

    /** Whether any batch ever created the database of this home. */
    public static boolean exists(Home home) {
        return Files.exists(home.database().resolveSibling(home.database().getFileName() + ".mv.db"));
    }

    /**
     * A client that opens a connection per query. H2 closes a file database with its last
     * connection, so every query opens the file again (about 70 ms each): a command that reads
     * several things should use {@link #session(Home)}.
     */
    public static JdbcClient open(Home home) {
        JdbcDataSource dataSource = dataSource(home);
        migrate(dataSource);
        return JdbcClient.create(dataSource);
    }

    /**
     * The database held open for one command until {@link Session#close()}: its queries share
     * the open file instead of opening it again each (issue 6: `status` spent a second on that).
     */
    public static Session session(Home home) {
        JdbcDataSource dataSource = dataSource(home);
        Connection anchor;
        try {
            anchor = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database " + home.database() + ": " + e.getMessage(), e);
        }
        Session session = new Session(JdbcClient.create(dataSource), anchor);
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** An open database: {@link #jdbc()} for the queries; closing it closes the file. */
    public static final class Session implements AutoCloseable {

        private final JdbcClient jdbc;
        private final Connection anchor;

        private Session(JdbcClient jdbc, Connection anchor) {
            this.jdbc = jdbc;
            this.anchor = anchor;
        }

        public JdbcClient jdbc() {
            return jdbc;
        }

        @Override
        public void close() {
            try {
                anchor.close();
            } catch (SQLException e) {
                // The process is done with the database; H2 closes the file at exit at the latest.
            }
        }
    }

    private static JdbcDataSource dataSource(Home home) {
        System.setProperty("h2.bindAddress", "127.0.0.1");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(home.jdbcUrl());
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return dataSource;
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
