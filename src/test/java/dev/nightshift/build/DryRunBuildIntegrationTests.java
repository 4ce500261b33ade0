package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run's build phase names what it would build for every planned project, in one pass: no
 * step execution per project reaches the job repository, and no agent runs.
 */
class DryRunBuildIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void aDryRunNamesWhatItWouldBuildForEveryProjectWithoutAPartitionPerProject() throws Exception {
        // given three projects with a queued spec each, and an agent that leaves a mark when it runs
        TestHome home = TestHome.create(dir);
        Path mark = dir.resolve("agent-ran");
        Path agent = home.agent("agent.sh", "cat > /dev/null\ntouch " + mark + "\n");
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\n");
        for (String project : List.of("api", "shop", "web")) {
            home.project(project, "");
            home.spec(project, "next", "0001-" + project, "# " + project + "\n\n## Tasks\n- [ ] Build the " + project + "\n");
        }

        // when
        assertThat(home.run("run", "--dry-run")).isZero();

        // then every project's spec is named, as a partitioned build would have recorded it
        var db = home.db();
        String batch = db.sql("SELECT id FROM batches WHERE dry_run").query(String.class).single();
        assertThat(db.sql("SELECT project || ': ' || outcome || ': ' || detail FROM build_results WHERE batch_id = ?"
                + " ORDER BY project").param(batch).query(String.class).list()).containsExactly(
                "api: SKIPPED: dry run: would run the agent on \"Build the api\"",
                "shop: SKIPPED: dry run: would run the agent on \"Build the shop\"",
                "web: SKIPPED: dry run: would run the agent on \"Build the web\"");
        assertThat(db.sql("SELECT detail FROM phase_results WHERE batch_id = ? AND phase = 'build'").param(batch)
                .query(String.class).single()).isEqualTo("3 project(s): 3 skipped");
        assertThat(Files.readString(home.latestReport().resolve("report.txt")))
                .startsWith("[nightshift] dry run: would build api/0001-api, shop/0001-shop, web/0001-web")
                .contains("api/0001-api", "shop/0001-shop", "web/0001-web");
        for (String project : List.of("api", "shop", "web")) {
            assertThat(Files.readString(home.latestReport().resolve("logs/build-" + project + ".log")))
                    .contains("DRY-RUN: would run the agent on " + project + "/0001-" + project);
        }
        // and the job repository holds the five phase steps only, no step per project
        assertThat(db.sql("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION ORDER BY STEP_EXECUTION_ID").query(String.class)
                .list()).containsExactly("supervisor", "build", "maintenance", "integration", "report");
        assertThat(mark).as("no agent ran").doesNotExist();
        assertThat(home.root().resolve("wip-specs/shop/next/0001-shop.md")).as("nothing moved").exists();
    }
}
