package dev.nightshift.testcount;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The plain line any home-grown runner can print to be counted: "12 passed, 0 failed", optionally
 * ", 1 skipped", optionally after one word and a colon ("Tests: 12 passed, 0 failed").
 */
final class PlainLine {

    private static final Pattern PLAIN = Pattern.compile(
            "^\\s*(?:[\\w.-]+:\\s*)?(\\d+) passed, (\\d+) failed(?:, (\\d+) skipped)?\\.?\\s*$");

    static final RunnerFormat PLAIN_SUMMARY = new RunnerFormat("plain summary line", PlainLine::read);

    private PlainLine() {
    }

    private static Optional<TestCounts> read(List<String> lines) {
        return RunnerFormat.sum(lines, PLAIN, m -> {
            int passed = Integer.parseInt(m.group(1));
            int failed = Integer.parseInt(m.group(2));
            int skipped = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            return TestCounts.of(passed + failed + skipped, failed, 0, skipped);
        });
    }
}
