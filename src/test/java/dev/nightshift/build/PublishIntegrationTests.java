package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.order.QueueChange;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing the tested commit: pushed by its id, the pull request opened; the tick, the move to
 * active/ and the follow-ups come back as queue changes, and nothing of wip-specs/ is written here.
 */
class PublishIntegrationTests {

    private static final String BRANCH = "nightshift/0001-feature";

    @TempDir
    Path dir;

    @Test
    void theTestedCommitIsPushedAndThePullRequestOpenedAndTheQueuesChangesComeBack() {
        try (RealSteps steps = RealSteps.start(dir, """
                cat > /dev/null
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                mkdir -p .nightshift/followups
                printf '# Retry the webhook\\n' > .nightshift/followups/retry.md
                printf '# Feature\\n\\n## Tasks\\n- [ ] First part\\n' > .nightshift/followups/same-as-the-spec.md
                """, "", "# Feature\n\n## Tasks\n- [ ] First part\n- [ ] Second part\n")) {
            String before = steps.home.read("wip-specs/shop/next/0001-feature.md");
            BuildContext build = steps.build(steps.order());

            StepResult result = steps.through(build, Clone.class, Merge.class, WorkingCopy.class, FixAttempts.class,
                    Publish.class);

            assertThat(result.outcome()).isEqualTo(BuildOutcome.PR_OPENED);
            assertThat(result.published().pullRequest().number()).isEqualTo(1);
            assertThat(TestHome.gitOut(steps.home.origin(), "rev-parse", BRANCH).strip()).isEqualTo(build.tested);
            assertThat(build.changes()).containsExactly(
                    new QueueChange.FileFollowUp("retry", "---\norigin: agent\n---\n# Retry the webhook\n"),
                    new QueueChange.Tick(build.task),
                    new QueueChange.Activate("work started on " + BRANCH));
            assertThat(build.tally.followUps).as("a draft with the spec's own text is not filed").containsExactly("retry");
            assertThat(steps.home.read("wip-specs/shop/next/0001-feature.md")).as("not ticked by the step")
                    .isEqualTo(before);
            assertThat(steps.home.exists("wip-specs/shop/next/retry.md")).isFalse();
        }
    }
}
