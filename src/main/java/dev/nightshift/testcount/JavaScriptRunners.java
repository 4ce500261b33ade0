package dev.nightshift.testcount;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JavaScript's runners: Jest, Vitest, Mocha, and node's own test runner (spec and TAP reporters). */
final class JavaScriptRunners {

    /** Jest: "Tests:       1 failed, 2 skipped, 40 passed, 43 total". */
    private static final Pattern JEST = Pattern.compile("^Tests:\\s+(.*?)(\\d+) total");
    /** Vitest: "      Tests  1 failed | 40 passed | 2 skipped (43)". */
    private static final Pattern VITEST = Pattern.compile("^\\s*Tests\\s+((?:\\d+ (?:failed|passed|skipped|todo)\\s*\\|?\\s*)+)\\((\\d+)\\)");
    /** Mocha: "  2 passing (5ms)", then "  1 pending" and "  1 failing" when there are any. */
    private static final Pattern MOCHA = Pattern.compile("^\\s*(\\d+) passing \\(");
    private static final Pattern MOCHA_MORE = Pattern.compile("^\\s*(\\d+) (pending|failing)$");
    /** node --test: "ℹ tests 4" (spec reporter) or "# tests 4" (TAP reporter), then pass, fail, cancelled, skipped, todo. */
    private static final Pattern NODE = Pattern.compile("^(?:ℹ|#) (tests|pass|fail|cancelled|skipped|todo) (\\d+)$");

    static final RunnerFormat JEST_SUMMARY = new RunnerFormat("Jest summary line", JavaScriptRunners::jest);
    static final RunnerFormat VITEST_SUMMARY = new RunnerFormat("Vitest summary line", JavaScriptRunners::vitest);
    static final RunnerFormat MOCHA_SUMMARY = new RunnerFormat("Mocha summary lines", JavaScriptRunners::mocha);
    static final RunnerFormat NODE_SUMMARY = new RunnerFormat("node test runner summary", JavaScriptRunners::node);

    private JavaScriptRunners() {
    }

    private static Optional<TestCounts> jest(List<String> lines) {
        return RunnerFormat.sum(lines, JEST, m -> TestCounts.of(Integer.parseInt(m.group(2)),
                RunnerFormat.count(m.group(1), "failed"), 0,
                RunnerFormat.count(m.group(1), "skipped") + RunnerFormat.count(m.group(1), "todo")));
    }

    private static Optional<TestCounts> vitest(List<String> lines) {
        return RunnerFormat.sum(lines, VITEST, m -> TestCounts.of(Integer.parseInt(m.group(2)),
                RunnerFormat.count(m.group(1), "failed"), 0,
                RunnerFormat.count(m.group(1), "skipped") + RunnerFormat.count(m.group(1), "todo")));
    }

    private static Optional<TestCounts> mocha(List<String> lines) {
        TestCounts total = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher passing = MOCHA.matcher(lines.get(i));
            if (!passing.find()) {
                continue;
            }
            int passed = Integer.parseInt(passing.group(1));
            int pending = 0;
            int failing = 0;
            for (int j = i + 1; j < Math.min(lines.size(), i + 3); j++) {
                Matcher more = MOCHA_MORE.matcher(lines.get(j));
                if (more.find()) {
                    if (more.group(2).equals("pending")) pending = Integer.parseInt(more.group(1));
                    else failing = Integer.parseInt(more.group(1));
                }
            }
            TestCounts one = TestCounts.of(passed + pending + failing, failing, 0, pending);
            total = total == null ? one : total.plus(one);
        }
        return Optional.ofNullable(total);
    }

    /** One block per run: it starts at its "tests" line and takes the lines that follow. */
    private static Optional<TestCounts> node(List<String> lines) {
        TestCounts total = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher tests = NODE.matcher(lines.get(i).strip());
            if (!tests.matches() || !tests.group(1).equals("tests")) {
                continue;
            }
            int failed = 0;
            int cancelled = 0;
            int skipped = 0;
            for (int j = i + 1; j < Math.min(lines.size(), i + 8); j++) {
                Matcher m = NODE.matcher(lines.get(j).strip());
                if (!m.matches() || m.group(1).equals("tests")) {
                    continue;
                }
                int value = Integer.parseInt(m.group(2));
                switch (m.group(1)) {
                    case "fail" -> failed = value;
                    case "cancelled" -> cancelled = value;
                    case "skipped", "todo" -> skipped += value;
                    default -> {
                        // pass: the rest of the run
                    }
                }
            }
            TestCounts one = TestCounts.of(Integer.parseInt(tests.group(2)), failed, cancelled, skipped);
            total = total == null ? one : total.plus(one);
        }
        return Optional.ofNullable(total);
    }
}
