package dev.nightshift.cli;

import dev.nightshift.config.ConfigException;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SettingsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Has nightshift.yml changed since the daemon read the settings it runs with, and can the new
 * text be used? Compares the file's bytes, so an editor that rewrites the file or a change back
 * and forth is seen; each new text is read once, so an invalid file is reported once, not at
 * every look.
 */
final class SettingsWatch {

    /** What a look at the file found. */
    sealed interface Change {
        /** The same text as the last look. */
        record None() implements Change {
        }

        /** New text, valid: these settings. */
        record Valid(NightshiftSettings settings) implements Change {
        }

        /** New text that cannot be used, and why (file:line: key: problem). */
        record Invalid(ConfigException problem) implements Change {
        }
    }

    private final Home home;
    private final NightshiftSettings first;
    private byte[] seen;
    /** Why the file could not be read at the last look, so that it is said once. */
    private String unreadable;

    private SettingsWatch(Home home, byte[] seen, NightshiftSettings first) {
        this.home = home;
        this.seen = seen;
        this.first = first;
    }

    /**
     * Reads the settings to start with, and watches from there.
     *
     * @throws ConfigException when they are not valid: the daemon does not start on them
     */
    static SettingsWatch start(Home home) {
        byte[] content;
        try {
            content = content(home).orElse(null);
        } catch (IOException e) {
            throw new ConfigException(home.settingsFile(), 0, null, "cannot be read: " + e.getMessage());
        }
        return new SettingsWatch(home, content, SettingsFiles.readGlobal(home, content));
    }

    NightshiftSettings initial() {
        return first;
    }

    Change look() {
        byte[] content;
        try {
            content = content(home).orElse(null);
        } catch (IOException e) {
            String problem = "cannot be read: " + e.getMessage();
            if (problem.equals(unreadable)) {
                return new Change.None();
            }
            unreadable = problem;
            return new Change.Invalid(new ConfigException(home.settingsFile(), 0, null, problem));
        }
        unreadable = null;
        if (Arrays.equals(content, seen)) {
            return new Change.None();
        }
        seen = content;
        try {
            return new Change.Valid(SettingsFiles.readGlobal(home, content));
        } catch (ConfigException e) {
            return new Change.Invalid(e);
        }
    }

    /** The file's bytes; empty when there is none (every default applies). */
    private static Optional<byte[]> content(Home home) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(home.settingsFile()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
