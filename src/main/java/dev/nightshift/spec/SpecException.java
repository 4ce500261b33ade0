package dev.nightshift.spec;

import java.nio.file.Path;

/** A spec file nightshift cannot use, with the line and what is wrong; the spec is skipped. */
public class SpecException extends RuntimeException {

    private final transient Path file;
    private final int line;

    public SpecException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
