package dev.nightshift.store;

import java.time.Instant;

/**
 * The rows of what nightshift observed around a batch, beside {@link Records}: the supervisor's
 * risks and review, production health checks, and the spec index.
 */
public final class Observations {

    private Observations() {
    }

    /** @param project {@code null} for a risk of the whole home (budget, disk) */
    public record Risk(Long id, String batchId, RiskKind kind, String project, String spec, String reason,
                       Instant createdAt) {
    }

    public record Review(String batchId, Long agentRunId, ReviewStatus status, String text, Instant createdAt) {
    }

    /** @param statusCode what the server answered; {@code null} when it gave no answer */
    public record HealthCheckResult(Long id, String batchId, String project, String url, int expected,
                                    Integer statusCode, HealthOutcome outcome, Long latencyMs, String detail,
                                    Instant checkedAt) {
    }

    public record SpecIndexEntry(String project, String spec, String folder, String path, String hash,
                                 String title, String firstSeenBatch, String lastSeenBatch, Instant changedAt,
                                 Instant removedAt) {
    }

    public record SpecIndexChange(Long id, String batchId, String project, String spec, SpecChange change,
                                  String detail) {
    }
}
