package dev.nightshift.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Can an agent command line be started, and with which program? Its first word names the program:
 * a path (absolute, or relative to the home, as {@code doctor} reads it) to an executable file, or
 * a name found on {@code PATH}. A command that cannot be started is a setup problem, named with
 * the setting it came from; it is never the spec's failure.
 */
public final class AgentCommand {

    /**
     * A command line resolved.
     *
     * @param words   the command split into words; a relative path in the first made absolute (the agent
     *                runs in its worktree, the path is read from the home)
     * @param problem why it cannot be started (for "the agent command "X" is not on PATH (agent.command in
     *                nightshift.yml)"), or {@code null}
     */
    public record Resolved(List<String> words, String problem) {
        public boolean startable() {
            return problem == null;
        }
    }

    private AgentCommand() {
    }

    /**
     * @param commandLine  the setting's value
     * @param key          the setting it came from, as the owner writes it ({@code agent.command})
     * @param home         the home folder: a relative path is read from it
     * @param pathVariable the {@code PATH} the agent gets
     */
    public static Resolved resolve(String commandLine, String key, Path home, String pathVariable) {
        List<String> words;
        try {
            words = commandLine == null ? List.of() : CommandWords.split(commandLine);
        } catch (IllegalArgumentException e) {
            return new Resolved(List.of(), "the agent command \"" + commandLine + "\" cannot be read: " + e.getMessage()
                    + " (" + key + " in nightshift.yml)");
        }
        if (words.isEmpty()) {
            return new Resolved(List.of(), "the agent command is empty (" + key + " in nightshift.yml)");
        }
        String program = words.get(0);
        Optional<Path> found = find(program, home, pathVariable);
        if (found.isEmpty()) {
            return new Resolved(words, "the agent command \"" + program + "\" "
                    + (program.contains("/") ? "is not an executable file" : "is not on PATH") + " (" + key
                    + " in nightshift.yml)");
        }
        if (!program.contains("/") || Path.of(program).isAbsolute()) {
            return new Resolved(List.copyOf(words), null);
        }
        List<String> resolved = new ArrayList<>(words);
        resolved.set(0, found.get().toString());
        return new Resolved(List.copyOf(resolved), null);
    }

    /**
     * Where the program of a command line is: a path (absolute, or relative to {@code home}) to an
     * executable file, or an executable of that name in an absolute folder of {@code pathVariable}.
     */
    public static Optional<Path> find(String program, Path home, String pathVariable) {
        if (program.contains("/")) {
            Path path = Path.of(program).isAbsolute() ? Path.of(program) : home.resolve(program).normalize();
            return executable(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
        }
        for (String dir : (pathVariable == null ? "" : pathVariable).split(":")) {
            // An empty entry would mean the working folder: the agent's worktree, which the agent writes.
            if (!dir.isEmpty() && Path.of(dir).isAbsolute()) {
                Path candidate = Path.of(dir, program);
                if (executable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean executable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
