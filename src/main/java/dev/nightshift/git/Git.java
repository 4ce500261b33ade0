package dev.nightshift.git;

import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * git, always through the process runner: a timeout, no prompts, no editor, output to a log. It
 * never runs a hook and never reads configuration an agent could have written: the owner's global
 * and system configuration are ignored, and every setting that makes git run a program or read a
 * file of someone else's choosing is pinned on the command line, where no configuration file
 * overrides it.
 */
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

    /**
     * Pinned for every command, as if given with {@code -c} (through {@code GIT_CONFIG_COUNT}, so
     * that no repository's or user's configuration file overrides them). A hook, an fsmonitor, an
     * ssh command, a pager, a credential helper, a global ignore or attributes file are all
     * programs or files that a configuration could name; an agent that wrote such a setting into a
     * repository's config would have its code run by nightshift, with the owner's access to the
     * remote.
     */
    static final List<Map.Entry<String, String>> PINNED = List.of(
            Map.entry("core.hooksPath", "/dev/null"),
            Map.entry("core.fsmonitor", "false"),
            Map.entry("core.untrackedCache", "false"),
            Map.entry("core.sshCommand", "ssh"),
            Map.entry("core.pager", "cat"),
            Map.entry("core.askPass", ""),
            Map.entry("core.excludesFile", "/dev/null"),
            Map.entry("core.attributesFile", "/dev/null"),
            Map.entry("credential.helper", ""),
            Map.entry("protocol.ext.allow", "never"),
            Map.entry("uploadpack.packObjectsHook", ""),
            Map.entry("commit.gpgSign", "false"),
            Map.entry("tag.gpgSign", "false"),
            Map.entry("submodule.recurse", "false"),
            Map.entry("gc.auto", "0"),
            Map.entry("maintenance.auto", "false"));

    /**
     * The environment every git command gets on top of the allow-list: no global, system or XDG
     * configuration, and nightshift's own name on every commit it makes.
     */
    static final Map<String, String> ISOLATION = isolated(Map.ofEntries(
            Map.entry("GIT_AUTHOR_NAME", "nightshift"),
            Map.entry("GIT_AUTHOR_EMAIL", "nightshift@localhost"),
            Map.entry("GIT_COMMITTER_NAME", "nightshift"),
            Map.entry("GIT_COMMITTER_EMAIL", "nightshift@localhost"),
            Map.entry("GIT_CONFIG_NOSYSTEM", "1"),
            Map.entry("GIT_CONFIG_GLOBAL", "/dev/null"),
            Map.entry("GIT_ATTR_NOSYSTEM", "1"),
            // Replacement objects would make a commit read as another: nightshift reads history as it is.
            Map.entry("GIT_NO_REPLACE_OBJECTS", "1"),
            Map.entry("XDG_CONFIG_HOME", "/dev/null"),
            Map.entry("GIT_TERMINAL_PROMPT", "0"),
            Map.entry("GIT_EDITOR", "true"),
            Map.entry("GIT_MERGE_AUTOEDIT", "no"),
            Map.entry("GIT_ASKPASS", ""),
            Map.entry("LC_ALL", "C")));

    private static Map<String, String> isolated(Map<String, String> variables) {
        Map<String, String> all = new LinkedHashMap<>(variables);
        all.put("GIT_CONFIG_COUNT", Integer.toString(PINNED.size()));
        for (int i = 0; i < PINNED.size(); i++) {
            all.put("GIT_CONFIG_KEY_" + i, PINNED.get(i).getKey());
            all.put("GIT_CONFIG_VALUE_" + i, PINNED.get(i).getValue());
        }
        return Map.copyOf(all);
    }

    public ProcessResult run(Path dir, Path log, List<String> args) {
        return run(dir, log, Map.of(), args);
    }

    /** Runs git with further variables (e.g. a temporary {@code GIT_INDEX_FILE}); the isolation always wins. */
    public ProcessResult run(Path dir, Path log, Map<String, String> extra, List<String> args) {
        Map<String, String> variables = new LinkedHashMap<>(extra);
        variables.putAll(ISOLATION);
        return runner.run(ProcessSpec.of("git " + args.get(0), command(args), dir, environment.forGit(variables),
                TIMEOUT, log).capturingStdout());
    }

    /** The command line for git with {@code args}; run it with {@link #isolation()} in its environment. */
    public static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(args);
        return command;
    }

    /**
     * The variables that keep git away from global, system and XDG configuration and pin every
     * risky setting; for anyone who launches git.
     */
    public static Map<String, String> isolation() {
        return ISOLATION;
    }

    /** Like {@link #out(Path, Path, String...)}, with further variables. */
    public String out(Path dir, Path log, Map<String, String> extra, String... args) {
        ProcessResult result = run(dir, log, extra, List.of(args));
        if (!result.succeeded()) {
            throw failure(args, result);
        }
        return result.stdout().strip();
    }

    /** Runs git and returns its standard output, trimmed; a failure becomes a {@link GitException}. */
    public String out(Path dir, Path log, String... args) {
        return printed(dir, log, args).strip();
    }

    /**
     * Like {@link #out(Path, Path, String...)}, with the output as git printed it but for its last
     * line end: for output laid out in columns, whose first line may begin with a space.
     */
    public String printed(Path dir, Path log, String... args) {
        ProcessResult result = run(dir, log, args);
        if (!result.succeeded()) {
            throw failure(args, result);
        }
        return result.stdout().stripTrailing();
    }

    private static GitException failure(String[] args, ProcessResult result) {
        return new GitException("git " + String.join(" ", args) + " failed (exit " + result.exitCode()
                + (result.timedOut() ? ", timed out" : "") + "): " + lastLines(result.tail(), 6));
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
