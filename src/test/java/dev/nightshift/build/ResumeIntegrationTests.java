package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work resumed across batches on one branch and one pull request: one task per batch, ticked only
 * after its gate passed; a timed-out attempt's work is where the next starts; base merged in first,
 * its conflicts offered to the agent; the retry budget.
 */
class ResumeIntegrationTests {

    private static final String BRANCH = "nightshift/0001-feature";

    @TempDir
    Path dir;

    private TestHome home(String agentScript, String settings) {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", agentScript);
        // Unconfined: these agents keep their prompts and their "tried once" flags in the test's
        // folder, outside their working copy, where the sandbox would let them write nothing.
        home.settings("agent: {kind: generic, command: \"" + agent + "\", sandbox: none}\n" + settings);
        home.project("shop", "");
        return home;
    }

    private static String spec(TestHome home) {
        return home.exists("wip-specs/shop/active/0001-feature.md") ? home.read("wip-specs/shop/active/0001-feature.md")
                : home.read("wip-specs/shop/next/0001-feature.md");
    }

    private static String originHead(TestHome home) {
        return TestHome.gitOut(home.origin(), "rev-parse", BRANCH).strip();
    }

    @Test
    void aThreeTaskSpecCompletesOverThreeBatchesOnOneBranchAndOnePullRequest() {
        Path tried = dir.resolve("second-task-tried");
        // the second task's first try adds a failing test and claims success anyway
        TestHome home = home("""
                cat > /dev/null
                n=$(ls tests/test_feature_*.sh 2>/dev/null | wc -l)
                if [ "$NIGHTSHIFT_TASK" = "Second part" ] && [ ! -e %1$s ]; then
                  touch %1$s
                  printf '#!/usr/bin/env bash\\nfalse\\n' > tests/test_feature_$((n+1)).sh
                  echo "all done, tests pass"
                  exit 0
                fi
                for t in tests/test_feature_*.sh; do grep -q false "$t" && printf '#!/usr/bin/env bash\\ntrue\\n' > "$t"; done
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature_$((n+1)).sh
                echo "$NIGHTSHIFT_TASK" >> FEATURES.md
                """.formatted(tried), "build: {fix-attempts: 0}\n");
        home.spec("shop", "next", "0001-feature",
                "# Feature\n\n## Tasks\n- [ ] First part\n- [ ] Second part\n- [ ] Third part\n");

        assertThat(home.run("run")).isZero();
        assertThat(spec(home)).contains("- [x] First part", "- [ ] Second part", "- [ ] Third part");
        String afterFirst = originHead(home);

        assertThat(home.run("run")).as("the second task's gate fails").isEqualTo(1);
        assertThat(spec(home)).as("not ticked: its gate failed").contains("- [ ] Second part");
        assertThat(originHead(home)).as("nothing pushed").isEqualTo(afterFirst);

        assertThat(home.run("run")).isZero();
        assertThat(spec(home)).contains("- [x] Second part", "- [ ] Third part");
        assertThat(home.run("run")).isZero();
        assertThat(spec(home)).contains("- [x] First part", "- [x] Second part", "- [x] Third part");

        var db = home.db();
        assertThat(db.sql("SELECT outcome FROM build_results ORDER BY started_at").query(String.class).list())
                .containsExactly("PR_OPENED", "TESTS_FAILED", "PR_UPDATED", "PR_UPDATED");
        assertThat(db.sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isEqualTo(1);
        assertThat(db.sql("SELECT action FROM pull_request_updates ORDER BY id").query(String.class).list())
                .containsExactly("opened", "updated", "updated");
        assertThat(OriginRepo.show(home, BRANCH, "FEATURES.md")).isEqualTo("First part\nSecond part\nThird part\n");
        assertThat(TestHome.gitOut(home.origin(), "merge-base", "--is-ancestor", afterFirst, BRANCH))
                .as("one branch, only added to").isEmpty();
        assertThat(db.sql("SELECT tests_run FROM gate_runs WHERE passed ORDER BY id").query(Integer.class).list())
                .as("each passed gate counted the tests it ran").containsExactly(2, 4, 5);
        assertThat(db.sql("SELECT tests_run FROM build_results ORDER BY started_at").query(Integer.class).list())
                .containsExactly(2, 3, 4, 5);

        // everything is done: the spec waits for the owner's merge, no agent runs
        int runs = db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single();
        home.run("run");
        assertThat(db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single()).isEqualTo(runs);
    }

    @Test
    void aFixAttemptGetsTheTaskAndTheEndOfTheFailingOutputAndItsPassIsPublished() {
        Path fixPrompt = dir.resolve("fix-prompt.md");
        TestHome home = home("""
                cat > /dev/null
                if [ ! -e tests/test_sum.sh ]; then
                  printf '#!/usr/bin/env bash\\necho "expected 4 but was 5"; exit 1\\n' > tests/test_sum.sh
                  echo "thinking: the sum is surely right" ; exit 0
                fi
                cp "$NIGHTSHIFT_PROMPT_FILE" %s
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_sum.sh
                """.formatted(fixPrompt), "build: {fix-attempts: 1}\n");
        home.spec("shop", "next", "0001-feature", "# Sum\n");

        assertThat(home.run("run")).isZero();

        var db = home.db();
        assertThat(db.sql("SELECT purpose FROM agent_runs ORDER BY id").query(String.class).list())
                .containsExactly("build", "fix");
        assertThat(fixPrompt).content().contains("# The one task to do now", "Sum",
                "the test command exited with 1", "FAIL test_sum: expected 4 but was 5")
                .doesNotContain("the sum is surely right");
        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("PR_OPENED");
        assertThat(OriginRepo.show(home, BRANCH, "tests/test_sum.sh")).contains("true");
    }

    @Test
    void aTimedOutAttemptsWorkIsKeptUnpushedAndIsTheNextAttemptsStartingPoint() throws Exception {
        TestHome home = home("""
                cat > /dev/null
                if [ -e partial.txt ]; then
                  echo "started from: $(cat partial.txt)" > STARTED_FROM.md
                  echo "second half" >> partial.txt
                  printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_partial.sh
                  exit 0
                fi
                echo "first half" > partial.txt
                sleep 60
                """, "timeouts: {agent: 2s}\n");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        assertThat(home.run("run")).isEqualTo(1);
        assertThat(home.db().sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("TIMED_OUT");
        assertThat(home.originHasBranch(BRANCH)).as("not pushed").isFalse();
        Path clone = home.root().resolve(".nightshift/repos/shop");
        assertThat(TestHome.gitOut(clone, "log", "--format=%s", BRANCH)).contains("unfinished work", "the agent timed out");
        assertThat(TestHome.gitOut(clone, "show", BRANCH + ":partial.txt")).isEqualTo("first half\n");
        // the worktree may go (a crash, maintenance): the commit on the branch is what carries the work
        deleteTree(home.root().resolve(".nightshift/worktrees/shop/0001-feature"));

        assertThat(home.run("run")).isZero();

        assertThat(OriginRepo.show(home, BRANCH, "STARTED_FROM.md")).isEqualTo("started from: first half\n");
        assertThat(OriginRepo.show(home, BRANCH, "partial.txt")).isEqualTo("first half\nsecond half\n");
        assertThat(Files.exists(home.root().resolve("wip-specs/shop/active/0001-feature.md"))).isTrue();
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Adds a line to FEATURES.md per task; asked to finish a merge, keeps its prompt and resolves it if {@code resolve}. */
    private String mergingAgent(boolean resolve) {
        return """
                cat > /dev/null
                case "$NIGHTSHIFT_TASK" in
                  "finish the merge"*)
                    cp "$NIGHTSHIFT_PROMPT_FILE" %s
                    if %s; then
                      grep -v -e '^<<<<<<<' -e '^=======' -e '^>>>>>>>' FEATURES.md > merged && mv merged FEATURES.md
                      git add FEATURES.md && git commit --quiet --no-edit
                    fi
                    exit 0 ;;
                esac
                n=$(ls tests/test_feature_*.sh 2>/dev/null | wc -l)
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature_$((n+1)).sh
                echo "$NIGHTSHIFT_TASK" >> FEATURES.md
                """.formatted(dir.resolve("merge-prompt.md"), resolve);
    }

    @Test
    void aConflictWithBaseIsOfferedToTheAgentWhichResolvesItAndTheTaskGoesOn() {
        TestHome home = home(mergingAgent(true), "");
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] First part\n- [ ] Second part\n");
        assertThat(home.run("run")).isZero();
        OriginRepo.commit(home, dir, "main", Map.of("FEATURES.md", "Done by hand on main\n"), "features by hand");

        assertThat(home.run("run")).isZero();

        var db = home.db();
        assertThat(db.sql("SELECT purpose FROM agent_runs ORDER BY id").query(String.class).list())
                .containsExactly("build", "merge", "build");
        assertThat(db.sql("SELECT outcome FROM build_results ORDER BY started_at").query(String.class).list())
                .containsExactly("PR_OPENED", "PR_UPDATED");
        String features = OriginRepo.show(home, BRANCH, "FEATURES.md");
        assertThat(features).contains("First part", "Done by hand on main", "Second part").doesNotContain("<<<<<<<");
        assertThat(TestHome.gitOut(home.origin(), "merge-base", "--is-ancestor", "main", BRANCH))
                .as("base is merged into the branch").isEmpty();
        assertThat(dir.resolve("merge-prompt.md")).content().as("the prompt names the ref and the files")
                .contains("origin/main", "- `FEATURES.md`", "finish that merge");
    }

    @Test
    void aConflictTheAgentCannotResolveBlocksTheSpecNamingTheFiles() {
        TestHome home = home(mergingAgent(false), "");
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] First part\n- [ ] Second part\n");
        assertThat(home.run("run")).isZero();
        String published = originHead(home);
        OriginRepo.commit(home, dir, "main", Map.of("FEATURES.md", "Done by hand on main\n"), "features by hand");

        assertThat(home.run("run")).isEqualTo(1);

        assertThat(home.exists("wip-specs/shop/blocked/0001-feature.md")).isTrue();
        assertThat(home.read("wip-specs/shop/blocked/0001-feature.why.md")).contains("FEATURES.md", "conflict");
        var db = home.db();
        assertThat(db.sql("SELECT outcome FROM build_results ORDER BY started_at").query(String.class).list())
                .containsExactly("PR_OPENED", "CONFLICT");
        assertThat(originHead(home)).isEqualTo(published);
        Path clone = home.root().resolve(".nightshift/repos/shop");
        assertThat(TestHome.gitOut(clone, "rev-parse", BRANCH).strip()).as("the merge was aborted").isEqualTo(published);
    }

    @Test
    void afterMaxAttemptsFailedBatchesInARowTheSpecIsBlockedWithTheLastFailure() throws Exception {
        // a chatty agent: pages of output, the error at the end
        TestHome home = home("cat > /dev/null\nfor i in $(seq 1 40); do echo \"thinking, line $i\"; done\n"
                        + "echo 'cannot reach the model: 529 overloaded'\nexit 1\n",
                "build: {max-attempts: 2, fix-attempts: 0}\n");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        home.run("run");
        assertThat(home.exists("wip-specs/shop/next/0001-feature.md")).as("one failure is not enough").isTrue();
        home.run("run");

        assertThat(home.exists("wip-specs/shop/blocked/0001-feature.md")).isTrue();
        assertThat(home.read("wip-specs/shop/blocked/0001-feature.why.md"))
                .contains("failed 2 batches in a row", "agent failed", "exited with 1", "529 overloaded")
                .doesNotContain("thinking, line 40", "thinking, line 20");
        String detail = home.db().sql("SELECT detail FROM build_results ORDER BY started_at DESC LIMIT 1")
                .query(String.class).single();
        assertThat(detail).as("one short line, the log for the rest").doesNotContain("\n").hasSizeLessThan(300)
                .matches("the agent exited with 1: .* … cannot reach the model: 529 overloaded; see"
                        + " reports/\\d{8}-\\d{6}/logs/agent-shop-1.log for the rest");
        String log = detail.substring(detail.indexOf("reports/"), detail.indexOf(" for the rest"));
        assertThat(home.read(log)).contains("thinking, line 20", "529 overloaded");

        // the owner moves it back: a fresh start
        Files.move(home.root().resolve("wip-specs/shop/blocked/0001-feature.md"),
                home.root().resolve("wip-specs/shop/next/0001-feature.md"));
        home.run("run");
        assertThat(home.db().sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single()).isEqualTo(3);
        assertThat(home.exists("wip-specs/shop/next/0001-feature.md")).isTrue();
    }

    @Test
    void aDryRunBetweenFailedBatchesNeitherResetsTheCountNorHidesTheLastFailingOutput() throws Exception {
        Path prompts = dir.resolve("prompts");
        Files.createDirectories(prompts);
        // every try adds a test that fails, and keeps its prompt
        TestHome home = home("""
                cat > /dev/null
                cp "$NIGHTSHIFT_PROMPT_FILE" %s/prompt-$(date +%%s%%N).md
                printf '#!/usr/bin/env bash\\necho "expected 4 but was 5"; exit 1\\n' > tests/test_sum.sh
                """.formatted(prompts), "build: {max-attempts: 2, fix-attempts: 0}\n");
        home.spec("shop", "next", "0001-feature", "# Sum\n");

        assertThat(home.run("run")).isEqualTo(1);
        assertThat(home.run("run", "--dry-run")).isZero();
        assertThat(home.exists("wip-specs/shop/next/0001-feature.md")).isTrue();
        assertThat(home.run("run")).isEqualTo(1);

        assertThat(home.db().sql("SELECT outcome FROM build_results ORDER BY started_at").query(String.class).list())
                .containsExactly("TESTS_FAILED", "SKIPPED", "TESTS_FAILED");
        assertThat(home.exists("wip-specs/shop/blocked/0001-feature.md"))
                .as("two failed batches in a row: the dry run between them is not a success").isTrue();
        assertThat(home.read("wip-specs/shop/blocked/0001-feature.why.md")).contains("failed 2 batches in a row");
        try (var kept = Files.list(prompts)) {
            Path second = kept.sorted().reduce((a, b) -> b).orElseThrow();
            assertThat(second).content().as("the second real try starts from the first one's failing output")
                    .contains("FAIL test_sum: expected 4 but was 5");
        }
    }
}
