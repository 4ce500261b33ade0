package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.batch.BatchLock;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.Database;
import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** status and doctor on a home with problems, and status on a year of history. */
class StatusAndDoctorIntegrationTests {

    @TempDir
    Path dir;

    /** A broken project.yml, a repository that does not exist, and an agent binary that is nowhere. */
    private TestHome brokenHome() {
        TestHome home = TestHome.create(dir);
        home.settings("agent: {kind: generic, command: \"nightshift-test-agent-that-does-not-exist --go\"}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        TestHome.write(home.root().resolve("wip-specs/broken/project.yml"), "repo: /tmp/x.git\ntest: true\ntests: [a]\n");
        TestHome.write(home.root().resolve("wip-specs/lost/project.yml"),
                "repo: " + dir.resolve("missing.git") + "\ntest: bash tests/run.sh\n");
        return home;
    }

    @Test
    void statusNamesEachProblemWithWhatToDo() {
        TestHome home = brokenHome();

        Captured status = Captured.run(home, "status");

        assertThat(status.exit()).isZero();
        // read as one line: the terminal wraps them
        String problems = status.section("PROBLEMS").replaceAll("\\s+", " ");
        assertThat(problems).contains(
                "! agent: \"nightshift-test-agent-that-does-not-exist\" (agent.command in nightshift.yml) is not on PATH",
                "what to do: install it, or set agent.command to the program's full path",
                "! broken: wip-specs/broken/project.yml:3: tests: unknown key",
                "what to do: fix wip-specs/broken/project.yml; the project is skipped until then",
                "! lost repository: " + dir.resolve("missing.git") + " does not exist",
                "what to do: set repo in wip-specs/lost/project.yml to the repository's URL or path");
        assertThat(problems).doesNotContain("shop");
        assertThat(status.section("QUEUE")).contains("broken (skipped)").containsPattern("shop\\s+1\\s+0\\s+0\\s+0");
        assertThat(status.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }

    @Test
    void statusNamesTheLockHolderInOneShortLineAndWhyTheHomeIsPaused() {
        TestHome home = TestHome.create(dir);
        home.project("a-project-with-a-rather-long-name", "");
        assertThat(Captured.run(home, "pause", "deploy freeze until Monday, the release is out").exit()).isZero();

        Captured status;
        try (BatchLock held = BatchLock.tryAcquire(home.home().lockFile()).orElseThrow()) {
            held.describe("running batch 20260113-140000, pid 4194304, since 2026-01-13T14:00:05");
            status = Captured.run(home, "status");
        }

        assertThat(status.lines()).containsSequence("lock: held by batch 20260113-140000 (pid 4194304) since 14:00",
                "PAUSED: deploy freeze until Monday, the release is out (wip-specs/PAUSE;",
                "        `nightshift resume` goes on)");
        assertThat(status.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));

        TestHome.write(home.home().pauseFile(), "");
        assertThat(Captured.run(home, "status").lines()).contains("lock: free",
                "PAUSED: no reason given (wip-specs/PAUSE; `nightshift resume` goes on)");
    }

    @Test
    void anUnendedBatchIsRunningOnlyWhileItHoldsTheLockAndElseDied() {
        TestHome home = TestHome.create(dir);
        try (Database.Held db = Database.hold(home.home())) {
            new BatchRepository(db.jdbc(), SecretMasker.none())
                    .start("20260113-140000", Instant.parse("2026-01-13T14:00:05Z"), "cron", false, null, 4194304);
        }

        assertThat(Captured.run(home, "status").lines()).contains("lock: free").anySatisfy(line -> assertThat(line)
                .startsWith("  20260113-140000  died       -").endsWith("  next run recovers it"));

        try (BatchLock held = BatchLock.tryAcquire(home.home().lockFile()).orElseThrow()) {
            held.describe("running batch 20260113-140000, pid 4194304, since 2026-01-13T14:00:05");
            assertThat(Captured.run(home, "status").lines())
                    .anySatisfy(line -> assertThat(line).startsWith("  20260113-140000  running    running"))
                    .noneSatisfy(line -> assertThat(line).contains("died"));
            held.describe("running batch 20260113-160000, pid 4194305, since 2026-01-13T16:00:05");
            assertThat(Captured.run(home, "status").lines())
                    .anySatisfy(line -> assertThat(line).startsWith("  20260113-140000  died"));
        }
    }

    @Test
    void theLockLineIsShortWhateverTheHolderWrote() {
        assertThat(StatusCommand.heldBy("stopping early: batch 20260113-140000, pid 7, since 2026-01-13T14:00"))
                .isEqualTo("held by batch 20260113-140000 (pid 7) since 14:00");
        assertThat(StatusCommand.heldBy("pid 7, since 2026-01-13T09:05:33, starting a batch"))
                .isEqualTo("held by pid 7 since 09:05");
        assertThat(StatusCommand.heldBy("x".repeat(100))).hasSize(74).endsWith("…");
    }

    @Test
    void doctorGivesEachCheckALineAndFailsWhenOneFails() {
        TestHome home = brokenHome();

        Captured doctor = Captured.run(home, "doctor");

        assertThat(doctor.exit()).isEqualTo(1);
        assertThat(doctor.lines()).contains(
                "OK    nightshift.yml: valid",
                "FAIL  agent: \"nightshift-test-agent-that-does-not-exist\" (agent.command in nightshift.yml) is not on PATH"
                        + " -> install it, or set agent.command to the program's full path",
                "FAIL  lost repository: " + dir.resolve("missing.git") + " does not exist -> set repo in "
                        + "wip-specs/lost/project.yml to the repository's URL or path (a relative path is read from the home)",
                "OK    shop: wip-specs/shop/project.yml valid",
                "OK    shop repository: " + home.origin() + " has main",
                "OK    mail: no mail.smtp: each report waits in reports/outbox/ (set mail.smtp to send)");
        assertThat(doctor.lines()).as("test on base, counted").anySatisfy(l -> assertThat(l)
                .startsWith("OK    shop tests: main at ").contains(": 1 tests counted (JUnit XML), "));
        assertThat(doctor.lines()).anySatisfy(l -> assertThat(l).startsWith("OK    git: git version"));
        assertThat(doctor.lines()).anySatisfy(l -> assertThat(l).startsWith(
                "FAIL  broken: wip-specs/broken/project.yml:3: tests: unknown key").endsWith(
                "-> fix wip-specs/broken/project.yml; the project is skipped until then"));
        assertThat(doctor.lines()).filteredOn(l -> l.startsWith("FAIL")).hasSize(3);
        assertThat(doctor.lines()).anySatisfy(l -> assertThat(l).startsWith("OK    agent sandbox: bubblewrap at /"));
        assertThat(doctor.out()).contains("3 of 13 checks failed: see what to do after each -> (1 warning)");
    }

    @Test
    void doctorPassesOnAGoodHomeAndNamesABaseBranchTheRemoteLacks() {
        TestHome home = TestHome.create(dir);
        home.settings("agent: {kind: generic, command: \"%s\"}\n".formatted(home.agent("agent.sh", "true")));
        home.project("shop", "");

        Captured good = Captured.run(home, "doctor");
        assertThat(good.exit()).as(good.out()).isZero();
        assertThat(good.out()).contains("all 10 checks passed (1 warning)");
        assertThat(good.lines()).contains("WARN  budget: cost unknown: the budget cannot stop this agent (agent.kind"
                + " generic reports no cost) -> watch its spend where its model is billed, or use a kind that reports"
                + " cost (claude, codex, aider)");
        assertThat(Captured.run(home, "doctor", "--quick").out()).as("--quick runs no test")
                .doesNotContain("shop tests").contains("all 9 checks passed");

        home.project("shop", "base: trunk\n");
        Captured noBase = Captured.run(home, "doctor");
        assertThat(noBase.exit()).isEqualTo(1);
        assertThat(noBase.lines()).contains("FAIL  shop repository: " + home.origin() + " has no branch trunk -> set base "
                + "in wip-specs/shop/project.yml to an existing branch");
    }

    @Test
    void doctorNamesAScriptArgumentReadFromTheHomeThatTheAgentWouldLookForInItsWorktree() {
        TestHome home = TestHome.create(dir);
        Path script = home.agent("fake-agent.sh", "true");
        home.settings("agent: {kind: generic, command: \"bash agents/fake-agent.sh --fast\"}\n");
        home.project("shop", "");

        Captured doctor = Captured.run(home, "doctor");

        assertThat(doctor.exit()).isEqualTo(1);
        assertThat(doctor.lines()).contains("FAIL  agent: \"agents/fake-agent.sh\" in agent.command is a path relative"
                + " to the home, but the agent runs in the spec's worktree, where it is not read from the home"
                + " -> give its absolute path: " + script);

        home.settings("agent: {kind: generic, command: \"bash " + script + " --fast\"}\n");
        assertThat(Captured.run(home, "doctor").lines()).anySatisfy(l -> assertThat(l).startsWith("OK    agent: bash found at"));
    }

    @Test
    void doctorJudgesNoDefaultForAnInvalidNightshiftYmlAndSaysWhenTheDefaultIsJudged() throws Exception {
        TestHome home = TestHome.create(dir);
        home.settings("agent: {kind: generic, comand: nightshift-test-agent}\n");

        Captured invalid = Captured.run(home, "doctor");

        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.lines()).contains(
                "FAIL  nightshift.yml:1: agent.comand: unknown key (known here: command, env, kind, prices, sandbox, sandbox-network)"
                        + " -> fix that line; until then every batch stops at once with exit code 2",
                "SKIP  schedule: not checked: nightshift.yml is invalid",
                "SKIP  agent: not checked: nightshift.yml is invalid",
                "SKIP  mail: not checked: nightshift.yml is invalid");
        assertThat(invalid.out()).as("the default agent is not judged in place of the one meant").doesNotContain("claude");

        java.nio.file.Files.delete(home.root().resolve("nightshift.yml"));
        Captured absent = Captured.run(home, "doctor");

        boolean onPath = new SetupChecks(home.home()).findExecutable("claude").isPresent();
        assertThat(absent.lines()).contains("OK    nightshift.yml: absent: every default applies");
        assertThat(absent.lines()).anySatisfy(l -> assertThat(l).startsWith(onPath ? "OK    agent: claude found at "
                : "FAIL  agent: \"claude\", the default agent.command (no nightshift.yml), is not on PATH -> install it,"
                        + " or write a nightshift.yml that sets agent.command to the agent's command line")
                .contains("the default agent.command (no nightshift.yml)"));
    }

