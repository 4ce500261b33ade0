package dev.nightshift.testcount;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Maven Surefire and Failsafe (and the tools that copy their line), and {@code dotnet test}. */
final class JvmAndDotnetRunners {

    /** "Tests run: 41, Failures: 2, Errors: 1, Skipped: 3"; a line per class adds ", Time elapsed: ...". */
    private static final Pattern MAVEN = Pattern.compile(
            "Tests run: (\\d+), Failures: (\\d+)(?:, Errors: (\\d+))?(?:, Skipped: (\\d+))?(, Time elapsed)?");
    /** dotnet (vstest): "Passed!  - Failed:     0, Passed:     2, Skipped:     0, Total:     2, Duration: 3 ms - t.dll". */
    private static final Pattern VSTEST = Pattern.compile(
            "^(?:Passed|Failed)!\\s+-\\s+Failed:\\s+(\\d+), Passed:\\s+(\\d+), Skipped:\\s+(\\d+), Total:\\s+(\\d+)");
    /** dotnet (Microsoft.Testing.Platform): "Test summary: total: 3, failed: 1, succeeded: 2, skipped: 0, duration: 1.2s". */
    private static final Pattern TESTING_PLATFORM = Pattern.compile(
            "^Test summary: total: (\\d+), failed: (\\d+), succeeded: (\\d+), skipped: (\\d+)");

    static final RunnerFormat MAVEN_SUMMARY = new RunnerFormat("Maven summary line", JvmAndDotnetRunners::maven);
    static final RunnerFormat DOTNET_SUMMARY = new RunnerFormat("dotnet test summary line", JvmAndDotnetRunners::dotnet);

    private JvmAndDotnetRunners() {
    }

    /**
     * The total under each module's "Results:" heading, summed (a multi-module build prints one per
     * module); without such a heading, the last line (a class's line is followed by the total).
     */
    private static Optional<TestCounts> maven(List<String> lines) {
        TestCounts totals = null;
        TestCounts last = null;
        boolean underResults = false;
        for (String line : lines) {
            if (line.endsWith("Results:")) {
                underResults = true;
                continue;
            }
            java.util.regex.Matcher m = MAVEN.matcher(line);
            if (m.find()) {
                last = counts(m);
                if (underResults && m.group(5) == null) {
                    totals = totals == null ? last : totals.plus(last);
                    underResults = false;
                }
            }
        }
        return Optional.ofNullable(totals != null ? totals : last);
    }

    private static TestCounts counts(java.util.regex.Matcher m) {
        return TestCounts.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), number(m.group(3)), number(m.group(4)));
    }

    private static Optional<TestCounts> dotnet(List<String> lines) {
        Optional<TestCounts> vstest = RunnerFormat.sum(lines, VSTEST, m -> TestCounts.of(Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(1)), 0, Integer.parseInt(m.group(3))));
        return vstest.isPresent() ? vstest : RunnerFormat.sum(lines, TESTING_PLATFORM, m -> TestCounts.of(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 0, Integer.parseInt(m.group(4))));
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }
}
