package dev.nightshift.batch;

import dev.nightshift.config.Home;
import dev.nightshift.spec.QueueGlance;
import dev.nightshift.spec.Workspace;
import dev.nightshift.store.BatchStatus;
import java.nio.file.Files;
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
            return Optional.of(paused(home));
        }
        if (workspace.idle()) {
            return Optional.of(idle());
        }
        return Optional.empty();
    }

    /**
     * The same decision from the file names alone, where they settle it: the pause file exists, or
     * no spec file waits in any queue (of {@code projectFilter} only, when set); then no spec can be
     * queued or active, whatever the files hold. Empty when only reading the specs can tell: files
     * wait, and all of them may be broken.
     */
    public static Optional<StopEarly> glance(Home home, String projectFilter) {
        if (Files.exists(home.pauseFile())) {
            return Optional.of(paused(home));
        }
        if (!QueueGlance.mayHaveWork(home, projectFilter)) {
            return Optional.of(idle());
        }
        return Optional.empty();
    }

    private static StopEarly paused(Home home) {
        return new StopEarly(BatchStatus.PAUSED, "paused: " + home.pauseFile() + " exists");
    }

    private static StopEarly idle() {
        return new StopEarly(BatchStatus.IDLE, "idle: nothing queued or active");
    }

    public String message(String batchId) {
        return "batch " + batchId + " " + reason;
    }
}
