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

    public static JdbcClient open(Home home) {
        JdbcDataSource dataSource = dataSource(home);
        migrate(dataSource);
        return JdbcClient.create(dataSource);
    }

    /**
     * One plain connection, without migrating: for the few statements of a batch that ends before
     * its first phase, where loading Flyway and Spring's JDBC support would cost more than the batch.
     */
    public static Connection connect(Home home) throws SQLException {
        return dataSource(home).getConnection();
    }

    private static JdbcDataSource dataSource(Home home) {
        // H2's AUTO_SERVER listens for a second process; on loopback only (PRODUCT.md safety rules).
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
