package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightshift worker} serves a cluster only: on one machine's embedded database it refuses at once. */
class WorkerCommandTests {

    @TempDir
    Path dir;

    @Test
    void aWorkerOnTheEmbeddedDatabaseRefusesWithExitTwoAndSaysWhy() {
        TestHome home = TestHome.create(dir);
        home.settings("node: {name: build-1}\n");

        Captured worker = Captured.run(home, "worker");

        assertThat(worker.exit()).isEqualTo(2);
        assertThat(worker.err()).contains("a worker serves a cluster").contains("database.url")
                .contains(home.root().resolve("nightshift.yml").toString());
        // it refused before anything was opened: no database file was made
        assertThat(home.home().database().resolveSibling("db.mv.db")).doesNotExist();
    }

    @Test
    void aWorkerWithABadSettingsFileStopsWithExitTwo() {
        TestHome home = TestHome.create(dir);
        home.settings("database: {url: \"jdbc:mysql://db/nightshift\"}\n");

        Captured worker = Captured.run(home, "worker");

        assertThat(worker.exit()).isEqualTo(2);
        assertThat(worker.err()).contains("nightshift.yml").contains("url");
    }
}
