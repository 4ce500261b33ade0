package dev.nightshift.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How nightshift talks to the agent CLI: how the prompt goes in and how usage comes out. */
public enum AgentKind {
    @JsonProperty("claude") CLAUDE,
    @JsonProperty("codex") CODEX,
    @JsonProperty("aider") AIDER,
    @JsonProperty("generic") GENERIC
}
