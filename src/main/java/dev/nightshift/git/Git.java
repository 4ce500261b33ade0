package dev.nightshift.git;

import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** git, always through the process runner: a timeout, no prompts, no editor, output to a log. */
@Component
public class Git {

    /** Long enough for a clone of a large repository; each call is also clamped to the phase's deadline. */
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final ProcessRunner runner;
    private final ProcessEnvironment environment;

    public Git(ProcessRunner runner, ProcessEnvironment environment) {
        this.runner = runner;
        this.environment = environment;
    }

    public ProcessResult run(Path dir, Path log, String... args) {
        return run(dir, log, List.of(args));
    }

    public ProcessResult run(Path dir, Path log, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(args);
        Map<String, String> env = environment.forGit(Map.of(
                "GIT_TERMINAL_PROMPT", "0",
                "GIT_EDITOR", "true",
                "GIT_MERGE_AUTOEDIT", "no",
                "LC_ALL", "C"));
        return runner.run(ProcessSpec.of("git " + args.get(0), command, dir, env, TIMEOUT, log).capturingStdout());
    }

    /** Runs git and returns its standard output, trimmed; a failure becomes a {@link GitException}. */
    public String out(Path dir, Path log, String... args) {
        ProcessResult result = run(dir, log, args);
        if (!result.succeeded()) {
            throw new GitException("git " + String.join(" ", args) + " failed (exit " + result.exitCode()
                    + (result.timedOut() ? ", timed out" : "") + "): " + lastLines(result.tail(), 6));
        }
        return result.stdout().strip();
    }

    public boolean ok(Path dir, Path log, String... args) {
        return run(dir, log, args).succeeded();
    }

    /** git's own words for a failure: its first fatal or error line, else its last line. */
    public static String reason(String output) {
        List<String> lines = output.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("$ ") && !l.startsWith("nightshift: ")).toList();
        return lines.stream().filter(l -> l.startsWith("fatal:") || l.startsWith("error:")).findFirst()
                .orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
    }

    static String lastLines(String text, int count) {
        List<String> lines = text.lines().filter(l -> !l.startsWith("$ ") && !l.startsWith("nightshift: ")).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
