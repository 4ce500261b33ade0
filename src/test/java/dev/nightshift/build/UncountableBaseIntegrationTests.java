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
 * A test command that exits 0 on base but whose tests nightshift cannot count is a setup problem:
 * no agent runs, the spec keeps its place over max-attempts batches, and the report, status and
 * doctor say what it printed and how to make it countable. Once the owner names its reports in
 * {@code test-reports:}, they are counted and the work goes through.
 */
class UncountableBaseIntegrationTests {

    /** Runs each tests/test_*.sh quietly and writes its own XML where no runner's reports are looked for by name. */
    private static final String QUIET_RUNNER = """
            #!/usr/bin/env bash
            cd "$(dirname "$0")/.." || exit 2
            n=0; failed=0
            for t in tests/test_*.sh; do n=$((n+1)); bash "$t" >/dev/null 2>&1 || failed=$((failed+1)); done
            mkdir -p out
            printf '<testsuite name="quiet" tests="%d" failures="%d"></testsuite>\\n' "$n" "$failed" > out/results.junit
            echo "checked the project"
            [ "$failed" -eq 0 ]
            """;

    @TempDir
    Path dir;

    @Test
    void anUncountableBaseGetsNoAgentRunBlamesNoSpecAndSaysHowToMakeItCountable() throws Exception {
        TestHome home = TestHome.create(dir);
        OriginRepo.commit(home, dir, "main", Map.of("tests/quiet.sh", QUIET_RUNNER), "a quiet runner");
        Path ran = dir.resolve("agent-ran");
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                echo run >> %s
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                """.formatted(ran));
        // Unconfined: the agent leaves its mark in the test's folder, which a sandbox would hide.
        home.settings("agent: {kind: generic, command: \"" + agent + "\", sandbox: none}\nbuild: {max-attempts: 3}\n");
        home.project("quiet", "test: bash tests/quiet.sh\n");
        home.spec("quiet", "next", "0001-feature", "# Feature\n");

        for (int batch = 1; batch <= 3; batch++) {
            assertThat(home.run("run")).isEqualTo(1);
        }

        assertThat(ran).as("no agent ran").doesNotExist();
        var db = home.db();
        assertThat(db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single()).isZero();
        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).list())
                .containsExactly("FAILED", "FAILED", "FAILED");
        assertThat(home.exists("wip-specs/quiet/next/0001-feature.md")).as("three batches, max-attempts 3: not blamed")
                .isTrue();
        String why = "but nightshift cannot count its tests: it wrote no JUnit XML report and printed no closing line"
                + " of a runner nightshift reads (it printed: checked the project)";
        String report = Files.readString(home.latestReport().resolve("report.txt"));
        assertThat(report.substring(report.indexOf("NEEDS YOU")).replaceAll("\\s+", " "))
                .contains("quiet/0001-feature: failed", why, "test-reports: in wip-specs/quiet/project.yml");
        Captured status = Captured.run(home, "status");
        assertThat(status.section("QUEUE")).contains("quiet (setup problem)");
        assertThat(status.out().replaceAll("\\s+", " ")).contains(why);
        Captured doctor = Captured.run(home, "doctor");
        assertThat(doctor.out().replaceAll("\\s+", " ")).contains("FAIL quiet tests: the test command exits 0 on main at",
                why);
        assertThat(Captured.run(home, "doctor", "--quick").out()).doesNotContain("quiet tests");

        // when: the owner names the reports the runner writes
        home.project("quiet", "test: bash tests/quiet.sh\ntest-reports: [\"out/*.junit\"]\n");
        assertThat(Captured.run(home, "doctor").out()).contains("OK    quiet tests: main at ",
                ": 1 tests counted (JUnit XML), ");
        assertThat(home.run("run")).isZero();

        assertThat(ran).exists();
        assertThat(db.sql("SELECT outcome FROM build_results ORDER BY started_at DESC LIMIT 1").query(String.class)
                .single()).isEqualTo("PR_OPENED");
        assertThat(db.sql("SELECT tests_run FROM build_results ORDER BY started_at DESC LIMIT 1").query(Integer.class)
                .single()).as("counted from out/results.junit: the old and the new test").isEqualTo(2);
        assertThat(home.originHasBranch("nightshift/0001-feature")).isTrue();
    }
}
