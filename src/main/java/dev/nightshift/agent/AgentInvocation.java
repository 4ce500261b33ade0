package dev.nightshift.agent;

import java.nio.file.Path;
import java.util.List;

/**
 * How one agent run starts: its full command line and what goes to its standard input.
 *
 * @param usageFile a file, outside the worktree, where the agent writes its usage (aider's
 *                  analytics log); {@code null} when its output carries the usage
 */
public record AgentInvocation(List<String> command, String stdin, Path usageFile) {

    public AgentInvocation(List<String> command, String stdin) {
        this(command, stdin, null);
    }
}
