package dev.nightshift.testcount;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiled languages' runners: ctest, cargo test, cargo nextest, go test -v, gotestsum, Swift (XCTest and Swift Testing). */
final class NativeRunners {

    /** ctest: "67% tests passed, 1 tests failed out of 3"; skipped ones listed under "The following tests did not run:". */
    private static final Pattern CTEST = Pattern.compile("^\\d+% tests passed, (\\d+) tests? failed out of (\\d+)");
    private static final Pattern CTEST_SKIPPED = Pattern.compile("^\\s*\\d+ - .+ \\((?:Skipped|Disabled)\\)$");
    /** cargo test, once per test target: "test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; ...". */
    private static final Pattern CARGO = Pattern.compile("^test result: \\w+\\. (\\d+) passed; (\\d+) failed; (\\d+) ignored");
    /** cargo nextest: "Summary [   0.010s] 3 tests run: 2 passed, 1 failed, 1 skipped" (skipped ones did not run). */
    private static final Pattern NEXTEST = Pattern.compile("^\\s*Summary \\[\\s*[\\d.]+s\\]\\s+(\\d+) tests? run: (.*)$");
    /** go test -v: one line per test and subtest. */
    private static final Pattern GO = Pattern.compile("^\\s*--- (PASS|FAIL|SKIP): ");
    /** gotestsum: "DONE 12 tests, 1 skipped, 2 failures, 1 error in 0.512s". */
    private static final Pattern GOTESTSUM = Pattern.compile("^DONE (\\d+) tests?((?:, \\d+ \\w+)*) in [\\d.]+s");
    /** XCTest: "Executed 3 tests, with 1 test skipped and 1 failure (0 unexpected) in 0.003 (0.004) seconds". */
    private static final Pattern XCTEST = Pattern.compile(
            "^\\s*Executed (\\d+) tests?, with (?:(\\d+) tests? skipped and )?(\\d+) failures? \\((\\d+) unexpected\\)");
    /** Swift Testing: "✘ Test run with 3 tests in 1 suite failed after 0.002 seconds with 1 issue." */
    private static final Pattern SWIFT_TESTING = Pattern.compile("Test run with (\\d+) tests?(?: in \\d+ suites?)? (passed|failed) after");
    private static final Pattern SWIFT_TEST_FAILED = Pattern.compile("^\\S+ Test (?!run with)\\S.* failed after");
    private static final Pattern SWIFT_TEST_SKIPPED = Pattern.compile("^\\S+ Test (?!run with)\\S.* skipped");

    static final RunnerFormat CTEST_SUMMARY = new RunnerFormat("ctest summary line", NativeRunners::ctest);
    static final RunnerFormat CARGO_SUMMARY = new RunnerFormat("cargo test summary lines", NativeRunners::cargo);
    static final RunnerFormat NEXTEST_SUMMARY = new RunnerFormat("cargo nextest summary line", NativeRunners::nextest);
    static final RunnerFormat GO_VERBOSE = new RunnerFormat("go test -v lines", NativeRunners::go);
    static final RunnerFormat GOTESTSUM_SUMMARY = new RunnerFormat("gotestsum summary line", NativeRunners::gotestsum);
    static final RunnerFormat XCTEST_SUMMARY = new RunnerFormat("XCTest summary line", NativeRunners::xctest);
    static final RunnerFormat SWIFT_TESTING_SUMMARY = new RunnerFormat("Swift Testing summary line", NativeRunners::swiftTesting);

    private NativeRunners() {
    }

    private static Optional<TestCounts> ctest(List<String> lines) {
        int skipped = (int) lines.stream().filter(l -> CTEST_SKIPPED.matcher(l).find()).count();
        return RunnerFormat.sum(lines, CTEST, m -> TestCounts.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)), 0, 0))
                .map(c -> TestCounts.of(c.run(), c.failed(), 0, Math.min(skipped, c.run() - c.failed())));
    }

    private static Optional<TestCounts> cargo(List<String> lines) {
        return RunnerFormat.sum(lines, CARGO, m -> {
            int passed = Integer.parseInt(m.group(1));
            int failed = Integer.parseInt(m.group(2));
            int ignored = Integer.parseInt(m.group(3));
            return TestCounts.of(passed + failed + ignored, failed, 0, ignored);
        });
    }

    private static Optional<TestCounts> nextest(List<String> lines) {
        return RunnerFormat.sum(lines, NEXTEST, m -> {
            String parts = m.group(2);
            int skipped = RunnerFormat.count(parts, "skipped");
            int failed = RunnerFormat.count(parts, "failed") + RunnerFormat.count(parts, "timed out");
            return TestCounts.of(Integer.parseInt(m.group(1)) + skipped, failed, 0, skipped);
        });
    }

    private static Optional<TestCounts> go(List<String> lines) {
        int run = 0;
        int failed = 0;
        int skipped = 0;
        for (String line : lines) {
            Matcher m = GO.matcher(line);
            if (m.find()) {
                run++;
                if (m.group(1).equals("FAIL")) failed++;
                if (m.group(1).equals("SKIP")) skipped++;
            }
        }
        return run == 0 ? Optional.empty() : Optional.of(TestCounts.of(run, failed, 0, skipped));
    }

    private static Optional<TestCounts> gotestsum(List<String> lines) {
        return RunnerFormat.sum(lines, GOTESTSUM, m -> TestCounts.of(Integer.parseInt(m.group(1)),
                RunnerFormat.count(m.group(2), "failures?"), RunnerFormat.count(m.group(2), "errors?"),
                RunnerFormat.count(m.group(2), "skipped")));
    }

    /** XCTest prints a line per suite, nested: the largest is the whole run ("All tests"). */
    private static Optional<TestCounts> xctest(List<String> lines) {
        TestCounts largest = null;
        for (String line : lines) {
            Matcher m = XCTEST.matcher(line);
            if (m.find() && (largest == null || Integer.parseInt(m.group(1)) > largest.run())) {
                largest = TestCounts.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), 0,
                        m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
            }
        }
        return Optional.ofNullable(largest);
    }

    private static Optional<TestCounts> swiftTesting(List<String> lines) {
        Optional<TestCounts> runs = RunnerFormat.sum(lines, SWIFT_TESTING, m ->
                TestCounts.of(Integer.parseInt(m.group(1)), m.group(2).equals("failed") ? 1 : 0, 0, 0));
        if (runs.isEmpty()) {
            return runs;
        }
        int failedTests = (int) lines.stream().filter(l -> SWIFT_TEST_FAILED.matcher(l).find()).count();
        int skipped = (int) lines.stream().filter(l -> SWIFT_TEST_SKIPPED.matcher(l).find()).count();
        // A failed run names its failed tests; when it does not, it failed at least one.
        int failed = Math.max(failedTests, runs.get().failed());
        return Optional.of(TestCounts.of(runs.get().run(), failed, 0, skipped));
    }
}
