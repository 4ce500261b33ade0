package dev.nightshift.batch;

import dev.nightshift.store.BatchStatus;

/**
 * What a request for a batch came to.
 *
 * @param batchId {@code null} when no batch started (the lock was held)
 */
public record BatchResult(String batchId, BatchStatus status, int exitCode, String message) {

    /** Exit code of a batch that ran and in which nothing failed (also idle and paused). */
    public static final int OK = 0;
    /** Exit code of a batch that ran and in which something failed or timed out. */
    public static final int SOMETHING_FAILED = 1;
    /** Exit code for bad configuration or usage. */
    public static final int BAD_CONFIGURATION = 2;
    /** Exit code when another batch holds the lock. */
    public static final int LOCKED = 3;

    public static BatchResult locked(String holder) {
        return new BatchResult(null, null, LOCKED, "another batch holds the lock (" + holder + ")");
    }
}
