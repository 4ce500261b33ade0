package dev.nightshift.agent;

import dev.nightshift.exec.ProcessResult;
import java.util.List;
import java.util.Optional;

/**
 * Did the agent command start its program, or did the launcher give up before the program did
 * anything? A shell or interpreter that cannot run what it was given ends with 126 (cannot
 * execute) or 127 (not found) and a line saying so, as {@code bash agent/run.sh} does when the
 * script is not in the worktree the agent runs in. That is the setup's problem, not the spec's.
 * A program that worked and printed more before such an exit is judged as any other failure.
 */
public final class ProgramStart {

    /** The launcher's own complaint is one line, sometimes two (a usage hint). */
    static final int MAX_LINES = 2;

    private ProgramStart() {
    }

    /**
     * @return "exit 127: bash: agent/run.sh: No such file or directory" when the program never
     *         started, else empty
     */
    public static Optional<String> failure(ProcessResult process) {
        if (process.timedOut() || (process.exitCode() != 126 && process.exitCode() != 127)) {
            return Optional.empty();
        }
        List<String> printed = process.tail().lines()
                .filter(l -> !l.startsWith("$ ") && !l.startsWith("nightshift: ") && !l.isBlank())
                .map(String::strip).toList();
        if (printed.size() > MAX_LINES) {
            return Optional.empty();
        }
        return Optional.of("exit " + process.exitCode() + (printed.isEmpty() ? "" : ": " + printed.get(0)));
    }

    /** The reason the owner reads: what failed, and where to fix it. */
    public static String reason(String failure, String key) {
        return "the agent command could not start its program (" + failure + "): check " + key
                + " in nightshift.yml; its working folder is the worktree, so give paths after the first word as"
                + " absolute paths";
    }
}
