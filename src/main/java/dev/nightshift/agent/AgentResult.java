package dev.nightshift.agent;

import java.math.BigDecimal;

/**
 * What an agent's own output says about its run.
 *
 * @param succeeded     the agent's report and its exit agree that it finished without error
 * @param summary       its final message or the reason it failed, for the log and report
 * @param costUsd       {@code null} when the kind reports no cost
 * @param costEstimated the cost was computed from tokens and configured prices
 * @param cause         whose failure it was, when it failed ({@link FailureCause#WORK} also when it succeeded)
 */
public record AgentResult(boolean succeeded, String summary, BigDecimal costUsd, boolean costEstimated,
                          Long inputTokens, Long outputTokens, Long cacheReadTokens, Long cacheWriteTokens,
                          FailureCause cause) {

    public AgentResult {
        cause = cause == null ? FailureCause.WORK : cause;
    }

    public AgentResult(boolean succeeded, String summary, BigDecimal costUsd, boolean costEstimated,
                       Long inputTokens, Long outputTokens, Long cacheReadTokens, Long cacheWriteTokens) {
        this(succeeded, summary, costUsd, costEstimated, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens,
                FailureCause.WORK);
    }

    /** A failure that is not the work's own: the setup's or the service's. */
    public boolean notTheWorks() {
        return !succeeded && !cause.specsOwn();
    }

    public static AgentResult withoutUsage(boolean succeeded, String summary) {
        return new AgentResult(succeeded, summary, null, false, null, null, null, null);
    }
}
