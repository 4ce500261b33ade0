package dev.nightshift.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Does a spec still hold the text of the {@code spec new} template? Such a spec is not work yet:
 * run as it is, the agent would do "the first small step" of nothing in particular. It is found by
 * the template's placeholder sentences, compared with runs of white space made equal, so that a
 * re-wrapped paragraph is found too and any edit of a placeholder counts as editing it.
 */
final class UneditedTemplate {

    /** The template's placeholder sentences; the template in resources/templates/spec.md holds each. */
    static final List<String> PLACEHOLDERS = List.of(
            "What to build and why, for an engineer who has never seen this project.",
            "Replace this text and the task below: until then nightshift skips the spec.",
            "The first small step, with its tests");

    private UneditedTemplate() {
    }

    /** The first placeholder the spec still holds, with its line in the file; empty for an edited spec. */
    static Optional<Found> find(Spec spec) {
        String body = spec.body();
        String flat = null;
        for (int i = 0; i < PLACEHOLDERS.size(); i++) {
            // Every word of a placeholder is in a body that holds it: most bodies miss one, and are
            // not flattened (every queued spec is looked at on every read of the queue).
            if (holdsEvery(body, WORDS.get(i))) {
                flat = flat != null ? flat : flatten(body);
                if (flat.contains(FLAT.get(i))) {
                    return Optional.of(new Found(lineOf(spec.file(), PLACEHOLDERS.get(i)), PLACEHOLDERS.get(i)));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean holdsEvery(String body, List<String> words) {
        for (String word : words) {
            if (!body.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final List<String> FLAT = PLACEHOLDERS.stream().map(UneditedTemplate::flatten).toList();
    private static final List<List<String>> WORDS = PLACEHOLDERS.stream()
            .map(p -> List.of(WHITE_SPACE.split(p.strip()))).toList();

    /** A placeholder found: its 1-based line (0 when it cannot be told) and its text. */
    record Found(int line, String placeholder) {
        String message() {
            return "still holds the spec template's text (\"" + placeholder + "\"): edit it first; skipped until then";
        }
    }

    private static String flatten(String text) {
        return WHITE_SPACE.matcher(text).replaceAll(" ");
    }

    /** Read again only for a spec found unedited, which is rare: the parsed spec keeps no line offsets of its body. */
    private static int lineOf(Path file, String placeholder) {
        String start = placeholder.substring(0, Math.min(20, placeholder.length()));
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return 0;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (flatten(lines.get(i)).contains(start)) {
                return i + 1;
            }
        }
        return 0;
    }
}
