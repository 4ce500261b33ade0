package dev.nightshift.agent;

import dev.nightshift.config.AgentKind;
import dev.nightshift.exec.ProcessResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** One kind of agent CLI: how the prompt goes in, and how result, cost and tokens come out. */
public interface CodingAgent {

    AgentKind kind();

    /**
     * @param words        {@code agent.command} split into words
     * @param prompt       the whole prompt
     * @param budgetLeftUsd what may still be spent; a kind that can cap a run passes it on
     */
    AgentInvocation invocation(List<String> words, String prompt, BigDecimal budgetLeftUsd);

    /**
     * As {@link #invocation(List, String, BigDecimal)}, for kinds that need a file of their own.
     *
     * @param scratch a path prefix unique to this run, outside the worktree, for such files
     */
    default AgentInvocation invocation(List<String> words, String prompt, BigDecimal budgetLeftUsd, Path scratch) {
        return invocation(words, prompt, budgetLeftUsd);
    }

    /** Reads the run's outcome; a timeout, a kill or exit 143 is a failure whatever came before. */
    AgentResult parse(ProcessResult process);

    /** As {@link #parse(ProcessResult)}, with the files the invocation named. */
    default AgentResult parse(ProcessResult process, AgentInvocation invocation) {
        return parse(process);
    }

    /** The last lines of the output, for a run that said nothing structured. */
    static String lastLines(String text, int count) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** The last lines the run printed on either stream, without nightshift's own notes in its log. */
    static String lastOutput(ProcessResult process, int count) {
        String printed = process.tail().lines()
                .filter(l -> !l.startsWith("$ ") && !l.startsWith("nightshift: "))
                .collect(Collectors.joining("\n"));
        return lastLines(printed, count);
    }

    static String failureOf(ProcessResult process) {
        if (process.timedOut()) {
            return "timed out after " + process.elapsed().toSeconds() + "s; its process tree was killed";
        }
        if (process.exitCode() == -1) {
            return "could not be started";
        }
        if (process.killedBySignal()) {
            return "killed by signal " + (process.exitCode() - 128);
        }
        return "exited with " + process.exitCode();
    }
}
