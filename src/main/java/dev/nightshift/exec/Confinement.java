package dev.nightshift.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a command confined by bubblewrap may see and change. Everything else of the file system is
 * read-only; the working folder and a scratch HOME (fresh for the run, deleted after it) are
 * writable; the folders in {@code hidden} are replaced by empty ones.
 *
 * @param bwrap       the bubblewrap program, or {@code null} when it is not installed: the command then
 *                    does not start, and {@code missing} says why
 * @param missing     why the sandbox cannot run, for the owner; {@code null} when {@code bwrap} is set
 * @param hidden      folders out of sight: nightshift's home, the owner's home
 * @param readOnly    files inside hidden folders shown again read-only (the prompt, the agent's script)
 * @param writable    paths besides the working folder shown again writable
 * @param network     whether the command keeps the machine's network
 * @param scratchRoot where the run's scratch HOME is made
 */
public record Confinement(Path bwrap, String missing, List<Path> hidden, List<Path> readOnly, List<Path> writable,
                          boolean network, Path scratchRoot) {

    public Confinement {
        Objects.requireNonNull(scratchRoot, "scratchRoot");
        if (bwrap == null && (missing == null || missing.isBlank())) {
            throw new IllegalArgumentException("a confinement without bubblewrap must say why it is missing");
        }
        hidden = List.copyOf(hidden);
        readOnly = List.copyOf(readOnly);
        writable = List.copyOf(writable);
    }

    /** The same confinement with further paths shown again. */
    public Confinement showing(List<Path> alsoReadOnly, List<Path> alsoWritable) {
        List<Path> read = new java.util.ArrayList<>(readOnly);
        read.addAll(alsoReadOnly);
        List<Path> write = new java.util.ArrayList<>(writable);
        write.addAll(alsoWritable);
        return new Confinement(bwrap, missing, hidden, read, write, network, scratchRoot);
    }

    public Confinement withNetwork(boolean keep) {
        return new Confinement(bwrap, missing, hidden, readOnly, writable, keep, scratchRoot);
    }
}
