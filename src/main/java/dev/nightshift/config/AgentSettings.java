package dev.nightshift.config;

import java.util.List;

/**
 * The coding agent: its kind, its command line (split as a shell would, never run by one) and
 * the only environment variables it may see besides PATH, HOME, LANG and TERM.
 *
 * @param prices         what its model costs, for kinds that report tokens but no cost (codex)
 * @param sandbox        how the agent and the project's test commands are confined (default bwrap)
 * @param sandboxNetwork whether the agent's sandbox keeps the network (default host)
 */
public record AgentSettings(AgentKind kind, String command, List<String> env, AgentPrices prices,
                            SandboxMode sandbox, SandboxNetwork sandboxNetwork) {

    public static final String CLAUDE_COMMAND =
            "claude -p --output-format json --dangerously-skip-permissions --max-turns 60";

    public AgentSettings {
        kind = kind != null ? kind : AgentKind.CLAUDE;
        if (command == null || command.isBlank()) {
            command = defaultCommand(kind);
        }
        env = env != null ? List.copyOf(env) : defaultEnv(kind);
        prices = prices != null ? prices : AgentPrices.defaults();
        sandbox = sandbox != null ? sandbox : SandboxMode.BWRAP;
        sandboxNetwork = sandboxNetwork != null ? sandboxNetwork : SandboxNetwork.HOST;
        EnvironmentNames.checkAgentEnv("env", env, null);
    }

    /** With the default sandbox (bwrap, host network). */
    public AgentSettings(AgentKind kind, String command, List<String> env, AgentPrices prices) {
        this(kind, command, env, prices, null, null);
    }

    public static AgentSettings defaults() {
        return new AgentSettings(null, null, null, null);
    }

    private static String defaultCommand(AgentKind kind) {
        return switch (kind) {
            case CLAUDE -> CLAUDE_COMMAND;
            case CODEX -> "codex exec --json --dangerously-bypass-approvals-and-sandbox";
            case AIDER -> "aider --yes-always --no-auto-commits --no-pretty --no-stream";
            case GENERIC -> throw new InvalidSettingException("command",
                    "is missing; kind generic needs the program that reads the prompt on stdin");
        };
    }

    private static List<String> defaultEnv(AgentKind kind) {
        return switch (kind) {
            case CLAUDE -> List.of("ANTHROPIC_API_KEY");
            case CODEX -> List.of("OPENAI_API_KEY");
            case AIDER -> List.of("ANTHROPIC_API_KEY", "OPENAI_API_KEY");
            case GENERIC -> List.of();
        };
    }
}
