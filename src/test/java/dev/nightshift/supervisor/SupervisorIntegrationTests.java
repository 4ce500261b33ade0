package dev.nightshift.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phase 1 in real batches: the stored plan rules the build; the review advises; merges finish specs. */
class SupervisorIntegrationTests {

    /** Adds a test and a line per task, and leaves a note, as an agent would. */
    private static final String WORKING_AGENT = """
            cat > /dev/null
            n=$(ls tests/test_feature_*.sh 2>/dev/null | wc -l)
            printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature_$((n+1)).sh
            echo "$NIGHTSHIFT_TASK" >> FEATURES.md
            mkdir -p .nightshift && echo "did: $NIGHTSHIFT_TASK" > .nightshift/note.md
            """;

    @TempDir
    Path dir;

    @Test
    void everyProjectsPlanIsStoredWithItsOrderWhenThePlansAreWrittenAFewProjectsAtATime() {
        TestHome home = TestHome.create(dir);
        home.settings("agent: {kind: generic, command: \"%s\"}\n".formatted(home.agent("agent.sh", "true")));
        int projects = SupervisorPhase.PLANS_PER_WRITE * 2 + 3;
        for (int i = 0; i < projects; i++) {
            String name = "p%02d".formatted(i);
            home.project(name, "");
            if (i % 4 != 3) {
                home.spec(name, "next", "0001-work", "# Work of " + name + "\n");
            }
        }

        assertThat(home.run("run", "--dry-run")).isZero();

        var db = home.db();
        assertThat(db.sql("SELECT COUNT(*) FROM plans").query(Integer.class).single()).isEqualTo(projects);
        assertThat(db.sql("SELECT COUNT(*) FROM queue_snapshots").query(Integer.class).single()).isEqualTo(projects);
        assertThat(db.sql("SELECT project FROM plans WHERE spec IS NOT NULL AND work_order IS NULL").query(String.class)
                .list()).as("no plan row without its order").isEmpty();
        assertThat(db.sql("SELECT project FROM plans WHERE work_order IS NOT NULL ORDER BY project").query(String.class)
                .list()).hasSize(projects - projects / 4).contains("p00", "p41").doesNotContain("p03", "p39");
        assertThat(db.sql("SELECT COUNT(*) FROM build_results WHERE outcome = 'SKIPPED'").query(Integer.class).single())
                .as("the dry run's build went through every order").isEqualTo(projects - projects / 4);
    }

