package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dry run changes nothing, not even what a batch that died left behind: the next real batch recovers it. */
class DryRunRecoveryIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void aDryRunNamesABatchThatDiedAndLeavesItForTheNextRealBatch() throws Exception {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", "cat > /dev/null\necho work >> WORK.md\nexit 1\n");
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\nbuild: {fix-attempts: 0}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        assertThat(home.run("run")).isEqualTo(1);
        Path worktree = home.home().worktree("shop", "0001-feature");
        assertThat(worktree).isDirectory();
        // a batch whose process died while it worked on that spec
        var db = home.db();
        db.sql("INSERT INTO batches (id, started_at, status, trigger_kind, pid) VALUES ('20200101-000000', CURRENT_TIMESTAMP, 'RUNNING', 'cli', 1)").update();
        db.sql("INSERT INTO plans (batch_id, project, spec, task, task_index, reason) VALUES ('20200101-000000', 'shop', '0001-feature', 'Feature', 0, 'test')").update();

        assertThat(home.run("run", "--dry-run")).isIn(0, 1);

        assertThat(db.sql("SELECT status FROM batches WHERE id = '20200101-000000'").query(String.class).single())
                .as("left as it was").isEqualTo("RUNNING");
        assertThat(worktree).as("its worktree is not removed by a dry run").isDirectory();
        assertThat(Files.readString(home.latestReport().resolve("report.txt")))
                .contains("Batch 20200101-000000 died; this dry run left it as it was");

        home.run("run");

        assertThat(db.sql("SELECT status FROM batches WHERE id = '20200101-000000'").query(String.class).single())
                .as("recovered by the real batch").isEqualTo("CRASHED");
    }
}
