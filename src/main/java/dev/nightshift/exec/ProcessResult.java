package dev.nightshift.exec;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How an external command ended.
 *
 * @param exitCode the exit status; -1 when the command could not be started
 * @param timedOut whether its own timeout, or the phase's deadline, ended it
 * @param tail     the last lines of its output, secrets masked
 * @param stdout   its whole standard output when it was captured, otherwise empty
 */
public record ProcessResult(
        int exitCode,
        boolean timedOut,
        Duration elapsed,
        String tail,
        String stdout,
        Path logFile) {

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /** Ended by a signal (128 + n), as a killed or interrupted program reports it. */
    public boolean killedBySignal() {
        return exitCode > 128 && exitCode < 160;
    }
}
