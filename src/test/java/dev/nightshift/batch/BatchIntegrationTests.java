package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nightshift.testing.TestHome;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real job on a temporary home: real git remote, real agent scripts, real SMTP server. */
class BatchIntegrationTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    /** Adds a test and a line per task, and leaves a note, as an agent would. */
    private static final String WORKING_AGENT = """
            cat > /dev/null
            n=$(ls tests/test_feature_*.sh 2>/dev/null | wc -l)
            printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature_$((n+1)).sh
            echo "$NIGHTSHIFT_TASK" >> FEATURES.md
            mkdir -p .nightshift && echo "did: $NIGHTSHIFT_TASK" > .nightshift/note.md
            """;

    private TestHome home(String agentScript, String settings) {
        return home(agentScript, "", settings);
    }

    /** @param agentSettings more keys of {@code agent}, such as {@code , sandbox: none} */
    private TestHome home(String agentScript, String agentSettings, String settings) {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", agentScript);
        home.settings("""
                agent: {kind: generic, command: "%s"%s}
                mail: {to: [owner@example.com], smtp: {host: localhost, port: %d}}
                %s
                """.formatted(agent, agentSettings, smtp.getSmtp().getPort(), settings));
        return home;
    }

    @Test
    void twoBatchesOnOneSpecPushOneBranchAndKeepOnePullRequest() throws Exception {
        TestHome home = home(WORKING_AGENT, "");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] First part\n- [ ] Second part\n");

        // first batch: task one, a new branch and pull request
        assertThat(home.run("run")).isZero();
        assertThat(home.originHasBranch("nightshift/0001-feature")).isTrue();
        assertThat(home.originFiles("nightshift/0001-feature")).contains("FEATURES.md", "tests/test_feature_1.sh");
        assertThat(home.exists("wip-specs/shop/active/0001-feature.md")).isTrue();
        assertThat(home.exists("wip-specs/shop/next/0001-feature.md")).isFalse();
        assertThat(home.read("wip-specs/shop/active/0001-feature.md")).contains("- [x] First part", "- [ ] Second part");
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).matches("\\[nightshift] 1/1 succeeded, 0 failed · \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        assertThat(mail.getContent()).isInstanceOf(Multipart.class);
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("owner@example.com");

        // second batch: task two on the same branch, the same pull request
        assertThat(home.run("run")).isZero();
        assertThat(home.originFiles("nightshift/0001-feature")).contains("tests/test_feature_2.sh");
        assertThat(home.read("wip-specs/shop/active/0001-feature.md")).contains("- [x] First part", "- [x] Second part");
        var db = home.db();
        assertThat(db.sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isEqualTo(1);
        assertThat(db.sql("SELECT action FROM pull_request_updates ORDER BY id").query(String.class).list())
                .containsExactly("opened", "updated");
        assertThat(db.sql("SELECT outcome FROM build_results ORDER BY started_at").query(String.class).list())
                .containsExactly("PR_OPENED", "PR_UPDATED");
        assertThat(home.read("wip.md")).contains("shop/0001-feature · PR opened", "shop/0001-feature · PR updated",
                "did: First part", "did: Second part");
        String report = Files.readString(home.latestReport().resolve("report.html"));
        assertThat(report).contains("shop", "0001-feature", "PR #1 (updated, local, branch nightshift/0001-feature)");
        assertThat(Files.readString(home.latestReport().resolve("report.txt"))).contains("PR #1");
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(home.exists("reports/outbox")).isTrue();
        try (var outbox = Files.list(home.root().resolve("reports/outbox"))) {
            assertThat(outbox).as("delivered mail leaves the outbox").isEmpty();
        }
    }

    @Test
    void anAgentPastItsLimitDiesWithEveryChildAndTheReportStillGoesOut() throws Exception {
        // Unconfined: every process writes its pid (as this machine numbers it) to the test's folder.
        Path pids = dir.resolve("agent.pids");
        // an agent that ignores SIGTERM, forks children that ignore it too, and one that leaves the
        // group; every process it starts, down to each `sleep`, writes its pid down
        TestHome home = home("""
                trap '' TERM
                echo $$ >> %1$s
                (trap '' TERM; sleep 600 & echo $! >> %1$s; wait) & echo $! >> %1$s
                setsid bash -c 'trap "" TERM; echo $$ >> %1$s; sleep 600 & echo $! >> %1$s; wait' &
                echo "working on it"
                sleep 600 & echo $! >> %1$s
                wait
                """.formatted(pids), ", sandbox: none", "timeouts: {agent: 3s}");
        home.project("shop", "");
        home.spec("shop", "next", "0001-slow", "# Slow\n");

        int exit = home.run("run");

        assertThat(exit).isEqualTo(1);
        List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(started).as("the agent, its subshell, the bash that left the group, and their three sleeps")
                .hasSize(6).doesNotHaveDuplicates().allSatisfy(pid ->
                assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d", pid).isEmpty());
        var db = home.db();
        Map<String, Object> run = db.sql("SELECT timed_out, started_at, ended_at FROM agent_runs").query().singleRow();
        assertThat(run.get("TIMED_OUT")).isEqualTo(true);
        Duration took = Duration.between(toInstant(run.get("STARTED_AT")), toInstant(run.get("ENDED_AT")));
        System.out.println("the agent with a 3s limit ended after " + took.toMillis() + " ms");
        assertThat(took).as("ends within 5 s of its limit").isLessThan(Duration.ofSeconds(3 + 5));
        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("TIMED_OUT");
        assertThat(home.originHasBranch("nightshift/0001-slow")).isFalse();
        assertThat(Files.readString(home.latestReport().resolve("report.html"))).contains("timed out");
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).startsWith("[nightshift] 0/1 succeeded, 1 failed");
    }

    @Test
    void aFailingTestCommandPushesNothingOpensNoPullRequestAndReportsTheTail() throws Exception {
        TestHome home = home(WORKING_AGENT, "");
        // green on base (a red base gets no agent run at all), red once the agent's change is in
        home.project("shop", "test: |\n  [ -e FEATURES.md ] || exec bash tests/run.sh\n  echo 'running 3 tests'\n"
                + "  echo 'expected 2 but was 3 in test_sum'\n  exit 1\n");
        home.spec("shop", "next", "0001-sum", "# Sum\n");

        assertThat(home.run("run")).isEqualTo(1);

        assertThat(home.originHasBranch("nightshift/0001-sum")).isFalse();
        var db = home.db();
        assertThat(db.sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isZero();
        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("TESTS_FAILED");
        assertThat(db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single())
                .as("the first run and one fix attempt").isEqualTo(2);
        assertThat(home.exists("wip-specs/shop/next/0001-sum.md")).isTrue();
        String report = Files.readString(home.latestReport().resolve("report.html"));
        assertThat(report).contains("tests failed", "expected 2 but was 3 in test_sum");
        assertThat(Files.readString(home.latestReport().resolve("report.txt"))).contains("expected 2 but was 3 in test_sum");
    }

    private static Instant toInstant(Object value) {
        return value instanceof java.time.OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }
}
