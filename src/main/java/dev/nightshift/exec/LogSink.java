package dev.nightshift.exec;

import dev.nightshift.secret.SecretMasker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.commons.exec.LogOutputStream;

/**
 * Where a command's output goes: line by line, secrets masked, into its log file; the last lines
 * are also kept for the report and for a fix attempt's prompt.
 */
final class LogSink implements AutoCloseable {

    static final int TAIL_LINES = 80;
    private static final int MAX_CAPTURE_CHARS = 32 * 1024 * 1024;

    private final BufferedWriter file;
    private final SecretMasker masker;
    private final Deque<String> tail = new ArrayDeque<>();
    private final StringBuilder captured;

    LogSink(Path logFile, SecretMasker masker, boolean capture) {
        this.masker = masker;
        this.captured = capture ? new StringBuilder() : null;
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            this.file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log " + logFile, e);
        }
    }

    /** A stream for one of the command's outputs; {@code stdout} streams also feed the capture. */
    LogOutputStream stream(boolean stdout) {
        return new LogOutputStream(0, StandardCharsets.UTF_8) {
            @Override
            protected void processLine(String line, int level) {
                line(line, stdout);
            }
        };
    }

    synchronized void note(String text) {
        line(text, false);
    }

    private synchronized void line(String raw, boolean stdout) {
        if (stdout && captured != null && captured.length() < MAX_CAPTURE_CHARS) {
            captured.append(raw).append('\n');
        }
        String masked = masker.mask(raw);
        try {
            file.write(masked);
            file.newLine();
            file.flush();
        } catch (IOException e) {
            // A full disk must not stop the command; the tail still holds the end of its output.
        }
        tail.addLast(masked);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    synchronized String tail() {
        return String.join("\n", tail);
    }

    synchronized String captured() {
        return captured == null ? "" : captured.toString();
    }

    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException ignored) {
            // nothing more can be done for a log that cannot be closed
        }
    }
}
