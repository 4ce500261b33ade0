package dev.nightshift.testcount;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RSpec, minitest, ExUnit (and bats' pretty formatter, which prints the same line), PHPUnit. */
final class ScriptingRunners {

    /** RSpec: "3 examples, 1 failure, 1 pending", "0 examples, 0 failures, 1 error occurred outside of examples". */
    private static final Pattern RSPEC = Pattern.compile("^(\\d+) examples?, (\\d+) failures?(.*)$");
    /** minitest: "2 runs, 2 assertions, 0 failures, 0 errors, 0 skips" (Test::Unit: "tests"). */
    private static final Pattern MINITEST = Pattern.compile(
            "^(\\d+) (?:runs|tests), \\d+ assertions, (\\d+) failures, (\\d+) errors, (?:\\d+ pendings, )?(\\d+) (?:skips|omissions)");
    /** ExUnit: "1 doctest, 2 tests, 1 failure, 1 skipped"; bats: "3 tests, 1 failure, 1 skipped in 0 seconds". */
    private static final Pattern EXUNIT = Pattern.compile("^(?:(\\d+) doctests?, )?(?:(\\d+) propert(?:y|ies), )?"
            + "(\\d+) tests?, (\\d+) failures?(.*)$");
    /** PHPUnit: "OK (2 tests, 2 assertions)". */
    private static final Pattern PHPUNIT_OK = Pattern.compile("^OK \\((\\d+) tests?, \\d+ assertions?\\)");
    /** PHPUnit: "Tests: 5, Assertions: 9, Errors: 1, Failures: 1, Skipped: 1, Incomplete: 1." */
    private static final Pattern PHPUNIT = Pattern.compile("^Tests: (\\d+), Assertions: \\d+(.*)$");

    static final RunnerFormat RSPEC_SUMMARY = new RunnerFormat("RSpec summary line", ScriptingRunners::rspec);
    static final RunnerFormat MINITEST_SUMMARY = new RunnerFormat("minitest summary line", ScriptingRunners::minitest);
    static final RunnerFormat EXUNIT_SUMMARY = new RunnerFormat("ExUnit or bats summary line", ScriptingRunners::exunit);
    static final RunnerFormat PHPUNIT_SUMMARY = new RunnerFormat("PHPUnit summary line", ScriptingRunners::phpunit);

    private ScriptingRunners() {
    }

    private static Optional<TestCounts> rspec(List<String> lines) {
        return RunnerFormat.sum(lines, RSPEC, m -> TestCounts.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                RunnerFormat.count(m.group(3), "errors?"), RunnerFormat.count(m.group(3), "pending")));
    }

    private static Optional<TestCounts> minitest(List<String> lines) {
        return RunnerFormat.sum(lines, MINITEST, m -> TestCounts.of(Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
    }

    private static Optional<TestCounts> exunit(List<String> lines) {
        return RunnerFormat.sum(lines, EXUNIT, m -> {
            int run = number(m.group(1)) + number(m.group(2)) + Integer.parseInt(m.group(3));
            return TestCounts.of(run, Integer.parseInt(m.group(4)), RunnerFormat.count(m.group(5), "invalid"),
                    RunnerFormat.count(m.group(5), "skipped"));
        });
    }

    private static Optional<TestCounts> phpunit(List<String> lines) {
        Optional<TestCounts> ok = RunnerFormat.sum(lines, PHPUNIT_OK, m -> TestCounts.of(Integer.parseInt(m.group(1)), 0, 0, 0));
        Optional<TestCounts> other = RunnerFormat.sum(lines, PHPUNIT, m -> TestCounts.of(Integer.parseInt(m.group(1)),
                keyed(m.group(2), "Failures"), keyed(m.group(2), "Errors"),
                keyed(m.group(2), "Skipped") + keyed(m.group(2), "Incomplete")));
        return ok.isEmpty() ? other : other.isEmpty() ? ok : Optional.of(ok.get().plus(other.get()));
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    /** "Failures: 1" in ", Errors: 1, Failures: 1." */
    private static int keyed(String text, String key) {
        Matcher m = Pattern.compile(key + ": (\\d+)").matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
