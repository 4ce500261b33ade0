package dev.nightshift.testcount;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each runner's closing output, passing, failing, erroring, skipping and in colour, as the real
 * tool printed it (those installed here were run: unittest, pytest, node --test, prove, ctest,
 * cargo test; the others' output is copied from their own runs), and the counts read from it.
 */
class RunnerFormatsTests {

    private static final String ESC = "\u001B";

    /** One row: what the runner printed, and what must be read from it. */
    record Row(String runner, String output, int run, int failed, int errors, int skipped, String source) {
        @Override
        public String toString() {
            return runner;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                // Python unittest (python3 -m unittest), and Django's manage.py test, which prints the same
                new Row("unittest pass", """
                        ..
                        ----------------------------------------------------------------------
                        Ran 2 tests in 0.000s

                        OK
                        """, 2, 0, 0, 0, "unittest summary line"),
                new Row("unittest fail, error, skip", """
                        EF.s
                        ======================================================================
                        ERROR: test_error (test_a.T.test_error)
                        ----------------------------------------------------------------------
                        Traceback (most recent call last):
                        RuntimeError: boom
                        ----------------------------------------------------------------------
                        Ran 4 tests in 0.000s

                        FAILED (failures=1, errors=1, skipped=1)
                        """, 4, 1, 1, 1, "unittest summary line"),
                new Row("unittest no tests", """

                        ----------------------------------------------------------------------
                        Ran 0 tests in 0.000s

                        NO TESTS RAN
                        """, 0, 0, 0, 0, "unittest summary line"),
                new Row("django", """
                        Creating test database for alias 'default'...
                        System check identified no issues (0 silenced).
                        ................
                        ----------------------------------------------------------------------
                        Ran 16 tests in 0.051s

                        OK (skipped=1)
                        Destroying test database for alias 'default'...
                        """, 16, 0, 0, 1, "unittest summary line"),
                // pytest 9 at each verbosity
                new Row("pytest framed", """
                        FAILED test_p.py::test_bad - assert 0
                        ERROR test_p.py::test_err - RuntimeError: x
                        ========== 1 failed, 1 passed, 1 skipped, 1 xfailed, 1 error in 0.61s ==========
                        """, 5, 1, 1, 2, "pytest summary line"),
                new Row("pytest -q", """
                        ..                                                                       [100%]
                        2 passed in 0.56s
                        """, 2, 0, 0, 0, "pytest summary line"),
                new Row("pytest -q with warnings", "3 passed, 1 deselected, 2 warnings in 0.14s\n", 3, 0, 0, 0,
                        "pytest summary line"),
                new Row("pytest -qq", """
                        .FEsx                                                                    [100%]
                        ==================================== ERRORS ====================================
                        __________________________ ERROR at setup of test_err __________________________
                        """, 5, 1, 1, 2, "pytest progress line"),
                new Row("pytest no tests", "============================ no tests ran in 0.56s =============================\n",
                        0, 0, 0, 0, "pytest summary line"),
                new Row("pytest -q colour", ESC + "[31m" + ESC + "[31m" + ESC + "[1m1 failed" + ESC + "[0m, " + ESC
                        + "[32m1 passed" + ESC + "[0m, " + ESC + "[33m1 skipped" + ESC + "[0m, " + ESC + "[33m1 xfailed"
                        + ESC + "[0m, " + ESC + "[31m" + ESC + "[1m1 error" + ESC + "[0m" + ESC + "[31m in 0.61s" + ESC
                        + "[0m" + ESC + "[0m\n", 5, 1, 1, 2, "pytest summary line"),
                // TAP: prove, and any producer's own lines (bats, node-tap, Test::More)
                new Row("prove pass", """
                        t/b.t .. ok
                        All tests successful.
                        Files=1, Tests=2,  0 wallclock secs ( 0.00 usr  0.00 sys +  0.03 cusr  0.00 csys =  0.03 CPU)
                        Result: PASS
                        """, 2, 0, 0, 0, "prove summary"),
                new Row("prove fail", """
                        t/a.t ..\s
                        Dubious, test returned 1 (wstat 256, 0x100)
                        Failed 1/3 subtests\s
                        \t(less 1 skipped subtest: 1 okay)
                        t/b.t .. ok

                        Test Summary Report
                        -------------------
                        t/a.t (Wstat: 256 (exited 1) Tests: 3 Failed: 1)
                          Failed test:  2
                          Non-zero exit status: 1
                        Files=2, Tests=5,  0 wallclock secs ( 0.01 usr  0.01 sys +  0.06 cusr  0.01 csys =  0.09 CPU)
                        Result: FAIL
                        """, 5, 1, 0, 0, "prove summary"),
                new Row("TAP fail and skip (Test::More)", """
                        1..3
                        ok 1 - one
                        not ok 2 - two
                        #   Failed test 'two'
                        #   at t/a.t line 3.
                        ok 3 # skip later
                        # Looks like you failed 1 test of 3.
                        """, 3, 1, 0, 1, "TAP plan and test lines"),
                new Row("TAP bats", """
                        1..2
                        ok 1 addition using bc
                        ok 2 addition using dc
                        """, 2, 0, 0, 0, "TAP plan and test lines"),
                new Row("TAP stream cut short", "1..4\nok 1 - a\n", 4, 0, 3, 0, "TAP plan and test lines"),
                // node --test (node 20): TAP reporter off a terminal, spec reporter on one
                new Row("node --test TAP", """
                        TAP version 13
                        # Subtest: adds
                        ok 1 - adds
                          ---
                          duration_ms: 0.94367
                          ...
                        # Subtest: fails
                        not ok 2 - fails
                        1..4
                        # tests 4
                        # suites 0
                        # pass 1
                        # fail 1
                        # cancelled 0
                        # skipped 1
                        # todo 1
                        # duration_ms 150.922849
                        """, 4, 1, 0, 2, "node test runner summary"),
                new Row("node --test spec", """
                        ✔ a (0.920107ms)
                        ✔ b (0.166806ms)
                        ℹ tests 2
                        ℹ suites 0
                        ℹ pass 2
                        ℹ fail 0
                        ℹ cancelled 0
                        ℹ skipped 0
                        ℹ todo 0
                        ℹ duration_ms 209.749989
                        """, 2, 0, 0, 0, "node test runner summary"),
                new Row("node --test spec colour", ESC + "[34mℹ tests 4" + ESC + "[39m\n" + ESC + "[34mℹ suites 0" + ESC
                        + "[39m\n" + ESC + "[34mℹ pass 1" + ESC + "[39m\n" + ESC + "[34mℹ fail 1" + ESC + "[39m\n" + ESC
                        + "[34mℹ cancelled 1" + ESC + "[39m\n" + ESC + "[34mℹ skipped 1" + ESC + "[39m\n",
                        4, 1, 1, 1, "node test runner summary"),
                // JavaScript
                new Row("jest", """
                        Test Suites: 1 failed, 2 passed, 3 total
                        Tests:       1 failed, 2 skipped, 40 passed, 43 total
                        Snapshots:   0 total
                        Time:        1.52 s
                        """, 43, 1, 0, 2, "Jest summary line"),
                new Row("vitest colour", ESC + "[2m Test Files " + ESC + "[22m " + ESC + "[1m" + ESC + "[32m2 passed" + ESC
                        + "[39m" + ESC + "[22m" + ESC + "[90m (2)" + ESC + "[39m\n" + ESC + "[2m      Tests " + ESC + "[22m "
                        + ESC + "[1m" + ESC + "[31m1 failed" + ESC + "[39m" + ESC + "[22m" + ESC + "[2m | " + ESC + "[22m"
                        + ESC + "[1m" + ESC + "[32m12 passed" + ESC + "[39m" + ESC + "[22m" + ESC + "[2m | " + ESC + "[22m"
                        + ESC + "[33m1 skipped" + ESC + "[39m" + ESC + "[90m (14)" + ESC + "[39m\n", 14, 1, 0, 1,
                        "Vitest summary line"),
                new Row("mocha", """
                          3 passing (12ms)
                          1 pending
                          1 failing

                          1) Array
                               #indexOf()
                                 fails:
                        """, 5, 1, 0, 1, "Mocha summary lines"),
                // Ruby, Elixir, PHP
                new Row("rspec", """
                        Finished in 0.00342 seconds (files took 0.08 seconds to load)
                        3 examples, 1 failure, 1 pending
                        """, 3, 1, 0, 1, "RSpec summary line"),
                new Row("rspec error outside examples", "0 examples, 0 failures, 1 error occurred outside of examples\n",
                        0, 0, 1, 0, "RSpec summary line"),
                new Row("minitest", """
                        Finished in 0.001s, 2000.0 runs/s, 2000.0 assertions/s.

                        4 runs, 4 assertions, 1 failures, 1 errors, 1 skips
                        """, 4, 1, 1, 1, "minitest summary line"),
                new Row("exunit", """
                        Finished in 0.03 seconds (0.00s async, 0.03s sync)
                        1 doctest, 3 tests, 1 failure, 1 skipped
                        """, 4, 1, 0, 1, "ExUnit or bats summary line"),
                new Row("bats pretty", " ✓ addition using bc\n ✗ addition using dc\n\n2 tests, 1 failure in 0 seconds\n",
                        2, 1, 0, 0, "ExUnit or bats summary line"),
                new Row("phpunit ok", "..                                                                  2 / 2 (100%)\n\n"
                        + "Time: 00:00.012, Memory: 8.00 MB\n\nOK (2 tests, 2 assertions)\n", 2, 0, 0, 0, "PHPUnit summary line"),
                new Row("phpunit failures", """
                        FAILURES!
                        Tests: 5, Assertions: 9, Errors: 1, Failures: 1, Skipped: 1.
                        """, 5, 1, 1, 1, "PHPUnit summary line"),
                // compiled languages
                new Row("ctest", """
                        1/3 Test #1: pass .............................   Passed    0.00 sec
                        2/3 Test #2: fail .............................***Failed    0.00 sec
                        3/3 Test #3: skip .............................***Skipped   0.00 sec

                        67% tests passed, 1 tests failed out of 3

                        Total Test time (real) =   0.01 sec

                        The following tests did not run:
                        \t  3 - skip (Skipped)

                        The following tests FAILED:
                        \t  2 - fail (Failed)
                        """, 3, 1, 0, 1, "ctest summary line"),
                new Row("cargo test, lib and doc-tests", """
                        running 3 tests
                        test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.30s

                        running 2 tests
                        test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s
                        """, 5, 1, 0, 1, "cargo test summary lines"),
                new Row("cargo nextest", """
                        ------------
                             Summary [   0.010s] 3 tests run: 2 passed, 1 failed, 1 skipped
                                FAIL [   0.004s] t tests::bad
                        """, 4, 1, 0, 1, "cargo nextest summary line"),
                new Row("dotnet vstest", "Failed!  - Failed:     1, Passed:     2, Skipped:     1, Total:     4, Duration: 12 ms"
                        + " - t.dll (net8.0)\n", 4, 1, 0, 1, "dotnet test summary line"),
                new Row("dotnet testing platform", "Test summary: total: 3, failed: 0, succeeded: 3, skipped: 0, duration: 0.6s\n",
                        3, 0, 0, 0, "dotnet test summary line"),
                new Row("go test -v", """
                        === RUN   TestA
                        --- PASS: TestA (0.00s)
                        === RUN   TestB
                            b_test.go:9: wrong
                        --- FAIL: TestB (0.00s)
                        === RUN   TestC
                            c_test.go:5: later
                        --- SKIP: TestC (0.00s)
                        FAIL
                        """, 3, 1, 0, 1, "go test -v lines"),
                new Row("gotestsum", """
                        PASS t.TestA (0.00s)
                        FAIL t.TestB (0.00s)

                        DONE 3 tests, 1 skipped, 1 failure in 0.512s
                        """, 3, 1, 0, 1, "gotestsum summary line"),
                new Row("swift xctest", """
                        Test Suite 'TTests' failed at 2026-12-04 22:00:00.003.
                        \t Executed 3 tests, with 1 test skipped and 1 failure (0 unexpected) in 0.003 (0.003) seconds
                        Test Suite 'All tests' failed at 2026-12-04 22:00:00.004.
                        \t Executed 3 tests, with 1 test skipped and 1 failure (0 unexpected) in 0.003 (0.004) seconds
                        """, 3, 1, 0, 1, "XCTest summary line"),
                new Row("swift testing", """
                        ✔ Test ok() passed after 0.001 seconds.
                        ✘ Test bad() recorded an issue at TTests.swift:9:5: Expectation failed: 1 == 2
                        ✘ Test bad() failed after 0.001 seconds with 1 issue.
                        ✘ Test run with 2 tests failed after 0.002 seconds with 1 issue.
                        """, 2, 1, 0, 0, "Swift Testing summary line"),
                // any home-grown runner
                new Row("plain line", "2 passed, 0 failed\n", 2, 0, 0, 0, "plain summary line"),
                new Row("plain line with word and skipped", "Tests: 20 passed, 2 failed, 1 skipped\n", 23, 2, 0, 1,
                        "plain summary line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachRunnersClosingOutputIsCounted(Row row) {
        TestCounts counts = SummaryLines.parse(row.output()).orElseThrow(() -> new AssertionError("nothing read"));

        assertThat(counts).extracting(TestCounts::run, TestCounts::failed, TestCounts::errors, TestCounts::skipped,
                TestCounts::source).containsExactly(row.run(), row.failed(), row.errors(), row.skipped(), row.source());
    }
}
