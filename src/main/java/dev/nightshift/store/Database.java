package dev.nightshift.store;

import dev.nightshift.config.Home;
import java.nio.file.Files;
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
        System.setProperty("h2.bindAddress", "127.0.0.1");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(home.jdbcUrl());
        dataSource.setUser("sa");
        dataSource.setPassword("");
        migrate(dataSource);
        return JdbcClient.create(dataSource);
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
