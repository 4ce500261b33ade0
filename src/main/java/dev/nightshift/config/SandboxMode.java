package dev.nightshift.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the agent and the project's test commands are confined ({@code agent.sandbox}). */
public enum SandboxMode {
    /**
     * In a bubblewrap sandbox: the working copy and a scratch HOME writable, the rest of the file
     * system read-only, nightshift's home and the owner's home out of sight, their own PID
     * namespace. Without bubblewrap installed the agent does not run.
     */
    @JsonProperty("bwrap") BWRAP,
    /** Unconfined, as the owner's own processes: the owner's explicit choice, said in every report. */
    @JsonProperty("none") NONE
}
