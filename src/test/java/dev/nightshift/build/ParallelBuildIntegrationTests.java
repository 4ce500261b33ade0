package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build step is partitioned: projects are built at once, each in its own worktree, and apart. */
class ParallelBuildIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void threeProjectsBuildAtOnceAndOneProjectsTimeoutDoesNotTouchTheOthers() {
        TestHome home = TestHome.create(dir);
        // each agent sleeps a few seconds; gamma's sleeps past its limit
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                if [ "$NIGHTSHIFT_PROJECT" = gamma ]; then sleep 60; fi
                sleep 3
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_$NIGHTSHIFT_PROJECT.sh
                echo "$PWD" > WHERE.md
                """);
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\nbuild: {parallelism: 3}\ntimeouts: {agent: 5s}\n");
        for (String project : List.of("alpha", "beta", "gamma")) {
            home.project(project, "");
            home.spec(project, "next", "0001-" + project, "# Work on " + project + "\n");
        }

        assertThat(home.run("run")).as("gamma timed out").isEqualTo(1);

        var db = home.db();
        Map<String, Object> phase = db.sql("SELECT started_at, ended_at FROM phase_results WHERE phase = 'build'")
                .query().singleRow();
        Duration took = Duration.between((OffsetDateTime) phase.get("STARTED_AT"), (OffsetDateTime) phase.get("ENDED_AT"));
        long agentsSum = db.sql("SELECT SUM(agent_millis) FROM build_results").query(Long.class).single();
        long slowest = db.sql("SELECT MAX(agent_millis) FROM build_results").query(Long.class).single();
        System.out.printf("build phase of 3 projects took %d ms; their agent runs add up to %d ms, the slowest %d ms%n",
                took.toMillis(), agentsSum, slowest);

        assertThat(db.sql("SELECT project || ':' || outcome FROM build_results ORDER BY project").query(String.class).list())
                .containsExactly("alpha:PR_OPENED", "beta:PR_OPENED", "gamma:TIMED_OUT");
        assertThat(OriginRepo.show(home, "nightshift/0001-alpha", "WHERE.md")).contains("worktrees/alpha/0001-alpha");
        assertThat(OriginRepo.show(home, "nightshift/0001-beta", "WHERE.md")).contains("worktrees/beta/0001-beta");
        assertThat(home.originHasBranch("nightshift/0001-gamma")).isFalse();
        assertThat(db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single()).isEqualTo(3);
    }
}
