package dev.nightshift.batch;

import dev.nightshift.config.Home;
import dev.nightshift.spec.Workspace;
import dev.nightshift.store.BatchStatus;
import java.util.Optional;

/**
 * Does this batch stop before its first phase? When {@code wip-specs/PAUSE} exists, or nothing
 * is queued or active anywhere, no phase and no agent runs: it costs no tokens.
 *
 * @param status {@link BatchStatus#PAUSED} or {@link BatchStatus#IDLE}
 * @param reason the words the command prints and the record keeps
 */
public record StopEarly(BatchStatus status, String reason) {

    public static Optional<StopEarly> decide(Home home, Workspace workspace) {
        if (workspace.paused()) {
            return Optional.of(new StopEarly(BatchStatus.PAUSED, "paused: " + home.pauseFile() + " exists"));
        }
        if (workspace.idle()) {
            return Optional.of(new StopEarly(BatchStatus.IDLE, "idle: nothing queued or active"));
        }
        return Optional.empty();
    }

    public String message(String batchId) {
        return "batch " + batchId + " " + reason;
    }
}
