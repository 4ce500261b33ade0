package dev.nightshift.build;

import dev.nightshift.agent.AgentResult;
import dev.nightshift.agent.FailureCause;
import dev.nightshift.store.BuildOutcome;
import java.nio.file.Path;

/**
 * What becomes of a build whose agent run failed for a reason outside the work: which outcome it
 * is recorded as (never one that counts against the spec), and what the owner reads: the agent's
 * own message and what to do.
 */
final class ServiceFailure {

    private ServiceFailure() {
    }

    static BuildOutcome outcome(FailureCause cause) {
        return switch (cause) {
            case BUDGET_CAP -> BuildOutcome.BUDGET_STOPPED;
            case AUTHENTICATION -> BuildOutcome.AGENT_REFUSED;
            case SERVICE -> BuildOutcome.AGENT_UNAVAILABLE;
            case WORK -> throw new IllegalArgumentException("the work's own failure is the spec's");
        };
    }

    static String detail(AgentResult result, Path agentLog, Path home) {
        return "the agent " + FailureDetail.of(result.summary(), agentLog, home) + ". " + result.cause().whatToDo();
    }
}
