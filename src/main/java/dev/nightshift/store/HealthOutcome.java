package dev.nightshift.store;

/** How one production health check ended. */
public enum HealthOutcome {
    /** Answered with the expected status (and the expected body text, when one is set). */
    UP,
    /** Answered otherwise, or refused the connection: the detail says what came back. */
    DOWN,
    /** Gave no complete answer within the check's timeout. */
    TIMED_OUT;

    public boolean failing() {
        return this != UP;
    }

    /** How the report says what a URL did: "is up", "is down", "timed out". */
    public String verb() {
        return this == TIMED_OUT ? "timed out" : "is " + label();
    }

    /** The words of the report and status. */
    public String label() {
        return switch (this) {
            case UP -> "up";
            case DOWN -> "down";
            case TIMED_OUT -> "timed out";
        };
    }
}
