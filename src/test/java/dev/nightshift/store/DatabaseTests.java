package dev.nightshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database opened without Spring: a session keeps the H2 file open between its queries (each
 * reopening cost ~70 ms, issue 6) and closes it at the end, so nothing stays open after a command.
 */
class DatabaseTests {

    @TempDir
    Path dir;

    @Test
    void aSessionKeepsTheFileOpenBetweenQueriesAndClosesItAtTheEnd() throws Exception {
        Home home = new Home(dir);
        Files.createDirectories(home.state());
        // H2 holds this file while the database is open (AUTO_SERVER locks with a file)
        Path open = home.state().resolve("db.lock.db");

        try (Database.Held session = Database.hold(home)) {
            BatchRepository batches = new BatchRepository(session.jdbc(), SecretMasker.none());
            batches.start("20260113-140000", Instant.parse("2026-01-13T13:00:00Z"), "cli", false, null, 1L);
            assertThat(open).as("open between queries").exists();
            assertThat(batches.latest(5)).extracting(Records.Batch::id).containsExactly("20260113-140000");
        }

        assertThat(open).as("closed with the session").doesNotExist();
        assertThat(Database.exists(home)).isTrue();
    }

    @Test
    void aClientThatOpensPerQueryLeavesTheFileClosedAfterEachQuery() throws Exception {
        Home home = new Home(dir);
        Files.createDirectories(home.state());

        var jdbc = Database.open(home);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM batches").query(Integer.class).single()).isZero();

        assertThat(home.state().resolve("db.lock.db")).doesNotExist();
    }

    @Test
    void statusReadsTheDatabaseAndLeavesItClosed() {
        TestHome home = TestHome.create(dir);
        try (Database.Held session = Database.hold(home.home())) {
            new BatchRepository(session.jdbc(), SecretMasker.none())
                    .start("20260113-140000", Instant.parse("2026-01-13T13:00:00Z"), "cli", false, null, 1L);
        }

        assertThat(home.run("status")).isZero();

        assertThat(home.root().resolve(".nightshift/db.lock.db")).doesNotExist();
    }
}
