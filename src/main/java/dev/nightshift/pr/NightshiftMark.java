package dev.nightshift.pr;

/**
 * The mark on every text nightshift posts on a pull request: an HTML comment, invisible on the
 * page, at the end of the body. Reading the review, a body that ends with it is nightshift's own
 * and is never read back as the owner's words.
 */
public final class NightshiftMark {

    public static final String MARK = "<!-- nightshift -->";

    private NightshiftMark() {
    }

    public static String mark(String body) {
        return isOurs(body) ? body : body.stripTrailing() + "\n\n" + MARK + "\n";
    }

    /** The text without the mark, stripped. */
    static String unmarked(String body) {
        String text = body.strip();
        return isOurs(text) ? text.substring(0, text.length() - MARK.length()).strip() : text;
    }

    public static boolean isOurs(String body) {
        return body != null && body.strip().endsWith(MARK);
    }
}
