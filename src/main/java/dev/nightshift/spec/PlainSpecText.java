package dev.nightshift.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Is this spec's markdown plain enough to be read line by line, with the very result commonmark
 * gives? Then its front matter's place, its title and its {@code ## Tasks} list are read here, about
 * ten times faster: a queue of 10,000 specs spent most of its read in commonmark, in every command
 * that reads the queue ({@code status} among them). Plain means: no line indented or with a tab,
 * no block quote, fence, HTML block, table, link definition, thematic break or underlined heading,
 * headings of plain words only, and list items that start a list only where commonmark surely
 * does. Anything else is left to commonmark, which reads it or names its problem.
 */
final class PlainSpecText {

    /**
     * Where the parts are.
     *
     * @param frontMatterEnd the line of the front matter's closing {@code ---}, or -1 when it has none
     * @param title          the first level-1 heading's text, or {@code null}
     * @param tasks          the items of the lists under {@code ## Tasks}
     */
    record Layout(int frontMatterEnd, String title, List<SpecTask> tasks) {
    }

    private static final Pattern HEADING = Pattern.compile("(#{1,6})(?: +(.*))?");
    /** Words, numbers and the punctuation the inline parser leaves as it is; single spaces. */
    private static final Pattern PLAIN_WORDS = Pattern.compile("[\\p{L}\\p{N}.,:;'\"()/?+=%$@-]+(?: [\\p{L}\\p{N}.,:;'\"()/?+=%$@-]+)*");
    private static final Pattern ITEM = Pattern.compile("([-+*]|([0-9]{1,9})[.)])( +)(\\S.*)");
    /** An item's content that itself starts a block inside the item (a nested list, a quote, a fence, a heading, HTML). */
    private static final Pattern ITEM_BLOCK = Pattern.compile("(?:[-+*]|[0-9]+[.)])(?: .*)?|[>`~<#|].*");
    /** Lines made only of marker characters: thematic breaks, heading underlines, empty items. */
    private static final Pattern MARKERS_ONLY = Pattern.compile("[-*_=+ ]+|[0-9]+[.)] *");
    /** First characters that open a block other than a paragraph or a heading. */
    private static final String BLOCK_STARTS = "><`~|[=_\\ ";
    private static final Pattern FRONT_MATTER_END = Pattern.compile("(?:-{3}|\\.{3})(?:\\s.*)?");

    private PlainSpecText() {
    }

    /** The layout of a spec's lines (split at {@code \n}), or empty when commonmark must read them. */
    static Optional<Layout> read(String[] lines) {
        if (lines.length == 0 || lines[0].isBlank()) {
            return Optional.empty();
        }
        int end = -1;
        if (lines[0].startsWith("---")) {
            if (!lines[0].equals("---")) {
                return Optional.empty();
            }
            for (int i = 1; i < lines.length && end < 0; i++) {
                if (FRONT_MATTER_END.matcher(lines[i]).matches()) {
                    end = i;
                }
            }
            if (end < 0 || !lines[end].equals("---")) {
                return Optional.empty();
            }
        }
        String title = null;
        boolean inTasks = false;
        List<SpecTask> tasks = new ArrayList<>();
        // What the line before was: blank, a heading or the front matter (nothing open), an item, or a paragraph.
        char before = 'b';
        for (int i = end + 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.indexOf('\t') >= 0 || line.indexOf('\r') >= 0 || line.indexOf('\0') >= 0) {
                return Optional.empty();
            }
            if (onlySpaces(line)) {
                before = 'b';
                continue;
            }
            // Markers, items and item starts all begin with a marker character or a digit.
            boolean marked = MARKER_FIRST.indexOf(line.charAt(0)) >= 0 || (line.charAt(0) >= '0' && line.charAt(0) <= '9');
            if (BLOCK_STARTS.indexOf(line.charAt(0)) >= 0 || (marked && MARKERS_ONLY.matcher(line).matches())
                    || line.contains("```") || line.contains("~~~")) {
                return Optional.empty();
            }
            if (line.charAt(0) == '#') {
                Matcher heading = HEADING.matcher(line);
                if (!heading.matches()) {
                    return Optional.empty();
                }
                String text = heading.group(2) == null ? "" : heading.group(2).strip();
                if (!text.isEmpty() && !PLAIN_WORDS.matcher(text).matches()) {
                    return Optional.empty();
                }
                int level = heading.group(1).length();
                if (level == 1 && title == null) {
                    title = text;
                }
                if (level <= 2) {
                    inTasks = level == 2 && text.equalsIgnoreCase("tasks");
                }
                before = 'h';
                continue;
            }
            if (!marked) {
                before = before == 'i' ? 'i' : 'p';
                continue;
            }
            Matcher item = ITEM.matcher(line);
            if (item.matches() && item.group(3).length() <= 4) {
                boolean startsAtOne = item.group(2) == null || Integer.parseInt(item.group(2)) == 1;
                if (ITEM_BLOCK.matcher(item.group(4)).matches() || before == 'p' || (before != 'b' && !startsAtOne)) {
                    return Optional.empty();
                }
                if (inTasks) {
                    Matcher m = SpecParser.ITEM.matcher(line);
                    if (m.matches() && !m.group(3).isBlank()) {
                        boolean done = m.group(2) != null && !m.group(2).isBlank();
                        tasks.add(new SpecTask(tasks.size(), m.group(3).strip(), done, i));
                    }
                }
                before = 'i';
                continue;
            }
            if (ITEM_START.matcher(line).lookingAt()) {
                // A marker followed by more spaces than plain: commonmark reads the rest as code in the item.
                return Optional.empty();
            }
            before = before == 'i' ? 'i' : 'p';
        }
        return Optional.of(new Layout(end, title, List.copyOf(tasks)));
    }

    private static final Pattern ITEM_START = Pattern.compile("(?:[-+*]|[0-9]{1,9}[.)])(?: |$)");
    /** The characters other than digits a marker line, an item or an item start can begin with. */
    private static final String MARKER_FIRST = "-*_=+ ";

    private static boolean onlySpaces(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }
}
