package dev.nightshift.spec;

import java.nio.file.Path;

/** Something wrong with one of the owner's files; only what it concerns is skipped. */
public record FileProblem(String project, Path file, int line, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
