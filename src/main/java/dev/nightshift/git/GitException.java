package dev.nightshift.git;

/** A git command that failed; the message carries the command and the end of its output. */
public class GitException extends RuntimeException {

    public GitException(String message) {
        super(message);
    }
}
