package dev.nightshift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.config.Home;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database served on loopback asks for a password only the home's owner can read. */
class DatabasePasswordTests {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void aNewHomeGetsARandomPasswordReadableByItsOwnerOnlyAndTheDatabaseWantsIt() throws Exception {
        Home home = new Home(dir);
        Database.open(home).sql("SELECT COUNT(*) FROM batches").query(Integer.class).single();

        String password = Files.readString(home.databasePassword());
        assertThat(password).matches("[0-9a-f]{32}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.databasePassword())))
                .isEqualTo("rw-------");
        assertThat(DatabasePassword.of(home)).as("made once").isEqualTo(password);
        assertThatThrownBy(() -> DriverManager.getConnection(home.jdbcUrl(), "sa", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
        try (Connection c = DriverManager.getConnection(home.jdbcUrl(), "sa", password)) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    @Test
    void aDatabaseMadeBeforePasswordsGetsOneAndKeepsItsRecords() throws Exception {
        Home home = new Home(dir);
        Files.createDirectories(home.state());
        // a home as an earlier nightshift left it: migrated, one batch, an administrator without password
        org.flywaydb.core.Flyway.configure().dataSource(home.jdbcUrl(), "sa", "")
                .locations(DatabaseTarget.migrations(false)).load().migrate();
        try (Connection c = DriverManager.getConnection(home.jdbcUrl(), "sa", "")) {
            c.createStatement().execute("INSERT INTO batches (id, started_at, status, trigger_kind) "
                    + "VALUES ('20260101-000000', CURRENT_TIMESTAMP, 'SUCCEEDED', 'cli')");
        }

        var db = Database.open(home);

        assertThat(db.sql("SELECT id FROM batches").query(String.class).single()).isEqualTo("20260101-000000");
        assertThat(home.databasePassword()).exists();
        assertThatThrownBy(() -> DriverManager.getConnection(home.jdbcUrl(), "sa", "").close())
                .isInstanceOf(SQLException.class);
    }
}
