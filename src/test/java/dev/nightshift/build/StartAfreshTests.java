package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.git.Git;
import dev.nightshift.git.Worktrees;
import dev.nightshift.order.PrIntent;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order's word on a closed pull request, carried out in nightshift's clone; nothing is decided here. */
class StartAfreshTests {

    private static final String BRANCH = "nightshift/0001-feature";

    @TempDir
    Path dir;

    private final Git git = FakeOrders.git();
    private TestHome home;
    private Path clone;
    private String oldWork;

    @BeforeEach
    void aCloneWhoseSpecBranchHoldsRejectedWork() {
        home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "active", "0001-feature", "# Feature\n");
        clone = home.home().clone("shop");
        TestHome.gitOut(dir, "clone", "--quiet", home.origin().toString(), clone.toString());
        TestHome.gitOut(clone, "checkout", "--quiet", "-b", BRANCH);
        TestHome.write(clone.resolve("rejected.txt"), "the owner said no\n");
        TestHome.gitOut(clone, "add", "--all");
        TestHome.gitOut(clone, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "rejected");
        oldWork = TestHome.gitOut(clone, "rev-parse", "HEAD").strip();
        TestHome.gitOut(clone, "checkout", "--quiet", "--detach");
    }

    private StepResult carryOut(PrIntent intent) {
        BuildContext build = FakeOrders.context(home.home(), FakeOrders.order(home, "shop", "0001-feature", intent, 51),
                false);
        build.clone = clone;
        return new StartAfresh(home.home(), git, new Worktrees(home.home(), git)).run(build);
    }

    @Test
    void afreshSetsTheOldBranchAsideUnderTheClosedPullRequestsNumber() {
        assertThat(carryOut(PrIntent.AFRESH).stops()).isFalse();

        assertThat(TestHome.gitOut(clone, "branch", "--list", BRANCH)).as("the next worktree starts from base").isBlank();
        assertThat(TestHome.gitOut(clone, "rev-parse", "nightshift-closed/0001-feature-pr51").strip())
                .as("the rejected work is kept, not deleted").isEqualTo(oldWork);
    }

    @Test
    void reopenContinuesTheBranchAsItIs() {
        assertThat(carryOut(PrIntent.REOPEN).stops()).isFalse();

        assertThat(TestHome.gitOut(clone, "rev-parse", BRANCH).strip()).isEqualTo(oldWork);
        assertThat(TestHome.gitOut(clone, "branch", "--list", "nightshift-closed/*")).isBlank();
    }

    @Test
    void newAndContinueLeaveTheBranchAlone() {
        assertThat(carryOut(PrIntent.NEW).stops()).isFalse();
        assertThat(carryOut(PrIntent.CONTINUE).stops()).isFalse();

        assertThat(TestHome.gitOut(clone, "rev-parse", BRANCH).strip()).isEqualTo(oldWork);
    }
}
