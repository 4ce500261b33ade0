package dev.nightshift.agent;

import java.util.List;

/** How one agent run starts: its full command line and what goes to its standard input. */
public record AgentInvocation(List<String> command, String stdin) {
}