    @Test
    void doctorFailsABatchLimitThatRunsIntoTheNextFire() {
        TestHome home = TestHome.create(dir);
        String agent = "agent: {kind: generic, command: \"%s\"}\n".formatted(home.agent("agent.sh", "true"));
        home.settings("schedule: \"0 0 * * * ?\"\n" + agent);

        Captured hourly = Captured.run(home, "doctor");

        assertThat(hourly.exit()).isEqualTo(1);
        assertThat(hourly.lines()).anySatisfy(l -> assertThat(l).matches(java.util.regex.Pattern.quote(
                "FAIL  schedule: timeouts.batch (1h55m) must end before the next fire, but \"0 0 * * * ?\" fires 1h00m apart (")
                + "\\d{4}-\\d{2}-\\d{2} \\d{2}:00:00 and \\d{4}-\\d{2}-\\d{2} \\d{2}:00:00\\)"
                + java.util.regex.Pattern.quote(" -> set timeouts.batch in nightshift.yml below 1h00m, or make schedule fire"
                + " less often")));

        home.settings("schedule: \"0 0 * * * ?\"\ntimeouts: {batch: 50m}\n" + agent);
        assertThat(Captured.run(home, "doctor").lines()).contains("OK    schedule: \"0 0 * * * ?\" fires at least 1h00m"
                + " apart; timeouts.batch (50m00s) ends before the next fire");
    }

