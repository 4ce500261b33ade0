package dev.nightshift.io;

/**
 * A failure in one line for the owner: the root cause's words, not the wrappers' that frameworks
 * put around it. The one place where a chain of causes is walked for a message.
 */
public final class RootCause {

    private RootCause() {
    }

    /** The root cause's message, or its kind when it has none. */
    public static String message(Throwable failure) {
        Throwable root = root(failure);
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /**
     * The root cause's kind and message, except that a file nightshift could not write is named by
     * the message that says which file (a full disk's root cause names none).
     */
    public static String describe(Throwable failure) {
        Throwable io = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException && t.getMessage() != null) {
                io = t;
                break;
            }
        }
        Throwable shown = io != null ? io : root(failure);
        String message = shown.getMessage();
        return shown.getClass().getSimpleName() + (message != null ? ": " + message : "");
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
