package dev.nightshift.build;

import dev.nightshift.agent.AgentRunner;
import dev.nightshift.config.Home;
import dev.nightshift.git.CandidateCommits;
import dev.nightshift.store.BuildOutcome;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * How does the build end when the agent's run did not succeed? Whose failure it was decides: the
 * budget and a command that could not start are not the spec's; a stop, a timeout or a failure
 * keeps the work on the local branch; after a failed gate, a fix run that fails leaves the gate's
 * failure standing.
 */
@Component
class AgentRunEnd {

    private final Home home;
    private final CandidateCommits candidates;
    private final BranchWork branches;

    AgentRunEnd(Home home, CandidateCommits candidates, BranchWork branches) {
        this.home = home;
        this.candidates = candidates;
        this.branches = branches;
    }

    StepResult stop(BuildContext build, AgentRunner.Outcome agent, Path agentLog) {
        GateResult lastGate = build.tally.lastGate;
        switch (agent.status()) {
            case BUDGET_STOPPED -> {
                return StepResult.stop(BuildOutcome.BUDGET_STOPPED, agent.result().summary());
            }
            case NOT_STARTED -> {
                // A setup problem (agent.command), not the spec's failure: it does not count.
                return StepResult.stop(BuildOutcome.FAILED, agent.result().summary());
            }
            case STOPPED -> {
                FixAttempts.keepWork(candidates, branches, build, "nightshift was told to stop");
                return StepResult.journalled(BuildOutcome.STOPPED, ProjectBuild.STOPPED_DETAIL);
            }
            case TIMED_OUT -> {
                FixAttempts.keepWork(candidates, branches, build, "the agent timed out");
                return StepResult.journalled(BuildOutcome.TIMED_OUT,
                        "the agent " + FailureDetail.of(agent.result().summary(), agentLog, home.root()));
            }
            case SERVICE_FAILED -> {
                // Not the spec's failure; a fix attempt's, after the gate failed, leaves that failure standing.
                FixAttempts.keepWork(candidates, branches, build, "the agent's run failed: " + agent.result().cause());
                String detail = ServiceFailure.detail(agent.result(), agentLog, home.root());
                return lastGate != null
                        ? StepResult.journalled(lastGate.failedOutcome(), lastGate.thenFixFailed(detail))
                        : StepResult.journalled(ServiceFailure.outcome(agent.result().cause()), detail);
            }
            default -> {
                FixAttempts.keepWork(candidates, branches, build, "the agent failed");
                String detail = "the agent " + FailureDetail.of(agent.result().summary(), agentLog, home.root());
                return lastGate != null
                        ? StepResult.journalled(lastGate.failedOutcome(), lastGate.thenFixFailed(detail))
                        : StepResult.journalled(BuildOutcome.AGENT_FAILED, detail);
            }
        }
    }
}