    @Test
    void theBuildFollowsTheStoredPlanAndTheReviewerCannotChangeIt() throws Exception {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", WORKING_AGENT);
        // The reviewer runs after the plan is stored; it queues a more urgent spec, which a fresh
        // choice would take first, and writes its review.
        Path reviewer = home.agent("reviewer.sh", """
                cat > /dev/null
                cp "$NIGHTSHIFT_PROMPT_FILE" %1$s/review-prompt.md
                echo "$NIGHTSHIFT_PROJECT $NIGHTSHIFT_RUN" > %1$s/review-env.txt
                printf -- '---\\npriority: 1\\n---\\n# Urgent\\n' > %2$s/wip-specs/shop/next/0000-urgent.md
                printf 'Looks healthy.\\n<script>alert(1)</script> Split 0001-feature if it times out.\\n' > review.md
                """.formatted(dir, home.root()));
        // Unconfined: the reviewer keeps its prompt in the test's folder and tries to queue a spec in the home.
        home.settings("""
                agent: {kind: generic, command: "%s", sandbox: none}
                supervisor-agent: "%s"
                """.formatted(agent, reviewer));
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        assertThat(home.run("run")).isZero();

        var db = home.db();
        assertThat(db.sql("SELECT spec FROM plans").query(String.class).single()).isEqualTo("0001-feature");
        assertThat(db.sql("SELECT spec FROM build_results").query(String.class).single()).isEqualTo("0001-feature");
        assertThat(home.exists("wip-specs/shop/next/0000-urgent.md")).as("queued by the reviewer, not built").isTrue();
        assertThat(db.sql("SELECT status FROM reviews").query(String.class).single()).isEqualTo("WRITTEN");
        assertThat(db.sql("SELECT text FROM reviews").query(String.class).single())
                .isEqualTo("Looks healthy.\n<script>alert(1)</script> Split 0001-feature if it times out.");
        assertThat(db.sql("SELECT project || ' ' || purpose FROM agent_runs ORDER BY id").query(String.class).list())
                .containsExactly("_supervisor review", "shop build");
        assertThat(home.root().resolve(".nightshift/prompts")).as("each run's prompt is removed after it")
                .isEmptyDirectory();
        assertThat(home.root().resolve(".nightshift/review")).as("the review's scratch folder too").isEmptyDirectory();
        assertThat(Files.readString(dir.resolve("review-prompt.md")))
                .contains("# The plan for this batch", "- shop: 0001-feature, task \"Feature\" (next in queue, priority 5)");
        String report = Files.readString(home.latestReport().resolve("report.html"));
        assertThat(report).contains("Supervisor's review", "Looks healthy.", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
        assertThat(Files.readString(home.latestReport().resolve("report.txt")))
                .contains("SUPERVISOR'S REVIEW (advisory; written)", "Split 0001-feature if it times out.");
    }

    @Test
    void aReviewerThatHangsIsStoppedBeforeTheSupervisorPhaseDeadlineAndTheBatchGoesOn() throws Exception {
        TestHome home = TestHome.create(dir);
        Path pid = dir.resolve("reviewer.pid");
        // Unconfined: the reviewer writes its pid (as this machine numbers it) to the test's folder.
        home.settings("""
                agent: {kind: generic, command: "%s", sandbox: none}
                supervisor-agent: "%s"
                timeouts: {supervisor: 6s}
                """.formatted(home.agent("agent.sh", WORKING_AGENT),
                home.agent("reviewer.sh", "echo $$ > %s\nexec sleep 600\n".formatted(pid))));
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        long started = System.nanoTime();
        assertThat(home.run("run")).isZero();
        System.out.println("the batch with a hanging reviewer took " + (System.nanoTime() - started) / 1_000_000 + " ms");

        var db = home.db();
        assertThat(db.sql("SELECT outcome FROM phase_results WHERE phase = 'supervisor'").query(String.class).single())
                .as("the review ended before the phase's limit").isEqualTo("COMPLETED");
        assertThat(db.sql("SELECT status FROM reviews").query(String.class).single()).isEqualTo("TIMED_OUT");
        assertThat(db.sql("SELECT timed_out FROM agent_runs WHERE purpose = 'review'").query(Boolean.class).single()).isTrue();
        assertThat(ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("PR_OPENED");
        assertThat(Files.readString(home.latestReport().resolve("report.txt")))
                .contains("SUPERVISOR'S REVIEW (advisory; timed out)");
    }

    @Test
    void aMergedPullRequestFinishesTheSpecAndRemovesItsWorktreeAndLocalBranch() throws Exception {
        TestHome home = TestHome.create(dir);
        home.settings("agent: {kind: generic, command: \"%s\"}\n".formatted(home.agent("agent.sh", WORKING_AGENT)));
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        home.spec("shop", "next", "0002-later", "---\ndepends-on: [0001-feature]\n---\n# Later\n");
        TestHome.write(home.root().resolve("wip-specs/shop/notes.md"), "# Shop\n\nThe owner's words: keep tabs.");
        assertThat(home.run("run")).isZero();
        Path clone = home.root().resolve(".nightshift/repos/shop");
        assertThat(home.exists(".nightshift/worktrees/shop/0001-feature")).isTrue();
        assertThat(TestHome.gitOut(clone, "branch", "--list", "nightshift/0001-feature")).isNotBlank();

        // the owner merges the pull request on the remote
        Path owner = dir.resolve("owner");
        TestHome.gitOut(dir, "clone", "--quiet", home.origin().toString(), owner.toString());
        TestHome.gitOut(owner, "merge", "--quiet", "--no-edit", "origin/nightshift/0001-feature");
        TestHome.gitOut(owner, "push", "--quiet", "origin", "main");

        assertThat(home.run("run")).isZero();

        assertThat(home.exists("wip-specs/shop/done/0001-feature.md")).isTrue();
        assertThat(home.exists(".nightshift/worktrees/shop/0001-feature")).isFalse();
        assertThat(TestHome.gitOut(clone, "branch", "--list", "nightshift/0001-feature")).isBlank();
        assertThat(home.originHasBranch("nightshift/0001-feature")).as("the remote's branch is the owner's").isTrue();
        var db = home.db();
        assertThat(db.sql("SELECT state FROM pull_requests WHERE spec = '0001-feature'").query(String.class).single())
                .isEqualTo("MERGED");
        assertThat(db.sql("SELECT spec FROM build_results WHERE batch_id = (SELECT MAX(batch_id) FROM build_results)")
                .query(String.class).single()).as("the merge made its dependent ready").isEqualTo("0002-later");
        assertThat(home.read("wip-specs/shop/notes.md")).as("kept: the owner's text as written, one line added")
                .isEqualTo("# Shop\n\nThe owner's words: keep tabs.\n- " + java.time.LocalDate.now()
                        + ": done: 0001-feature (\"Feature\"); PR #1 was merged\n");
        assertThat(Files.readString(home.latestReport().resolve("report.txt")))
                .contains("shop/0001-feature: active/ → done/ (PR #1 was merged)");
    }

    @Test
    void aPullRequestMergedWithTasksStillOpenIsDoneAndTheMoveNamesWhatIsLeft() throws Exception {
        TestHome home = TestHome.create(dir);
        home.settings("agent: {kind: generic, command: \"%s\"}\n".formatted(home.agent("agent.sh", WORKING_AGENT)));
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] Do step one\n- [ ] Do step two\n");
        assertThat(home.run("run")).isZero();

        // the owner merges after the first task
        Path owner = dir.resolve("owner");
        TestHome.gitOut(dir, "clone", "--quiet", home.origin().toString(), owner.toString());
        TestHome.gitOut(owner, "merge", "--quiet", "--no-edit", "origin/nightshift/0001-feature");
        TestHome.gitOut(owner, "push", "--quiet", "origin", "main");

        assertThat(home.run("run")).isZero();

        assertThat(home.exists("wip-specs/shop/done/0001-feature.md")).as("merged is done").isTrue();
        String reason = "PR #1 was merged with 1 task still open: Do step two; write a new spec for what is left";
        assertThat(home.db().sql("SELECT reason FROM spec_moves WHERE to_folder = 'done'").query(String.class).single())
                .isEqualTo(reason);
        assertThat(Files.readString(home.latestReport().resolve("report.txt")))
                .contains("shop/0001-feature: active/ → done/ (" + reason + ")");
    }
}
