package dev.nightshift.spec;

import dev.nightshift.config.Home;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Could any project have queued or active work, judging by file names alone? A cheap look before
 * the queue is read: reading thousands of specs takes a second, and a batch that will work reads
 * them again anyway. Only a "no" is sure (no spec file waits anywhere): a "yes" may still turn
 * out idle once the specs are read (every waiting file broken, say), and {@link Workspace#idle()}
 * decides that.
 */
public final class QueueGlance {

    private QueueGlance() {
    }

    /** @param onlyProject when set, only that project's folders are looked at */
    public static boolean mayHaveWork(Home home, String onlyProject) {
        Path root = home.wipSpecs();
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (DirectoryStream<Path> projects = Files.newDirectoryStream(root)) {
            for (Path project : projects) {
                String name = project.getFileName().toString();
                if (name.startsWith("_") || name.startsWith(".") || (onlyProject != null && !onlyProject.equals(name))) {
                    continue;
                }
                if (hasSpecFile(project.resolve(SpecFolder.NEXT.folderName()))
                        || hasSpecFile(project.resolve(SpecFolder.ACTIVE.folderName()))) {
                    return true;
                }
            }
        } catch (IOException e) {
            // Not sure: the full read decides.
            return true;
        }
        return false;
    }

    private static boolean hasSpecFile(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".md") && !name.startsWith(".") && !name.endsWith(".why.md")) {
                    return true;
                }
            }
        }
        return false;
    }
}
