package dev.nightshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures that are not the spec's neither count in its streak nor break it. */
class BuildOutcomeTests {

    @Test
    void uncountedTestsARefusedKeyAndAnUnavailableServiceAreSkippedOverInTheStreak() {
        List<BuildOutcome> newestFirst = List.of(BuildOutcome.TESTS_FAILED, BuildOutcome.AGENT_UNAVAILABLE,
                BuildOutcome.AGENT_REFUSED, BuildOutcome.TESTS_NOT_COUNTED, BuildOutcome.BUDGET_STOPPED,
                BuildOutcome.AGENT_FAILED, BuildOutcome.PR_OPENED, BuildOutcome.TESTS_FAILED);

        assertThat(BuildOutcome.streakOf(newestFirst)).containsExactly(BuildOutcome.TESTS_FAILED, BuildOutcome.AGENT_FAILED);
    }

    @Test
    void theSetupsProblemsAreNamedForTheOwnerAndFailTheBatch() {
        for (BuildOutcome outcome : List.of(BuildOutcome.TESTS_NOT_COUNTED, BuildOutcome.AGENT_REFUSED,
                BuildOutcome.AGENT_UNAVAILABLE)) {
            assertThat(outcome.countsAgainstSpec()).as(outcome.name()).isFalse();
            assertThat(outcome.failed()).as(outcome.name()).isTrue();
        }
        assertThat(BuildOutcome.AGENT_REFUSED.setupProblem()).isTrue();
        assertThat(BuildOutcome.TESTS_NOT_COUNTED.label()).isEqualTo("tests not counted");
    }
}
