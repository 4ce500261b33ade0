package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.order.PrIntent;
import dev.nightshift.order.QueueChange;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec's branch is brought up to date with base before the agent works; a conflict left unresolved blocks the spec. */
class MergeIntegrationTests {

    private static final String BRANCH = "nightshift/0001-feature";

    @TempDir
    Path dir;

    /** Pushes a commit changing src/version.sh to {@code ref} of the origin, from a clone of {@code from}. */
    private static void push(TestHome home, Path dir, String name, String from, String ref, String version) {
        Path other = dir.resolve(name);
        TestHome.gitOut(dir, "clone", "--quiet", "--branch", from, home.origin().toString(), other.toString());
        TestHome.write(other.resolve("src/version.sh"), "version() { echo " + version + "; }\n");
        TestHome.gitOut(other, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-am", version);
        TestHome.gitOut(other, "push", "--quiet", "origin", "HEAD:" + ref);
    }

    @Test
    void aBranchBehindBaseGetsBasesNewCommitsAndTheBuildGoesOn() {
        try (RealSteps steps = RealSteps.start(dir, "cat > /dev/null\n", "", "# Feature\n")) {
            TestHome.gitOut(steps.home.origin(), "branch", BRANCH, "main");
            push(steps.home, dir, "base-moves", "main", "main", "0.2.0");
            BuildContext build = steps.build(continued(steps));

            assertThat(steps.through(build, Clone.class, Merge.class).stops()).isFalse();

            assertThat(TestHome.gitOut(build.clone, "show", BRANCH + ":src/version.sh")).contains("0.2.0");
            assertThat(build.worktree).isEqualTo(steps.home.home().worktree("shop", "0001-feature"));
            assertThat(build.changes()).isEmpty();
        }
    }

    @Test
    void aConflictTheAgentLeavesUnresolvedBlocksTheSpecNamingTheFileAndKeepsTheBranch() {
        try (RealSteps steps = RealSteps.start(dir, "cat > /dev/null\necho 'looked at it'\n", "", "# Feature\n")) {
            TestHome.gitOut(steps.home.origin(), "branch", BRANCH, "main");
            push(steps.home, dir, "branch-moves", BRANCH, BRANCH, "0.1.1-feature");
            String branchTip = TestHome.gitOut(steps.home.origin(), "rev-parse", BRANCH).strip();
            push(steps.home, dir, "base-moves", "main", "main", "0.2.0");
            BuildContext build = steps.build(continued(steps));

            StepResult result = steps.through(build, Clone.class, Merge.class);

            assertThat(result.outcome()).isEqualTo(BuildOutcome.CONFLICT);
            assertThat(result.journal()).isTrue();
            assertThat(build.changes()).singleElement().isInstanceOfSatisfying(QueueChange.Block.class, block ->
                    assertThat(block.reason()).startsWith("Bringing " + BRANCH + " up to date failed: merging origin/main"
                            + " conflicts and the agent could not resolve it (conflict markers remain)")
                            .contains("Conflicting files: src/version.sh"));
            assertThat(TestHome.gitOut(build.clone, "rev-parse", BRANCH).strip()).as("left as it was")
                    .isEqualTo(branchTip);
        }
    }

    /** The order for a spec whose branch already exists. */
    private static WorkOrder continued(RealSteps steps) {
        return FakeOrders.order(steps.home, "shop", "0001-feature", PrIntent.CONTINUE, 1);
    }
}
