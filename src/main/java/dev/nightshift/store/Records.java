package dev.nightshift.store;

import java.math.BigDecimal;
import java.time.Instant;

/** The rows nightshift keeps, as the store hands them out. */
public final class Records {

    private Records() {
    }

    public record Batch(String id, Instant startedAt, Instant endedAt, BatchStatus status, String triggerKind,
                        boolean dryRun, String projectFilter, Long pid, Long jobExecutionId, String note) {
    }

    public record Phase(String batchId, String phase, Instant startedAt, Instant endedAt, PhaseOutcome outcome,
                        String detail) {
    }

    public record InputProblem(String batchId, String project, String file, Integer line, String message) {
    }

    public record QueueSnapshot(String batchId, String project, int nextCount, int activeCount, int doneCount,
                                int blockedCount) {
    }

    /** The supervisor's choice for one project: a spec and task, or none with the reason. */
    public record PlanEntry(String batchId, String project, String spec, String task, Integer taskIndex,
                            String reason) {
        public boolean hasWork() {
            return spec != null;
        }
    }

    public record BuildResult(String batchId, String project, String spec, String task, BuildOutcome outcome,
                              String detail, String testTail, Long prId, String prAction, Long agentMillis,
                              BigDecimal costUsd, Integer testsRun, Integer testsPassed, String note,
                              Instant startedAt, Instant endedAt) {
    }

    public record AgentRun(Long id, String batchId, String project, String spec, String task, String purpose,
                           int attempt, String kind, Instant startedAt, Instant endedAt, Integer exitCode,
                           boolean timedOut, boolean succeeded, BigDecimal costUsd, boolean costEstimated,
                           Long inputTokens, Long outputTokens, Long cacheReadTokens, Long cacheWriteTokens,
                           String logPath, String summary) {
    }

    public record GateRun(Long id, String batchId, String project, String spec, String commandKind, int attempt,
                          Instant startedAt, Instant endedAt, Integer exitCode, boolean timedOut, Integer testsRun,
                          Integer testsPassed, Integer testsFailed, Integer testsSkipped, boolean passed,
                          String reason, String logPath, String tail) {
    }

    public record PullRequest(Long id, String project, String spec, String host, int number, String url,
                              String branch, String title, PullRequestState state, String headSha, String body,
                              Instant createdAt, Instant updatedAt, Instant closedAt) {
    }

    public record SpecMove(Long id, String batchId, String project, String spec, String fromFolder,
                           String toFolder, String reason, Instant movedAt) {
    }

    public record IntegrationRun(Long id, String batchId, String project, String commitSha, Instant startedAt,
                                 Instant endedAt, Integer exitCode, boolean timedOut, boolean passed,
                                 Integer testsRun, Integer testsPassed, Integer testsFailed, String logPath,
                                 String tail) {
    }

    public record MailDelivery(Long id, String batchId, String file, String subject, MailStatus status,
                               int attempts, String lastError, Instant createdAt, Instant sentAt) {
    }
}
