package dev.nightshift.testcount;

import java.util.List;
import java.util.Optional;

/**
 * Reads the counts from what a test command printed, when it left no JUnit XML. Each family is
 * one runner's ways of saying it, most telling first: the first that reads decides for that
 * runner (prove's summary over the TAP lines it shows, gotestsum's over go's lines). Different
 * runners in one output (a monorepo's packages) add up.
 */
final class SummaryLines {

    static final List<List<RunnerFormat>> FAMILIES = List.of(
            List.of(JvmAndDotnetRunners.MAVEN_SUMMARY),
            List.of(PythonRunners.UNITTEST),
            List.of(PythonRunners.PYTEST_SUMMARY, PythonRunners.PYTEST_PROGRESS),
            List.of(JavaScriptRunners.JEST_SUMMARY),
            List.of(JavaScriptRunners.VITEST_SUMMARY),
            List.of(JavaScriptRunners.MOCHA_SUMMARY),
            List.of(TapRunners.PROVE_SUMMARY, JavaScriptRunners.NODE_SUMMARY, TapRunners.TAP),
            List.of(ScriptingRunners.PHPUNIT_SUMMARY),
            List.of(ScriptingRunners.RSPEC_SUMMARY),
            List.of(ScriptingRunners.MINITEST_SUMMARY),
            List.of(ScriptingRunners.EXUNIT_SUMMARY),
            List.of(NativeRunners.CTEST_SUMMARY),
            List.of(JvmAndDotnetRunners.DOTNET_SUMMARY),
            List.of(NativeRunners.NEXTEST_SUMMARY),
            List.of(NativeRunners.CARGO_SUMMARY),
            List.of(NativeRunners.GOTESTSUM_SUMMARY, NativeRunners.GO_VERBOSE),
            List.of(NativeRunners.XCTEST_SUMMARY),
            List.of(NativeRunners.SWIFT_TESTING_SUMMARY),
            List.of(PlainLine.PLAIN_SUMMARY));

    private SummaryLines() {
    }

    static Optional<TestCounts> parse(String output) {
        List<String> lines = OutputText.lines(output);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        TestCounts total = null;
        for (List<RunnerFormat> family : FAMILIES) {
            for (RunnerFormat format : family) {
                Optional<TestCounts> counts = format.read(lines);
                if (counts.isPresent()) {
                    total = total == null ? counts.get() : total.plus(counts.get());
                    break;
                }
            }
        }
        return Optional.ofNullable(total);
    }
}
