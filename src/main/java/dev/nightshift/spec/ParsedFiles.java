package dev.nightshift.spec;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Has this file been parsed before, with the very same text? Then its result (the value, or the
 * problem that was thrown) is given again instead of parsing it anew. Bounded: past its size it
 * starts empty again, so a long-running daemon holds no more than one large queue's worth.
 *
 * @param <T> what the parse yields
 */
final class ParsedFiles<T> {

    /** Where a file was read from: the same text in another project or folder is another spec. */
    record Key(String project, String folder, java.nio.file.Path file) {
    }

    private record Parsed<T>(String text, Instant modified, T value, RuntimeException problem) {
    }

    private static final int LIMIT = 50_000;

    private final Class<? extends RuntimeException> problems;
    private final Map<Key, Parsed<T>> parsed = new ConcurrentHashMap<>();

    /** @param problems the exception a parse throws for a bad file: remembered and thrown again */
    ParsedFiles(Class<? extends RuntimeException> problems) {
        this.problems = problems;
    }

    T parse(Key key, String text, Instant modified, Supplier<T> parse) {
        Parsed<T> before = parsed.get(key);
        if (before == null || !before.text().equals(text) || !before.modified().equals(modified)) {
            before = parseNow(text, modified, parse);
            if (parsed.size() >= LIMIT) {
                parsed.clear();
            }
            parsed.put(key, before);
        }
        if (before.problem() != null) {
            throw before.problem();
        }
        return before.value();
    }

    private Parsed<T> parseNow(String text, Instant modified, Supplier<T> parse) {
        try {
            return new Parsed<>(text, modified, parse.get(), null);
        } catch (RuntimeException e) {
            if (!problems.isInstance(e)) {
                throw e;
            }
            return new Parsed<>(text, modified, null, e);
        }
    }
}
