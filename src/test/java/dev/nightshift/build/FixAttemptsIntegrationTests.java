package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.order.QueueChange;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's attempts on a fake order: only a commit whose guards and gate passed goes on to be
 * published; every other end stops the build with its outcome, and the work stays on the local branch.
 */
class FixAttemptsIntegrationTests {

    private static final String BRANCH = "nightshift/0001-feature";
    private static final Class<?>[] UP_TO = {Clone.class, Merge.class, WorkingCopy.class, FixAttempts.class};

    @TempDir
    Path dir;

    @Test
    void aPassingGateGoesOnWithTheTestedCommitAndTheRunsFollowUps() {
        try (RealSteps steps = RealSteps.start(dir, """
                cat > /dev/null
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                mkdir -p .nightshift/followups && printf '# Retry the webhook\\n' > .nightshift/followups/retry.md
                echo "did it" > .nightshift/note.md
                """, "", "# Feature\n")) {
            BuildContext build = steps.build(steps.order());

            assertThat(steps.through(build, UP_TO).stops()).isFalse();

            assertThat(TestHome.gitOut(build.clone, "show", build.tested + ":tests/test_feature.sh")).contains("true");
            assertThat(build.tally.lastGate.passed()).isTrue();
            assertThat(build.tally.note).isEqualTo("did it");
            assertThat(build.drafts).singleElement().satisfies(d -> assertThat(d.fileName()).isEqualTo("retry.md"));
            assertThat(build.changes()).as("nothing asked of the queue before publishing").isEmpty();
            assertThat(steps.home.originHasBranch(BRANCH)).as("nothing pushed yet").isFalse();
        }
    }

    @Test
    void aGateThatFailsEveryAttemptStopsWithItsReasonAndAJournalEntryPerAttempt() {
        try (RealSteps steps = RealSteps.start(dir, """
                cat > /dev/null
                printf '#!/usr/bin/env bash\\necho "expected 4 but was 5"; exit 1\\n' > tests/test_sum.sh
                """, "build: {fix-attempts: 1}\n", "# Sum\n")) {
            BuildContext build = steps.build(steps.order());

            StepResult result = steps.through(build, UP_TO);

            assertThat(result.outcome()).isEqualTo(BuildOutcome.TESTS_FAILED);
            assertThat(result.detail()).startsWith("the test command exited with 1");
            assertThat(result.journal()).as("each attempt was journalled already").isFalse();
            assertThat(build.changes()).hasSize(2).allSatisfy(c -> assertThat(c)
                    .isInstanceOfSatisfying(QueueChange.Journal.class, j -> assertThat(j.outcome())
                            .startsWith("tests failed (attempt ")));
            assertThat(build.recentJournal(5)).as("the fix attempt's prompt showed the first attempt's entry")
                    .contains("tests failed (attempt 1)");
            assertThat(build.tested).isNull();
            assertThat(steps.home.originHasBranch(BRANCH)).isFalse();
        }
    }

    @Test
    void anAgentThatRewritesItsSpecToDropTheVerifyCommandIsHeldAndTheSpecPutBack() {
        // Unconfined, the agent can reach the home: it rewrites its own spec without the verify that fails.
        // The spec is watched around the run: the rewrite holds the work before any gate, and is undone.
        try (RealSteps steps = RealSteps.start(dir, """
                cat > /dev/null
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                spec="$(cd "$(dirname "$0")/.." && pwd)/wip-specs/shop/next/0001-feature.md"
                printf '# Feature\\n' > "$spec"
                """, "", "---\nverify: bash -c 'echo never passes; exit 7'\n---\n# Feature\n")) {
            BuildContext build = steps.build(steps.order());

            StepResult result = steps.through(build, UP_TO);

            assertThat(steps.home.read("wip-specs/shop/next/0001-feature.md")).as("put back as planned")
                    .isEqualTo("---\nverify: bash -c 'echo never passes; exit 7'\n---\n# Feature\n");
            assertThat(result.outcome()).isEqualTo(BuildOutcome.GUARD_HELD);
            assertThat(result.detail()).startsWith(BuildOutcome.HOME_CHANGED).contains("wip-specs/shop/next/0001-feature.md");
            assertThat(steps.home.originHasBranch(BRANCH)).isFalse();
        }
    }

    @Test
    void aChangeToAProtectedPathIsHeldForAHumanAndTheSpecAskedToGoToBlocked() {
        try (RealSteps steps = RealSteps.start(dir, """
                cat > /dev/null
                mkdir -p .github/workflows && echo 'on: push' > .github/workflows/ci.yml
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                """, "", "# Feature\n")) {
            BuildContext build = steps.build(steps.order());

            StepResult result = steps.through(build, UP_TO);

            assertThat(result.outcome()).isEqualTo(BuildOutcome.GUARD_HELD);
            assertThat(result.journal()).isTrue();
            assertThat(build.changes()).singleElement().isInstanceOfSatisfying(QueueChange.Block.class, block ->
                    assertThat(block.reason()).contains(".github/workflows/ci.yml",
                            "nightshift-held/0001-feature/" + FakeOrders.BATCH));
            assertThat(TestHome.gitOut(build.clone, "show",
                    "nightshift-held/0001-feature/" + FakeOrders.BATCH + ":.github/workflows/ci.yml"))
                    .contains("on: push");
        }
    }

    @Test
    void anAgentThatFailsStopsAsTheAgentsFailureAndItsWorkStaysOnTheLocalBranch() {
        try (RealSteps steps = RealSteps.start(dir, """
                cat > /dev/null
                echo 'half done' > HALF.md
                echo 'it went wrong' >&2
                exit 3
                """, "", "# Feature\n")) {
            BuildContext build = steps.build(steps.order());

            StepResult result = steps.through(build, UP_TO);

            assertThat(result.outcome()).isEqualTo(BuildOutcome.AGENT_FAILED);
            assertThat(result.detail()).startsWith("the agent ");
            assertThat(TestHome.gitOut(build.clone, "show", BRANCH + ":HALF.md")).contains("half done");
            assertThat(build.changes()).isEmpty();
        }
    }
}
