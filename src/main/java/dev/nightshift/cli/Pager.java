package dev.nightshift.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Long text shown as git shows it: through {@code $PAGER} (else {@code less}, with {@code LESS=FRX}
 * unless set, so that a short text is printed and left on the screen) when standard output is a
 * terminal; printed as it is otherwise, or when no pager can start.
 */
final class Pager {

    /** Someone reading: long enough for any reading, and the pager still ends when it is left open. */
    private static final long MAX_READING_HOURS = 12;

    private Pager() {
    }

    static void show(String text, PrintStream out) {
        String pager = System.getenv("PAGER");
        List<String> words = Arrays.stream((pager == null || pager.isBlank() ? "less" : pager).strip().split("\\s+")).toList();
        if (System.console() == null || words.get(0).equals("cat")) {
            out.print(text);
            out.flush();
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(words).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putIfAbsent("LESS", "FRX");
        Process process;
        try {
            process = builder.start();
        } catch (IOException cannotStart) {
            out.print(text);
            out.flush();
            return;
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException quitEarly) {
            // The reader left the pager before the end: nothing more to show.
        }
        try {
            if (!process.waitFor(MAX_READING_HOURS, TimeUnit.HOURS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
