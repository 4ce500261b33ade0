package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.store.BuildOutcome;
import org.junit.jupiter.api.Test;

/** A blocked spec's .why.md says where the owner's fix belongs, by how the spec last failed. */
class WhereTheFixBelongsTests {

    @Test
    void eachWayOfFailingNamesItsPlace() {
        assertThat(RetryBudget.whereTheFixBelongs(BuildOutcome.TESTS_FAILED)).contains("the spec", "`test` in project.yml");
        assertThat(RetryBudget.whereTheFixBelongs(BuildOutcome.AGENT_FAILED)).contains("nightshift.yml", "agent.command");
        assertThat(RetryBudget.whereTheFixBelongs(BuildOutcome.TIMED_OUT)).contains("timeouts.agent");
        assertThat(RetryBudget.whereTheFixBelongs(BuildOutcome.GUARD_HELD)).contains("paths and protected in project.yml");
        assertThat(RetryBudget.whereTheFixBelongs(BuildOutcome.CONFLICT)).contains("the spec");
    }
}
