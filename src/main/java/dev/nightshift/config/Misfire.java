package dev.nightshift.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a daemon does about fires it missed while it was down. */
public enum Misfire {
    /** Fire once at start for all missed fires together, then keep the schedule. */
    @JsonProperty("fire-once") FIRE_ONCE,
    /** Forget missed fires; wait for the next one. */
    @JsonProperty("skip") SKIP
}
