package dev.nightshift.pr;

/** GitHub refused or could not answer a request; the message says which and why, never the token. */
public class GitHubException extends RuntimeException {

    private final int status;

    public GitHubException(String message) {
        this(message, 0);
    }

    public GitHubException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status; 0 when no response came. */
    public int status() {
        return status;
    }
}
