package dev.nightshift.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One external command to run: what, where, with which environment, for how long at most, and
 * where its output goes.
 *
 * @param env           the complete environment (already reduced to an allow-list), not additions
 * @param stdin         text written to the process's standard input before end of file; {@code null}
 *                      for an empty standard input
 * @param timeout       mandatory: at the limit the whole process tree is killed
 * @param logFile       every line of standard output and error, secrets masked
 * @param captureStdout whether standard output is also kept in memory (for parsing a result)
 * @param confinement   the sandbox it runs in ({@link Sandbox}); {@code null} for none
 */
public record ProcessSpec(
        String label,
        List<String> command,
        Path workDir,
        Map<String, String> env,
        String stdin,
        Duration timeout,
        Path logFile,
        boolean captureStdout,
        Confinement confinement) {

    public ProcessSpec {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(timeout, "every external process needs a timeout");
        Objects.requireNonNull(logFile, "logFile");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command for " + label);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout of " + label + " must be positive, was " + timeout);
        }
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    public static ProcessSpec of(String label, List<String> command, Path workDir, Map<String, String> env,
                                 Duration timeout, Path logFile) {
        return new ProcessSpec(label, command, workDir, env, null, timeout, logFile, false, null);
    }

    public ProcessSpec withStdin(String text) {
        return new ProcessSpec(label, command, workDir, env, text, timeout, logFile, captureStdout, confinement);
    }

    public ProcessSpec capturingStdout() {
        return new ProcessSpec(label, command, workDir, env, stdin, timeout, logFile, true, confinement);
    }

    /** The same command in a bubblewrap sandbox; ask {@link Sandbox} for one. */
    public ProcessSpec confined(Confinement sandbox) {
        return new ProcessSpec(label, command, workDir, env, stdin, timeout, logFile, captureStdout, sandbox);
    }
}
