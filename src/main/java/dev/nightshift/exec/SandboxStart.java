package dev.nightshift.exec;

/**
 * Did bubblewrap start the confined command? When it cannot (the program is not there, a path it
 * must show is gone, namespaces are not allowed here) it says so on a line of its own that starts
 * with "bwrap: " and exits with 1, before the command ran at all.
 */
final class SandboxStart {

    private static final String PREFIX = "bwrap: ";

    private SandboxStart() {
    }

    /** The reason bubblewrap gave for not starting the command, or {@code null} when it started. */
    static String failure(int exit, String tail) {
        if (exit != 1) {
            return null;
        }
        return tail.lines().filter(l -> !l.startsWith("$ ") && !l.startsWith("nightshift: ") && !l.isBlank())
                .findFirst().filter(l -> l.startsWith(PREFIX)).map(l -> l.substring(PREFIX.length()).strip())
                .orElse(null);
    }
}
