package dev.nightshift.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A confined run's own HOME: made empty before the run, deleted with all it holds after it. Tools
 * that insist on a writable config folder (Claude Code writes {@code ~/.claude}) get one, and
 * nothing of the owner's home is in it.
 */
final class ScratchHome implements AutoCloseable {

    private final Path dir;

    private ScratchHome(Path dir) {
        this.dir = dir;
    }

    static ScratchHome create(Path root) {
        try {
            Files.createDirectories(root);
            return new ScratchHome(Files.createTempDirectory(root, "home-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch HOME in " + root, e);
        }
    }

    Path path() {
        return dir;
    }

    /** Deletes the folder without following a link the run left in it: a link is removed, not its target. */
    @Override
    public void close() {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attrs) throws IOException {
                    // A folder the run made unreadable or unwritable is still deleted.
                    folder.toFile().setWritable(true, true);
                    folder.toFile().setReadable(true, true);
                    folder.toFile().setExecutable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
                    Files.deleteIfExists(folder);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // What is left is inside nightshift's state folder, out of every later run's sight.
        }
    }
}
