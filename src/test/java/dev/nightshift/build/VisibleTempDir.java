package dev.nightshift.build;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * A test's temporary folder under the build's {@code target/}, not under {@code /tmp}: the sandbox
 * replaces {@code /tmp} with an empty folder, so only outside it is the bare remote (and every other
 * file of the test but nightshift's home) there for a confined agent to see, read-only, as a real
 * remote would be there to reach.
 */
final class VisibleTempDir implements TempDirFactory {

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws Exception {
        Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
        return Files.createTempDirectory(target, "it-");
    }
}
