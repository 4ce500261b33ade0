package dev.nightshift.testcount;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A run's output as a reader sees it on a terminal: colours and cursor moves removed, and of a
 * line a progress bar rewrote with carriage returns, only what was left standing.
 */
final class OutputText {

    /** CSI sequences (colours, cursor moves) and OSC sequences (titles, links). */
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|\u001B[@-Z\\\\-_]");

    private OutputText() {
    }

    static List<String> lines(String output) {
        if (output == null || output.isEmpty()) {
            return List.of();
        }
        return ESCAPES.matcher(output).replaceAll("").replace("\r\n", "\n").lines()
                .map(OutputText::standing)
                .toList();
    }

    private static String standing(String line) {
        String text = line.replaceAll("\r+$", "");
        return text.substring(text.lastIndexOf('\r') + 1);
    }
}
