package dev.nightshift.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the agent's sandbox keeps the network ({@code agent.sandbox-network}). */
public enum SandboxNetwork {
    /** The machine's network: the agent reaches its model's API. */
    @JsonProperty("host") HOST,
    /** No network at all (loopback only): for agents that need none. */
    @JsonProperty("none") NONE
}
