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

    static void show(String shownText, PrintStream out) {
        String text = visible(shownText);
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

    /**
     * The text with its control characters made visible ({@code ^[} for an escape, as {@code less}
     * shows it): what is shown is the agent's body and diff, and a terminal obeys escape sequences
     * even through {@code less -R}, which lets colours pass; one could hide a line of the diff from
     * the owner, retitle the window or write the clipboard. Tabs and line ends stay; a carriage
     * return that ends no line could write over the line before it; a bidirectional override
     * could show code in another order than it runs, so it is named instead.
     */
    static String visible(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineEnd = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
            boolean bidi = c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
            if (bidi) {
                shown.append(String.format("<U+%04X>", (int) c));
            } else if (c == '\n' || c == '\t' || lineEnd || c >= ' ' && c < 0x7f || c > 0x9f) {
                shown.append(c);
            } else if (c < ' ' || c == 0x7f) {
                shown.append('^').append((char) (c ^ 0x40));
            } else {
                shown.append(String.format("\\x%02x", (int) c));
            }
        }
        return shown.toString();
    }
}
