package dev.nightshift.agent;

import dev.nightshift.config.Home;
import dev.nightshift.exec.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the confined agent must see besides its working copy, though it lies where the sandbox
 * hides everything (nightshift's home): its prompt and the scripts its command line names, read-only;
 * the usage file its kind writes, writable.
 */
final class AgentSight {

    private AgentSight() {
    }

    /**
     * The prompt file and each file the command line names by its absolute path (the owner's agent
     * script). Nothing of nightshift's clone: the working copy is a repository of its own.
     */
    static List<Path> readOnly(Home home, String project, Path promptFile, List<String> words) {
        List<Path> shown = new ArrayList<>(List.of(promptFile));
        shown.addAll(Sandbox.filesNamedIn(words));
        return shown;
    }

    /**
     * The usage file (made empty now: only an existing file can be shown). The agent's own git
     * commands need nothing more: its working copy holds its own {@code .git}.
     */
    static List<Path> writable(Home home, String project, Path workDir, Path usageFile) {
        List<Path> shown = new ArrayList<>();
        if (usageFile != null) {
            try {
                Files.createDirectories(usageFile.getParent());
                if (!Files.exists(usageFile, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createFile(usageFile);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the usage file " + usageFile, e);
            }
            shown.add(usageFile);
        }
        return shown;
    }
}
