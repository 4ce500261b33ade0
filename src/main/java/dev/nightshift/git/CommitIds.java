package dev.nightshift.git;

/** A commit id as the owner reads it in logs, risks and reports: its first ten characters. */
public final class CommitIds {

    private static final int SHORT = 10;

    private CommitIds() {
    }

    public static String shortId(String sha) {
        return sha.substring(0, Math.min(SHORT, sha.length()));
    }
}
