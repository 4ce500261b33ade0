package dev.nightshift.batch;

import dev.nightshift.config.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a batch that died left in {@code .nightshift/} besides its worktrees: the prompts
 * of its agent runs (each holds a whole spec) with their scratch folders and half-written
 * temporary files, and the working folder of its supervisor review. A batch that ends normally
 * removes these itself; one killed mid-run never gets to.
 */
final class DeadBatchFiles {

    private static final Logger log = LoggerFactory.getLogger(DeadBatchFiles.class);

    private DeadBatchFiles() {
    }

    /** @return how many files and folders were removed, each counted once at its top */
    static int remove(Home home, String deadBatch) {
        int removed = 0;
        // Prompts and scratch folders are named after the run's marker, which starts with the
        // batch id and "@" (the temporary file of an unfinished write starts with a dot before it).
        try (Stream<Path> entries = list(home.prompts())) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(deadBatch + "@") || name.startsWith("." + deadBatch + "@")) {
                    removed += delete(entry);
                }
            }
        }
        Path review = home.state().resolve("review").resolve(deadBatch);
        if (Files.exists(review)) {
            removed += delete(review);
        }
        return removed;
    }

    private static Stream<Path> list(Path folder) {
        try {
            return Files.isDirectory(folder) ? Files.list(folder) : Stream.empty();
        } catch (IOException e) {
            log.warn("cannot look into {}: {}", folder, e.getMessage());
            return Stream.empty();
        }
    }

    private static int delete(Path top) {
        try (Stream<Path> tree = Files.walk(top)) {
            List<Path> deepestFirst = tree.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
            return 1;
        } catch (IOException e) {
            log.warn("cannot remove {}, left by a batch that died: {}", top, e.getMessage());
            return 0;
        }
    }
}
