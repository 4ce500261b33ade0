package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More projects ready than one batch can build: those left over wait, are named in the report, and
 * go first in the next batch, so that over consecutive batches every project is built.
 */
class BuildTurnsIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void overConsecutiveBatchesEveryReadyProjectIsBuiltAndTheReportNamesTheOnesThatWaited() throws Exception {
        TestHome home = TestHome.create(dir);
        // One project at a time, and an agent that outlasts the build phase: each batch serves exactly one.
        Path agent = home.agent("agent.sh", "cat > /dev/null\nsleep 600\n");
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\n"
                + "build: {parallelism: 1}\ntimeouts: {build: 6s, agent: 30m}\n");
        for (String project : List.of("alpha", "beta", "gamma")) {
            home.project(project, "");
            home.spec(project, "next", "0001-" + project, "# Work for " + project + "\n");
        }

        List<String> served = new ArrayList<>();
        for (int batch = 1; batch <= 3; batch++) {
            home.run("run");
            String id = home.db().sql("SELECT id FROM batches ORDER BY started_at DESC LIMIT 1").query(String.class).single();
            List<String> turns = home.db().sql("SELECT project FROM build_results WHERE batch_id = ? AND outcome <> 'WAITED'")
                    .param(id).query(String.class).list();
            List<String> waited = home.db().sql("SELECT project FROM build_results WHERE batch_id = ? AND outcome = 'WAITED'"
                    + " ORDER BY project").param(id).query(String.class).list();
            assertThat(turns).as("batch %d serves one project", batch).hasSize(1);
            assertThat(waited).as("batch %d: the others wait", batch).hasSize(2).doesNotContainAnyElementsOf(turns);
            assertThat(Files.readString(home.latestReport().resolve("report.txt")))
                    .contains("2 waited (" + String.join(", ", waited) + ")");
            served.addAll(turns);
        }

        assertThat(served).as("least recently built first: each in its turn, none twice, none left out")
                .containsExactly("alpha", "beta", "gamma");
    }
}
