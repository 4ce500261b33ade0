package dev.nightshift.store;

import dev.nightshift.config.DatabaseSettings;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SettingsFiles;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Which database a home's records live in, and how to log in: the embedded H2 file of the home
 * (one machine), or the PostgreSQL server {@code database.url} names (several machines). Every
 * way nightshift opens its database goes through here, so the two never mix.
 *
 * @param url      the JDBC URL
 * @param user     the user
 * @param password the password (H2: the home's random one; PostgreSQL: from the environment)
 * @param shared   whether it is PostgreSQL, shared by the machines of a cluster
 */
public record DatabaseTarget(String url, String user, String password, boolean shared) {

    /**
     * Flyway's scripts for one kind of database: those written for it alone (where H2 and PostgreSQL
     * differ: the Spring Batch and Quartz schemas, identity columns, CLOB), then the common ones.
     * One version numbering for both, so both have the same history.
     */
    public static String[] migrations(boolean shared) {
        return new String[] {"classpath:db/migration/" + (shared ? "postgresql" : "h2"), "classpath:db/migration/common"};
    }

    /** The scripts for this database. */
    public String[] migrations() {
        return migrations(shared);
    }

    /**
     * The target of a home whose settings are read here (commands that start no Spring context);
     * a nightshift.yml that cannot be read counts as the default, the embedded H2, and the command
     * that reads the settings itself names the problem.
     */
    public static DatabaseTarget of(Home home) {
        return of(home, SettingsFiles.readGlobalOrDefaults(home));
    }

    public static DatabaseTarget of(Home home, NightshiftSettings settings) {
        DatabaseSettings database = settings.database();
        if (!database.shared()) {
            return new DatabaseTarget(home.jdbcUrl(), DatabasePassword.USER, DatabasePassword.of(home), false);
        }
        String password = System.getenv(database.passwordEnv());
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("database.url names a PostgreSQL database, but the variable "
                    + database.passwordEnv() + " (database.password-env) that holds its password is not set");
        }
        return new DatabaseTarget(database.url(), database.user(), password, true);
    }

    /** A pool for the Spring context: Flyway, Spring Batch, Quartz and the repositories share it. */
    public HikariDataSource pool(int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(dataSource());
        pool.setMaximumPoolSize(size);
        pool.setPoolName("nightshift");
        return pool;
    }

    public DataSource dataSource() {
        if (shared) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            pg.setUser(user);
            pg.setPassword(password);
            pg.setApplicationName("nightshift");
            // A machine that vanishes without closing its connections is noticed, and its batch lock freed.
            pg.setTcpKeepAlive(true);
            return new PostgresInstants(pg);
        }
        // H2's AUTO_SERVER listens for a second process; on loopback only.
        System.setProperty("h2.bindAddress", "127.0.0.1");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser(user);
        h2.setPassword(password);
        return h2;
    }

    @Override
    public String toString() {
        // Never the password: this may be logged.
        return "DatabaseTarget[" + url + ", user " + user + "]";
    }
}
