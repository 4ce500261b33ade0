package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.git.Git;
import dev.nightshift.git.Worktrees;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent works in a copy of the spec's branch that is a repository of its own, not nightshift's clone. */
class WorkingCopyTests {

    @TempDir
    Path dir;

    @Test
    void theAgentsCopyHoldsTheBranchsFilesInARepositoryOfItsOwn() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        Git git = FakeOrders.git();
        BuildContext build = FakeOrders.context(home.home(), FakeOrders.order(home, "shop", "0001-feature"), false);
        build.clone = home.home().clone("shop");
        TestHome.gitOut(dir, "clone", "--quiet", "--no-checkout", home.origin().toString(), build.clone.toString());
        Worktrees worktrees = new Worktrees(home.home(), git);
        build.worktree = worktrees.prepare(build.clone, "shop", "0001-feature", "nightshift/0001-feature", "main",
                build.gitLog).path();

        assertThat(new WorkingCopy(worktrees).run(build).stops()).isFalse();

        assertThat(build.worktree.resolve("tests/run.sh")).exists();
        assertThat(TestHome.gitOut(build.worktree, "rev-parse", "--absolute-git-dir").strip())
                .as("its own repository: what the agent does to it never reaches the clone's")
                .doesNotStartWith(build.clone.toString());
        assertThat(Files.isDirectory(build.worktree.resolve(".git"))).isTrue();
    }
}
