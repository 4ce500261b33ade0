package dev.nightshift.pr;

/**
 * One thing the owner asked on a pull request, as the agent is shown it and as nightshift answers it.
 *
 * @param id       the host's id of the comment or review (a review file's point: a number derived from its text)
 * @param path     the file a line comment is on, else {@code null}
 * @param line     its line in the file ({@code original_line} when the line is outdated), else {@code null}
 * @param diffHunk the diff around the line as the host shows it, else {@code null}
 * @param url      where the owner wrote it, for the answer; {@code null} when there is no address
 */
public record ReviewPoint(Kind kind, long id, String author, String path, Integer line, String diffHunk, String text,
                         String url) {

    /** Where the point was written. */
    public enum Kind {
        /** A review comment on a line of the diff: answered in its thread too. */
        LINE,
        /** The body of a review (changes requested, or a comment), or a local review file's free text. */
        REVIEW,
        /** A comment in the pull request's conversation. */
        CONVERSATION
    }

    /** "src/a.py:12" for a line comment, else the kind in words. */
    public String where() {
        if (path != null) {
            return line != null ? path + ":" + line : path;
        }
        return kind == Kind.REVIEW ? "review" : "conversation";
    }
}
