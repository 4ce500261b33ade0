package dev.nightshift.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL database of its own for one test, made on the server {@code .ci/pg} starts
 * ({@code NIGHTSHIFT_TEST_PG_URL}, {@code _USER}, {@code _PASSWORD}) and dropped at the end. Without
 * a server the test is skipped with a message, except in CI ({@code CI=true}), where it fails:
 * the cluster's tests must have run there.
 */
public final class TestPostgres implements AutoCloseable {

    /** The variable that holds the password; a test's nightshift.yml names it as database.password-env. */
    public static final String PASSWORD_ENV = "NIGHTSHIFT_TEST_PG_PASSWORD";

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String name;

    private TestPostgres(String serverUrl, String user, String password, String name) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** A new, empty database; skips (or in CI fails) the test when no server is given. */
    public static TestPostgres create() {
        String url = System.getenv("NIGHTSHIFT_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            String why = "no PostgreSQL for the cluster tests: start one with `eval \"$(.ci/pg start)\"`"
                    + " (sets NIGHTSHIFT_TEST_PG_URL, _USER, _PASSWORD)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + "; in CI these tests may not be skipped");
            }
            Assumptions.abort(why);
        }
        String user = System.getenv().getOrDefault("NIGHTSHIFT_TEST_PG_USER", "nightshift");
        String password = System.getenv(PASSWORD_ENV);
        String name = "ns_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        TestPostgres db = new TestPostgres(url, user, password, name);
        db.admin("CREATE DATABASE " + name);
        return db;
    }

    /** The JDBC URL of this test's database. */
    public String url() {
        int slash = serverUrl.lastIndexOf('/');
        return serverUrl.substring(0, slash + 1) + name;
    }

    public String user() {
        return user;
    }

    /** The {@code database:} block of nightshift.yml for this database. */
    public String settings() {
        return "database: {url: \"" + url() + "\", user: " + user + ", password-env: " + PASSWORD_ENV + "}\n";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops the test's database. PostgreSQL's own background workers (autovacuum) may be at work
     * in it, and only a superuser may end those: the drop is tried again while one finishes.
     */
    @Override
    public void close() {
        for (int attempt = 1; ; attempt++) {
            try {
                admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return;
            } catch (IllegalStateException e) {
                if (attempt == 20 || !e.getMessage().contains("must be a member of the role")) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
