package dev.nightshift.cli;

import java.util.ArrayList;
import java.util.List;

/** Text for an 80-column terminal: long lines wrap at spaces under a hanging indent, never past the edge. */
final class TerminalText {

    static final int WIDTH = 80;

    private TerminalText() {
    }

    /** {@code first} opens the first line; the following lines start with as many spaces. */
    static List<String> wrap(String first, String text) {
        if (first.length() >= WIDTH / 2) {
            throw new IllegalArgumentException("an indent of " + first.length() + " leaves no room on the line");
        }
        String indent = " ".repeat(first.length());
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        for (String word : text.split(" ")) {
            String prefix = lines.isEmpty() ? first : indent;
            boolean empty = line.length() == prefix.length();
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
                empty = true;
            }
            // A single word longer than the line is cut, so that no line passes the edge.
            while (line.length() + word.length() > WIDTH) {
                int room = WIDTH - line.length();
                lines.add(line + word.substring(0, room));
                word = word.substring(room);
                line = new StringBuilder(indent);
            }
            line.append(empty ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