    @Test
    void statusReadsAYearOfHistoryWithBoundedIndexedQueriesIn80Columns() {
        TestHome home = TestHome.create(dir);
        // A kind that reports cost, so that status shows the spend against the budget.
        home.settings("agent: {kind: claude, command: \"%s\", env: []}\n".formatted(home.agent("agent.sh", "true")));
        home.project("a-project-with-a-rather-long-name-that-would-overflow", "");
        JdbcClient db = home.db();
        seedAYear(db);

        long started = System.nanoTime();
        Captured status = Captured.run(home, "status");
        System.out.println("status on a year of history (4380 batches) took "
                + (System.nanoTime() - started) / 1_000_000 + " ms");

        assertThat(status.exit()).isZero();
        assertThat(status.section("LAST BATCHES").lines().skip(1).toList()).hasSize(StatusCommand.LAST_BATCHES)
                .first().asString().matches("  20261101-100000 +succeeded +20m00s +3 ok +0 failed");
        assertThat(status.section("OPEN PULL REQUESTS")).startsWith("OPEN PULL REQUESTS (2)").contains("shop #299", "shop #300");
        assertThat(status.out()).contains("BUDGET: today $");
        assertThat(status.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        assertThat(explain(db, "SELECT * FROM batches ORDER BY started_at DESC, id DESC LIMIT 5")).contains("BATCHES_STARTED");
        assertThat(explain(db, "SELECT * FROM pull_requests WHERE state = 'OPEN' ORDER BY project, number"))
                .contains("PULL_REQUESTS_STATE");
        assertThat(explain(db, "SELECT COALESCE(SUM(cost_usd), 0) FROM agent_runs WHERE started_at >= CURRENT_TIMESTAMP"))
                .contains("AGENT_RUNS_STARTED");
    }

    /** Twelve batches a day for a year, three projects each, an agent run per project, 300 pull requests. */
    private static void seedAYear(JdbcClient db) {
        String at = "DATEADD('HOUR', -2 * X, TIMESTAMP WITH TIME ZONE '2026-11-01 12:00:00+00')";
        db.sql("""
                INSERT INTO batches (id, started_at, ended_at, status, trigger_kind, dry_run)
                SELECT FORMATDATETIME(%1$s, 'yyyyMMdd-HHmmss'), %1$s, DATEADD('MINUTE', 20, %1$s),
                       CASE WHEN MOD(X, 7) = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END, 'schedule', FALSE
                FROM SYSTEM_RANGE(1, 4380)""".formatted(at)).update();
        db.sql("""
                INSERT INTO build_results (batch_id, project, spec, task, outcome, agent_millis, cost_usd, tests_run,
                    tests_passed, started_at, ended_at)
                SELECT b.id, p.name, 'spec', 'task', CASE WHEN b.status = 'FAILED' THEN 'TESTS_FAILED' ELSE 'PR_UPDATED' END,
                       60000, 0.10, 30, 30, b.started_at, b.ended_at
                FROM batches b CROSS JOIN (VALUES ('shop'), ('api'), ('web')) AS p(name)""").update();
        db.sql("""
                INSERT INTO agent_runs (batch_id, project, spec, task, purpose, attempt, kind, started_at, ended_at, exit_code,
                    succeeded, cost_usd)
                SELECT batch_id, project, spec, task, 'build', 1, 'claude', started_at, ended_at, 0, TRUE, cost_usd
                FROM build_results""").update();
        db.sql("""
                INSERT INTO pull_requests (project, spec, host, number, url, branch, title, state, created_at, updated_at)
                SELECT 'shop', 'spec-' || X, 'github', X, 'https://github.com/me/shop/pull/' || X, 'nightshift/spec-' || X,
                       'Spec ' || X, CASE WHEN X > 298 THEN 'OPEN' ELSE 'MERGED' END, %1$s, %1$s
                FROM SYSTEM_RANGE(1, 300)""".formatted(at)).update();
    }

    private static String explain(JdbcClient db, String sql) {
        return db.sql("EXPLAIN " + sql).query(String.class).single();
    }
}
