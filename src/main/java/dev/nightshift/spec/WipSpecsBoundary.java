package dev.nightshift.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Does a path under wip-specs stay inside it once its links are followed? nightshift moves specs,
 * writes reasons and appends notes there, so a link that leads out (or nowhere: writing through
 * it would create its target) would let a file in the queue steer a write outside the home.
 */
final class WipSpecsBoundary {

    private final Path realRoot;

    WipSpecsBoundary(Path root) {
        this.realRoot = realPath(root);
    }

    /** True for a path that does not exist at all (nothing to follow) or whose real path is inside. */
    boolean contains(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        Path real = realPath(path);
        return real != null && realRoot != null && real.startsWith(realRoot);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }
}
