package dev.nightshift.testcount;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the closing summary line of the common test runners, when a run left no JUnit XML. */
final class SummaryLines {

    /** Maven Surefire/Failsafe (and the many tools that copy it): the last total wins. */
    private static final Pattern MAVEN = Pattern.compile(
            "Tests run: (\\d+), Failures: (\\d+)(?:, Errors: (\\d+))?(?:, Skipped: (\\d+))?");
    /** pytest: "==== 3 failed, 40 passed, 2 skipped in 1.2s ====" or "no tests ran". */
    private static final Pattern PYTEST_LINE = Pattern.compile("^=+ (.*(?:passed|failed|error|errors|skipped|no tests ran).*) =+$",
            Pattern.MULTILINE);
    private static final Pattern PYTEST_PART = Pattern.compile("(\\d+) (passed|failed|errors?|skipped|xfailed|xpassed)");
    /** Jest: "Tests:       1 failed, 2 skipped, 40 passed, 43 total". */
    private static final Pattern JEST = Pattern.compile("^Tests:\\s+(.*?)(\\d+) total", Pattern.MULTILINE);
    /** Vitest: "      Tests  1 failed | 40 passed | 2 skipped (43)". */
    private static final Pattern VITEST = Pattern.compile("^\\s*Tests\\s+(.*)\\((\\d+)\\)\\s*$", Pattern.MULTILINE);
    private static final Pattern PART = Pattern.compile("(\\d+) (failed|skipped|passed|todo)");
    /** cargo test: "test result: ok. 12 passed; 0 failed; 1 ignored". */
    private static final Pattern CARGO = Pattern.compile("test result: \\w+\\. (\\d+) passed; (\\d+) failed; (\\d+) ignored");
    /** go test -v: one line per test. */
    private static final Pattern GO = Pattern.compile("^\\s*--- (PASS|FAIL|SKIP): ", Pattern.MULTILINE);

    private SummaryLines() {
    }

    static Optional<TestCounts> parse(String output) {
        if (output == null || output.isBlank()) {
            return Optional.empty();
        }
        for (Parser parser : List.<Parser>of(SummaryLines::maven, SummaryLines::pytest, SummaryLines::jest,
                SummaryLines::vitest, SummaryLines::cargo, SummaryLines::go)) {
            Optional<TestCounts> counts = parser.parse(output);
            if (counts.isPresent()) {
                return counts;
            }
        }
        return Optional.empty();
    }

    private interface Parser {
        Optional<TestCounts> parse(String output);
    }

    private static Optional<TestCounts> maven(String output) {
        Matcher m = MAVEN.matcher(output);
        TestCounts last = null;
        while (m.find()) {
            last = new TestCounts(n(m.group(1)), n(m.group(2)), n(m.group(3)), n(m.group(4)), "summary line");
        }
        return Optional.ofNullable(last);
    }

    private static Optional<TestCounts> pytest(String output) {
        Matcher line = PYTEST_LINE.matcher(output);
        String last = null;
        while (line.find()) {
            last = line.group(1);
        }
        if (last == null) {
            return Optional.empty();
        }
        int passed = 0, failed = 0, errors = 0, skipped = 0;
        Matcher part = PYTEST_PART.matcher(last);
        while (part.find()) {
            int count = n(part.group(1));
            switch (part.group(2)) {
                case "passed", "xpassed" -> passed += count;
                case "failed" -> failed += count;
                case "error", "errors" -> errors += count;
                default -> skipped += count;
            }
        }
        return Optional.of(new TestCounts(passed + failed + errors + skipped, failed, errors, skipped, "summary line"));
    }

    private static Optional<TestCounts> jest(String output) {
        Matcher m = JEST.matcher(output);
        TestCounts last = null;
        while (m.find()) {
            last = parts(m.group(1), n(m.group(2)));
        }
        return Optional.ofNullable(last);
    }

    private static Optional<TestCounts> vitest(String output) {
        Matcher m = VITEST.matcher(output);
        TestCounts last = null;
        while (m.find()) {
            if (PART.matcher(m.group(1)).find()) {
                last = parts(m.group(1), n(m.group(2)));
            }
        }
        return Optional.ofNullable(last);
    }

    private static TestCounts parts(String text, int total) {
        int failed = 0, skipped = 0;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            if (part.group(2).equals("failed")) failed += n(part.group(1));
            if (part.group(2).equals("skipped") || part.group(2).equals("todo")) skipped += n(part.group(1));
        }
        return new TestCounts(total, failed, 0, skipped, "summary line");
    }

    private static Optional<TestCounts> cargo(String output) {
        Matcher m = CARGO.matcher(output);
        TestCounts total = null;
        while (m.find()) {
            int passed = n(m.group(1)), failed = n(m.group(2)), ignored = n(m.group(3));
            TestCounts one = new TestCounts(passed + failed + ignored, failed, 0, ignored, "summary line");
            total = total == null ? one : total.plus(one);
        }
        return Optional.ofNullable(total);
    }

    private static Optional<TestCounts> go(String output) {
        Matcher m = GO.matcher(output);
        int run = 0, failed = 0, skipped = 0;
        while (m.find()) {
            run++;
            if (m.group(1).equals("FAIL")) failed++;
            if (m.group(1).equals("SKIP")) skipped++;
        }
        return run == 0 ? Optional.empty() : Optional.of(new TestCounts(run, failed, 0, skipped, "summary line"));
    }

    private static int n(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }
}
