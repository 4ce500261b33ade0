package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test command that fails on base before any change is the setup's problem (or a red base), never
 * the spec's: the agent is not started, the spec keeps its place however many batches pass, and
 * the owner reads why in the report and in status. Base is run once per commit and command.
 */
class RedBaseIntegrationTests {

    @TempDir
    Path dir;

    private TestHome home(String test) {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                echo run >> AGENT_RAN.md
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                echo feature >> FEATURES.md
                """);
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\nbuild: {max-attempts: 1}\n");
        home.project("calc", "test: " + test + "\n");
        home.spec("calc", "next", "0001-feature", "# Feature\n");
        return home;
    }

    private static int agentRuns(TestHome home) {
        return home.db().sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single();
    }

    /** The sandboxed agent leaves its mark in its working copy only; it reaches the remote with its work. */
    private static String agentRan(TestHome home) {
        return OriginRepo.show(home, "nightshift/0001-feature", "AGENT_RAN.md");
    }

    private static String mainHead(TestHome home) {
        return TestHome.gitOut(home.origin(), "rev-parse", "main").strip().substring(0, 10);
    }

    @Test
    void aTypoInTheTestCommandStartsNoAgentBlocksNoSpecAndSaysWhatToFix() throws Exception {
        // the runner is tests/run.sh: "test/run.sh" is a typo the shell answers with exit 127
        TestHome home = home("bash test/run.sh");

        assertThat(home.run("run")).as("a setup problem fails the batch").isEqualTo(1);
        assertThat(home.run("run")).isEqualTo(1);

        assertThat(agentRuns(home)).as("no agent process ran").isZero();
        var db = home.db();
        assertThat(db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single()).isZero();
        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).list())
                .containsExactly("FAILED", "FAILED");
        String why = "the test command fails on main at " + mainHead(home) + " before any change (exit 127: bash:"
                + " test/run.sh: No such file or directory): fix test in wip-specs/calc/project.yml, or make main green";
        assertThat(db.sql("SELECT detail FROM build_results").query(String.class).list()).containsExactly(why, why);
        assertThat(db.sql("SELECT COUNT(*) FROM base_test_counts").query(Integer.class).single())
                .as("one row per commit and command").isEqualTo(1);
        assertThat(db.sql("SELECT batch_id FROM base_test_counts").query(String.class).single())
                .as("a red base is run again by each batch (a flaky failure holds it once)")
                .isEqualTo(db.sql("SELECT MAX(id) FROM batches").query(String.class).single());
        assertThat(home.exists("wip-specs/calc/next/0001-feature.md"))
                .as("max-attempts 1 and two batches: the spec is not blamed").isTrue();
        assertThat(home.exists("wip-specs/calc/blocked/0001-feature.md")).isFalse();

        String report = Files.readString(home.latestReport().resolve("report.txt"));
        assertThat(report.substring(report.indexOf("NEEDS YOU"))).contains(why);
        Captured status = Captured.run(home, "status");
        assertThat(status.section("QUEUE")).contains("calc (setup problem)");
        assertThat(status.section("PROBLEMS").replaceAll("\\s+", " ")).contains("calc: batch ", why);

        // when: the owner fixes the command, the next batch measures base afresh and the agent works
        home.project("calc", "test: bash tests/run.sh\n");
        assertThat(home.run("run")).isZero();

        assertThat(agentRan(home)).as("the agent ran and its work was pushed").contains("run");
        assertThat(db.sql("SELECT outcome FROM build_results ORDER BY started_at DESC LIMIT 1").query(String.class)
                .single()).isEqualTo("PR_OPENED");
        assertThat(Captured.run(home, "status").out()).doesNotContain("setup problem", why);
    }

    @Test
    void aBaseWhoseTestsReallyFailGetsNoAgentWorkUntilItIsGreenAgain() throws Exception {
        TestHome home = home("bash tests/run.sh");
        OriginRepo.commit(home, dir, "main", Map.of("tests/test_broken.sh", "#!/usr/bin/env bash\nfalse\n"), "red");

        assertThat(home.run("run")).isEqualTo(1);
        assertThat(home.run("run")).isEqualTo(1);

        assertThat(agentRuns(home)).as("no agent process ran").isZero();
        var db = home.db();
        assertThat(db.sql("SELECT detail FROM build_results").query(String.class).list()).containsOnly(
                "the test command fails on main at " + mainHead(home) + " before any change (exit 1: Tests run: 2,"
                        + " Failures: 1): fix test in wip-specs/calc/project.yml, or make main green");
        assertThat(home.exists("wip-specs/calc/next/0001-feature.md")).isTrue();

        // when: base moves and is green again, it is run again at its new head
        OriginRepo.commit(home, dir, "main", Map.of("tests/test_broken.sh", "#!/usr/bin/env bash\ntrue\n"), "green");
        assertThat(home.run("run")).isZero();

        assertThat(agentRan(home)).as("the agent ran and its work was pushed").contains("run");
        assertThat(db.sql("SELECT COUNT(*) FROM base_test_counts").query(Integer.class).single()).isEqualTo(2);
        assertThat(db.sql("SELECT outcome FROM build_results ORDER BY started_at DESC LIMIT 1").query(String.class)
                .single()).isEqualTo("PR_OPENED");
    }
}
