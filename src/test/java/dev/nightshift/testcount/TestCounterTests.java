package dev.nightshift.testcount;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCounterTests {

    @TempDir
    Path dir;

    private void write(String relative, String xml) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml);
    }

    @Test
    void surefireReportsAreSummedAcrossFiles() throws Exception {
        write("target/surefire-reports/TEST-a.AppTests.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="a.AppTests" tests="3" failures="1" errors="0" skipped="1">
                  <testcase name="one"/><testcase name="two"><failure message="x"/></testcase>
                  <testcase name="three"><skipped/></testcase>
                </testsuite>""");
        write("target/surefire-reports/TEST-a.OtherTests.xml",
                "<testsuite tests=\"2\"><testcase name=\"a\"/><testcase name=\"b\"><error/></testcase></testsuite>");
        write("target/surefire-reports/not-a-report.xml", "<project/>");

        TestCounts counts = all().orElseThrow();

        assertThat(counts.run()).isEqualTo(5);
        assertThat(counts.failed()).isEqualTo(1);
        assertThat(counts.errors()).isEqualTo(1);
        assertThat(counts.skipped()).isEqualTo(1);
        assertThat(counts.passed()).isEqualTo(2);
    }

    @Test
    void pytestAndJestShapedReportsWithNestedSuitesCountEachCaseOnce() throws Exception {
        write("reports/pytest.xml", """
                <testsuites><testsuite name="pytest" tests="2" failures="0" errors="0" skipped="0">
                  <testcase classname="tests.test_a" name="test_x"/><testcase classname="tests.test_a" name="test_y"/>
                </testsuite></testsuites>""");
        write("reports/junit.xml", """
                <testsuites name="jest tests" tests="2" failures="1">
                  <testsuite name="outer" tests="2"><testsuite name="inner" tests="2">
                    <testcase name="adds"/><testcase name="subtracts"><failure>expected 1</failure></testcase>
                  </testsuite></testsuite>
                </testsuites>""");

        TestCounts counts = all().orElseThrow();

        assertThat(counts.run()).isEqualTo(4);
        assertThat(counts.failed()).isEqualTo(1);
    }

    @Test
    void reportsThatWereThereBeforeTheRunAndHostileXmlAreIgnored() throws Exception {
        write("old/TEST-old.xml", "<testsuite tests=\"9\"><testcase name=\"a\"/></testsuite>");
        WrittenReports before = new WrittenReports(dir, List.of());
        write("evil.xml", "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<testsuite tests=\"1\"><testcase name=\"&x;\"/></testsuite>");
        Instant now = Instant.now();

        Set<Path> written = before.after(now.minusSeconds(5), now);

        assertThat(written).containsExactly(Path.of("evil.xml"));
        assertThat(TestCounter.fromFiles(dir, written)).as("no entity is ever resolved").isEmpty();
    }

    private Optional<TestCounts> all() {
        return TestCounter.fromFiles(dir, new WrittenReports(dir, List.of()).candidates().keySet());
    }

    @Test
    void summaryLinesOfTheCommonRunners() {
        assertThat(SummaryLines.parse("[INFO] Tests run: 7, Failures: 0, Errors: 0, Skipped: 1\n[INFO] \n"
                + "[INFO] Results:\n[INFO] Tests run: 41, Failures: 2, Errors: 1, Skipped: 3\n"))
                .hasValue(new TestCounts(41, 2, 1, 3, "Maven summary line"));
        assertThat(SummaryLines.parse("Tests run: 2, Failures: 0\n")).hasValueSatisfying(c -> assertThat(c.run()).isEqualTo(2));
        assertThat(SummaryLines.parse("===== 1 failed, 40 passed, 2 skipped in 1.23s =====\n"))
                .hasValueSatisfying(c -> assertThat(c).extracting("run", "failed", "skipped").containsExactly(43, 1, 2));
        assertThat(SummaryLines.parse("============ no tests ran in 0.01s ============\n"))
                .hasValueSatisfying(c -> assertThat(c.run()).isZero());
        assertThat(SummaryLines.parse("Test Suites: 3 passed, 3 total\nTests:       1 failed, 40 passed, 41 total\n"))
                .hasValueSatisfying(c -> assertThat(c).extracting("run", "failed").containsExactly(41, 1));
        assertThat(SummaryLines.parse(" Test Files  2 passed (2)\n      Tests  1 failed | 12 passed | 1 skipped (14)\n"))
                .hasValueSatisfying(c -> assertThat(c).extracting("run", "failed", "skipped").containsExactly(14, 1, 1));
        assertThat(SummaryLines.parse("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured\n"))
                .hasValueSatisfying(c -> assertThat(c).extracting("run", "skipped").containsExactly(13, 1));
        assertThat(SummaryLines.parse("=== RUN   TestA\n--- PASS: TestA (0.00s)\n=== RUN   TestB\n--- FAIL: TestB (0.01s)\nFAIL\n"))
                .hasValueSatisfying(c -> assertThat(c).extracting("run", "failed").containsExactly(2, 1));
        assertThat(SummaryLines.parse("all good\n")).isEmpty();
    }

    @Test
    void summariesOfSeveralRunnersInOneOutputAddUp() {
        String monorepo = """
                ----------------------------------------------------------------------
                Ran 16 tests in 0.051s

                OK
                > web@1.0.0 test
                Tests:       1 failed, 40 passed, 41 total
                [INFO] Results:
                [INFO] Tests run: 7, Failures: 0, Errors: 0, Skipped: 1
                [INFO] Results:
                [INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0
                """;

        assertThat(SummaryLines.parse(monorepo)).hasValueSatisfying(c -> {
            assertThat(c).extracting("run", "failed", "skipped").containsExactly(67, 1, 1);
            assertThat(c.source()).isEqualTo("Maven summary line + unittest summary line + Jest summary line");
            assertThat(c.describe()).isEqualTo("67 run, 65 passed, 1 failed, 1 skipped");
        });
    }

    @Test
    void proveShowingItsTapLinesIsCountedOnce() {
        String verbose = "t/b.t .. \n1..2\nok 1 - x\nok 2 - y\nok\nAll tests successful.\n"
                + "Files=1, Tests=2,  0 wallclock secs ( 0.01 usr  0.00 sys +  0.03 cusr  0.00 csys =  0.04 CPU)\nResult: PASS\n";

        assertThat(SummaryLines.parse(verbose)).hasValueSatisfying(c ->
                assertThat(c).extracting("run", "source").containsExactly(2, "prove summary"));
    }

    @Test
    void outputThatOnlyLooksLikeASummaryIsNotCounted() {
        assertThat(SummaryLines.parse("ok\nbuild ok: 3 files in 0.2s\nRan the linter\nall tests good\n")).isEmpty();
    }
}
