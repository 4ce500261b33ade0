package dev.nightshift.testcount;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's runners: unittest (and Django's {@code manage.py test}, which prints the same), pytest. */
final class PythonRunners {

    /** "Ran 16 tests in 0.051s", then after a blank line "OK", "OK (skipped=1)", "FAILED (failures=1, errors=2)", "NO TESTS RAN". */
    private static final Pattern RAN = Pattern.compile("^Ran (\\d+) tests? in [\\d.]+s$");
    private static final Pattern VERDICT = Pattern.compile("^(OK|FAILED|NO TESTS RAN)\\b\\s*(?:\\((.*)\\))?");

    /** pytest's last line, framed ("==== 1 failed, 2 passed in 0.61s ====") or not (-q): "2 passed in 0.14s". */
    private static final Pattern PYTEST = Pattern.compile("^=*\\s*((?:\\d+ (?:passed|failed|errors?|skipped|xfailed|xpassed|deselected|warnings?|rerun)(?:, )?)+"
            + "|no tests ran) in [\\d.]+s"
            + "(?: \\([\\d:.]+\\))?\\s*=*$");

    /** pytest -qq prints no summary, only its progress: ".FEsx      [100%]". */
    private static final Pattern PROGRESS = Pattern.compile("^([.FEsxX]+)\\s*\\[\\s*\\d+%\\]$");

    static final RunnerFormat UNITTEST = new RunnerFormat("unittest summary line", PythonRunners::unittest);
    static final RunnerFormat PYTEST_SUMMARY = new RunnerFormat("pytest summary line", PythonRunners::pytest);
    static final RunnerFormat PYTEST_PROGRESS = new RunnerFormat("pytest progress line", PythonRunners::progress);

    private PythonRunners() {
    }

    private static Optional<TestCounts> unittest(List<String> lines) {
        TestCounts total = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher ran = RAN.matcher(lines.get(i).strip());
            if (!ran.matches()) {
                continue;
            }
            int run = Integer.parseInt(ran.group(1));
            String details = "";
            for (int j = i + 1; j < Math.min(lines.size(), i + 4); j++) {
                Matcher verdict = VERDICT.matcher(lines.get(j).strip());
                if (verdict.find()) {
                    details = verdict.group(2) == null ? "" : verdict.group(2);
                    break;
                }
            }
            TestCounts one = TestCounts.of(run, keyed(details, "failures"), keyed(details, "errors"),
                    keyed(details, "skipped") + keyed(details, "expected failures"));
            total = total == null ? one : total.plus(one);
        }
        return Optional.ofNullable(total);
    }

    /** "failures=1" in "failures=1, errors=2, skipped=1". */
    private static int keyed(String details, String key) {
        Matcher m = Pattern.compile("(?:^|, )" + key + "=(\\d+)").matcher(details);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static Optional<TestCounts> pytest(List<String> lines) {
        return RunnerFormat.sum(lines, PYTEST, m -> {
            String parts = m.group(1);
            int passed = RunnerFormat.count(parts, "passed") + RunnerFormat.count(parts, "xpassed");
            int failed = RunnerFormat.count(parts, "failed");
            int errors = RunnerFormat.count(parts, "errors?");
            int skipped = RunnerFormat.count(parts, "skipped") + RunnerFormat.count(parts, "xfailed");
            return TestCounts.of(passed + failed + errors + skipped, failed, errors, skipped);
        });
    }

    private static Optional<TestCounts> progress(List<String> lines) {
        return RunnerFormat.sum(lines, PROGRESS, m -> {
            String marks = m.group(1);
            int failed = (int) marks.chars().filter(c -> c == 'F').count();
            int errors = (int) marks.chars().filter(c -> c == 'E').count();
            int skipped = (int) marks.chars().filter(c -> c == 's' || c == 'x').count();
            return TestCounts.of(marks.length(), failed, errors, skipped);
        });
    }
}
