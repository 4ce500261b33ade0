package dev.nightshift.testcount;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Test Anything Protocol: prove's summary, and any TAP producer's own lines (bats, node-tap,
 * Perl's Test::More, tape): a plan "1..N" and one "ok"/"not ok" line per test.
 */
final class TapRunners {

    /** prove: "Files=1, Tests=2,  0 wallclock secs (...)"; its failures in "t/a.t (Wstat: 256 (exited 1) Tests: 3 Failed: 1)". */
    private static final Pattern PROVE = Pattern.compile("^Files=\\d+, Tests=(\\d+),");
    private static final Pattern PROVE_FAILED = Pattern.compile("\\(Wstat: .* Failed: (\\d+)\\)$");
    private static final Pattern PROVE_RESULT = Pattern.compile("^Result: (PASS|FAIL|NOTESTS)");

    private static final Pattern PLAN = Pattern.compile("^1\\.\\.(\\d+)(?:\\s|$)");
    private static final Pattern TEST = Pattern.compile("^(not )?ok\\b[^#]*(?:#\\s*(SKIP|TODO)\\S*)?", Pattern.CASE_INSENSITIVE);

    static final RunnerFormat PROVE_SUMMARY = new RunnerFormat("prove summary", TapRunners::prove);
    static final RunnerFormat TAP = new RunnerFormat("TAP plan and test lines", TapRunners::tap);

    private TapRunners() {
    }

    private static Optional<TestCounts> prove(List<String> lines) {
        Optional<TestCounts> tests = RunnerFormat.sum(lines, PROVE, m -> TestCounts.of(Integer.parseInt(m.group(1)), 0, 0, 0));
        if (tests.isEmpty()) {
            return tests;
        }
        int failed = RunnerFormat.sum(lines, PROVE_FAILED, m -> TestCounts.of(0, Integer.parseInt(m.group(1)), 0, 0))
                .map(TestCounts::failed).orElse(0);
        boolean failedRun = lines.stream().map(PROVE_RESULT::matcher).anyMatch(m -> m.find() && m.group(1).equals("FAIL"));
        // "Result: FAIL" with no failed test named: a bad plan, a crash, a test file that died.
        int errors = failedRun && failed == 0 ? 1 : 0;
        return Optional.of(TestCounts.of(tests.get().run(), failed, errors, 0));
    }

    /** Indented lines are subtests (TAP 14, node's TAP): their parent's line counts them. */
    private static Optional<TestCounts> tap(List<String> lines) {
        int planned = 0;
        boolean anyPlan = false;
        int seen = 0;
        int failed = 0;
        int skipped = 0;
        int bailed = 0;
        for (String line : lines) {
            Matcher plan = PLAN.matcher(line);
            if (plan.find()) {
                anyPlan = true;
                planned += Integer.parseInt(plan.group(1));
                continue;
            }
            if (line.startsWith("Bail out!")) {
                bailed++;
                continue;
            }
            Matcher test = TEST.matcher(line);
            if (!test.find()) {
                continue;
            }
            seen++;
            String directive = test.group(2) == null ? "" : test.group(2).toUpperCase(java.util.Locale.ROOT);
            if (directive.equals("SKIP") || directive.equals("TODO")) {
                skipped++;
            } else if (test.group(1) != null) {
                failed++;
            }
        }
        if (!anyPlan) {
            return Optional.empty();
        }
        // Planned tests that never reported ended the stream early: they did not pass.
        int missing = Math.max(0, planned - seen);
        return Optional.of(TestCounts.of(Math.max(seen, planned), failed, missing + bailed, skipped));
    }
}
