package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.cli.NightshiftContext;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The launcher's own guard for callers other than the command line: a project filter naming no
 * usable project ends the request with exit code 2 and records no batch.
 */
class ProjectFilterIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void theLauncherRecordsNoBatchForAProjectItCannotWorkOn() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        TestHome.write(home.root().resolve("wip-specs/broken/project.yml"), "repo: /tmp/x.git\ntests: [a]\n");
        home.spec("broken", "next", "0001-fix", "# Fix\n");

        try (ConfigurableApplicationContext context = NightshiftContext.start(home.home(),
                SettingsFiles.readGlobal(home.home()), NightshiftContext.Purpose.BATCH)) {
            BatchLauncher launcher = context.getBean(BatchLauncher.class);

            BatchResult absent = launcher.launch(new BatchRequest("cli", false, "nope"));
            BatchResult invalid = launcher.launch(new BatchRequest("cli", false, "broken"));

            assertThat(absent.exitCode()).isEqualTo(BatchResult.BAD_CONFIGURATION);
            assertThat(absent.batchId()).isNull();
            assertThat(absent.message()).startsWith("there is no project nope in ");
            assertThat(invalid.exitCode()).isEqualTo(BatchResult.BAD_CONFIGURATION);
            assertThat(invalid.batchId()).isNull();
            assertThat(invalid.message()).startsWith("project broken cannot run: ").endsWith("tests: unknown key"
                    + " (known here: base, health, integration, paths, pr, protected, repo, test,"
                    + " test-reports)");
            JdbcClient db = context.getBean(JdbcClient.class);
            assertThat(db.sql("SELECT COUNT(*) FROM batches").query(Integer.class).single()).isZero();
            assertThat(home.root().resolve("reports")).as("no batch log either").doesNotExist();
        }
        assertThat(BatchLock.isHeld(home.home().lockFile())).isFalse();
    }
}
