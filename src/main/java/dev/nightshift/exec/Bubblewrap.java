package dev.nightshift.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Is bubblewrap installed? Looked up on a {@code PATH} as a shell would, so a test can name one without it. */
public final class Bubblewrap {

    /** What the owner does when it is missing. */
    public static final String INSTALL = "install bubblewrap (apt-get install bubblewrap), or set agent.sandbox: none"
            + " in nightshift.yml to run the agent and the test commands unconfined";

    private Bubblewrap() {
    }

    /** The {@code bwrap} program in an absolute folder of {@code pathVariable}, if any. */
    public static Optional<Path> find(String pathVariable) {
        for (String dir : (pathVariable == null ? "" : pathVariable).split(":")) {
            if (!dir.isEmpty() && Path.of(dir).isAbsolute()) {
                Path candidate = Path.of(dir, "bwrap");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Why nothing confined can run, for the report, {@code status} and {@code doctor}. */
    public static String missing() {
        return "bubblewrap (bwrap) is not installed, and agent.sandbox is bwrap: the agent does not run unconfined";
    }
}
