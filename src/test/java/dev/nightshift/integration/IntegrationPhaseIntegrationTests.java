package dev.nightshift.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phase 4 in real batches: integration at base's head, its test counts, and a red base. */
class IntegrationPhaseIntegrationTests {

    private static final String AGENT = """
            cat > /dev/null
            printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
            """;

    @TempDir
    Path dir;

    @Test
    void aGreenRunRecordsTheTestsItRanFromItsJUnitReports() {
        TestHome home = TestHome.create(dir);
        home.settings("agent: {kind: generic, command: \"%s\"}\n".formatted(home.agent("agent.sh", AGENT)));
        home.project("shop", "integration: bash tests/run.sh\n");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        assertThat(home.run("run")).isZero();

        Map<String, Object> run = home.db().sql("SELECT * FROM integration_runs").query().singleRow();
        assertThat(run.get("PASSED")).isEqualTo(true);
        assertThat(run.get("COMMIT_SHA")).isEqualTo(TestHome.gitOut(home.origin(), "rev-parse", "main").strip());
        assertThat(run).containsEntry("TESTS_RUN", 1).containsEntry("TESTS_PASSED", 1).containsEntry("TESTS_FAILED", 0);
    }

    @Test
    void aRedBaseIsCountedFromTheSummaryLineAndStopsNewAgentWorkUntilGreen() throws Exception {
        TestHome home = TestHome.create(dir);
        home.settings("agent: {kind: generic, command: \"%s\"}\n".formatted(home.agent("agent.sh", AGENT)));
        home.project("shop", "integration: |\n  echo 'Tests run: 3, Failures: 1, Errors: 0, Skipped: 0'\n  exit 1\n");
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] One\n- [ ] Two\n");

        assertThat(home.run("run")).as("a red integration run is a failure").isEqualTo(1);
        var db = home.db();
        Map<String, Object> red = db.sql("SELECT * FROM integration_runs").query().singleRow();
        assertThat(red.get("PASSED")).isEqualTo(false);
        assertThat(red).containsEntry("TESTS_RUN", 3).containsEntry("TESTS_PASSED", 2).containsEntry("TESTS_FAILED", 1);
        int agentRuns = db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single();

        home.run("run");

        assertThat(db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single())
                .as("no agent on a red base").isEqualTo(agentRuns);
        assertThat(db.sql("SELECT reason FROM plans WHERE batch_id = (SELECT MAX(batch_id) FROM plans)")
                .query(String.class).single()).startsWith("base is red (integration failed at ");
        assertThat(db.sql("SELECT kind FROM risks").query(String.class).list()).containsExactly("RED_BASE");
        assertThat(db.sql("SELECT COUNT(*) FROM integration_runs").query(Integer.class).single())
                .as("base did not move: not run again").isEqualTo(1);
        assertThat(Files.readString(home.latestReport().resolve("report.txt")))
                .contains("NEEDS YOU", "shop: base is red: integration failed (exit 1) at ");
    }

    @Test
    void whenIntegrationIsTheTestCommandItsCountAtBasesHeadIsTheGatesFloorAndTheTestsAreNotRunAgain() throws Exception {
        TestHome home = TestHome.create(dir);
        home.settings("agent: {kind: generic, command: \"%s\"}\n".formatted(home.agent("agent.sh", AGENT)));
        home.project("shop", "integration: bash tests/run.sh\n");
        // The first batch builds nothing (the spec waits for one held in blocked/), but integration runs at base's head.
        home.spec("shop", "blocked", "0001-first", "# First\n");
        home.spec("shop", "next", "0002-later", "---\ndepends-on: [0001-first]\n---\n# Later\n");
        assertThat(home.run("run")).isZero();
        var db = home.db();
        assertThat(db.sql("SELECT COUNT(*) FROM integration_runs").query(Integer.class).single()).isEqualTo(1);
        assertThat(db.sql("SELECT COUNT(*) FROM base_test_counts").query(Integer.class).single()).isZero();

        // the owner finishes the first spec by hand: the second is ready
        Files.createDirectories(home.root().resolve("wip-specs/shop/done"));
        Files.move(home.root().resolve("wip-specs/shop/blocked/0001-first.md"),
                home.root().resolve("wip-specs/shop/done/0001-first.md"));
        assertThat(home.run("run")).isZero();

        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("PR_OPENED");
        Map<String, Object> floor = db.sql("SELECT * FROM base_test_counts").query().singleRow();
        assertThat(floor).containsEntry("TESTS_EXECUTED", 1)
                .containsEntry("COMMIT_SHA", TestHome.gitOut(home.origin(), "rev-parse", "main").strip());
        assertThat((String) floor.get("SOURCE")).startsWith("integration ");
        assertThat(home.latestReport().resolve("logs/base-tests-shop.log")).as("base's tests were not run again")
                .doesNotExist();
    }
}
