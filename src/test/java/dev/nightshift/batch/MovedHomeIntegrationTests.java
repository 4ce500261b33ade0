package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home moved or copied to another folder between batches keeps working: the next batch there
 * continues the spec on the same branch and pull request, and nothing reaches the old place.
 */
class MovedHomeIntegrationTests {

    private static final String BRANCH = "nightshift/0001-feature";

    @TempDir
    Path dir;

    private TestHome twoTaskHome() {
        TestHome home = TestHome.create(dir);
        home.agent("agent.sh", """
                cat > /dev/null
                n=$(ls tests/test_feature_*.sh 2>/dev/null | wc -l)
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature_$((n+1)).sh
                echo "$NIGHTSHIFT_TASK" >> FEATURES.md
                """);
        // The agent given relative to the home, as an owner moving the folder would write it.
        home.settings("agent: {kind: generic, command: agents/agent.sh}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] First part\n- [ ] Second part\n");
        return home;
    }

    @Test
    void aHomeMovedToAnotherFolderContinuesOnTheSameBranchAndPullRequest() throws Exception {
        TestHome home = twoTaskHome();
        assertThat(home.run("run")).isZero();
        assertThat(home.root().resolve(".nightshift/worktrees/shop/0001-feature")).as("kept for the next task").isDirectory();

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")).resolve("home");
        shell("mv", home.root().toString(), elsewhere.toString());
        TestHome moved = home.at(elsewhere);

        assertThat(moved.run("run")).isZero();

        assertThat(TestHome.gitOut(home.origin(), "show", BRANCH + ":FEATURES.md")).isEqualTo("First part\nSecond part\n");
        assertThat(moved.read("wip-specs/shop/active/0001-feature.md")).contains("- [x] First part", "- [x] Second part");
        var db = moved.db();
        assertThat(db.sql("SELECT outcome FROM build_results ORDER BY started_at").query(String.class).list())
                .containsExactly("PR_OPENED", "PR_UPDATED");
        assertThat(db.sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isEqualTo(1);
        assertThat(home.root()).as("nothing written at the old place").doesNotExist();
    }

    @Test
    void aCopiedHomeWorksInItsOwnClonesAndLeavesTheOriginalAsItWas() throws Exception {
        TestHome home = twoTaskHome();
        assertThat(home.run("run")).isZero();
        Path copyRoot = dir.resolve("copy");
        shell("cp", "-a", home.root().toString(), copyRoot.toString());
        TestHome copy = home.at(copyRoot);
        String originalClone = branchHead(home.root());
        String originalWorktree = worktreeState(home.root());

        assertThat(copy.run("run")).isZero();

        assertThat(TestHome.gitOut(home.origin(), "show", BRANCH + ":FEATURES.md")).isEqualTo("First part\nSecond part\n");
        assertThat(branchHead(copy.root())).as("the copy's own clone moved on").isNotEqualTo(originalClone);
        assertThat(branchHead(home.root())).as("the original's clone is untouched").isEqualTo(originalClone);
        assertThat(worktreeState(home.root())).as("the original's worktree is untouched").isEqualTo(originalWorktree);
        assertThat(TestHome.gitOut(copy.root().resolve(".nightshift/repos/shop"), "worktree", "list", "--porcelain"))
                .doesNotContain(home.root().toString() + "/");
    }

    private static String branchHead(Path homeRoot) {
        return TestHome.gitOut(homeRoot.resolve(".nightshift/repos/shop"), "rev-parse", BRANCH).strip();
    }

    private static String worktreeState(Path homeRoot) throws IOException {
        Path worktree = homeRoot.resolve(".nightshift/worktrees/shop/0001-feature");
        if (!Files.isDirectory(worktree)) {
            return "gone";
        }
        // A linked worktree (a home made by an earlier nightshift) names its clone in a .git file; a
        // working copy of its own holds a .git folder: its head says where it stands.
        Path dotGit = worktree.resolve(".git");
        String link = Files.isRegularFile(dotGit) ? Files.readString(dotGit)
                : TestHome.gitOut(worktree, "rev-parse", "HEAD");
        return link + "|" + TestHome.gitOut(worktree, "status", "--porcelain");
    }

    private static void shell(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }
}
