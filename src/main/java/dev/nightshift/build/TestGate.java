package dev.nightshift.build;

import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.ProjectSettings;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.ProcessSpec;
import dev.nightshift.exec.Sandbox;
import dev.nightshift.spec.Spec;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.Records.GateRun;
import dev.nightshift.testcount.TestCounter;
import dev.nightshift.testcount.TestCounts;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The gate before any push, which the agent cannot move: the project's {@code test} and the
 * spec's {@code verify}, both from nightshift's own copy of the settings (never from files the
 * agent could change), must exit 0; and {@code test} must have run tests (counted from the JUnit
 * XML reports the run left, else the runner's summary line), no fewer than base runs.
 */
@Component
public class TestGate {

    /** Only the end of a long log is searched for the runner's summary line. */
    private static final long MAX_OUTPUT_BYTES = 4L * 1024 * 1024;

    private final NightshiftSettings settings;
    private final ProcessRunner runner;
    private final ProcessEnvironment environment;
    private final Sandbox sandbox;
    private final BuildRepository builds;
    private final BaseTestFloor base;
    private final Clock clock;

    public TestGate(NightshiftSettings settings, ProcessRunner runner, ProcessEnvironment environment, Sandbox sandbox,
                    BuildRepository builds, BaseTestFloor base, Clock clock) {
        this.settings = settings;
        this.runner = runner;
        this.environment = environment;
        this.sandbox = sandbox;
        this.builds = builds;
        this.base = base;
        this.clock = clock;
    }

    /** Where the gate runs: the spec's worktree; base is counted in a checkout of nightshift's clone. */
    public record Where(String batchId, ProjectSettings project, Spec spec, Path worktree, Path repository, Path logs,
                        int attempt) {
    }

    public GateResult run(Where where) {
        Run test = runOne(where, "test", where.project().test());
        GateResult testResult = judgeTest(where, test);
        record(where, "test", test, testResult);
        String verify = where.spec().meta().effectiveVerify();
        if (!testResult.passed() || verify == null) {
            return testResult;
        }
        Run verified = runOne(where, "verify", verify);
        GateResult verifyResult = verified.process().succeeded()
                ? counted(true, verified.counts(), null, verified.process().tail())
                : counted(false, verified.counts(), failure("verify", verified.process()), verified.process().tail());
        record(where, "verify", verified, verifyResult);
        if (!verifyResult.passed()) {
            return verifyResult;
        }
        return new GateResult(true, sum(testResult.testsRun(), verifyResult.testsRun()),
                sum(testResult.testsPassed(), verifyResult.testsPassed()),
                sum(testResult.testsFailed(), verifyResult.testsFailed()), null, verifyResult.tail());
    }

    private GateResult judgeTest(Where where, Run test) {
        ProcessResult process = test.process();
        Optional<TestCounts> counts = test.counts();
        if (!process.succeeded()) {
            return counted(false, counts, failure("test", process), process.tail());
        }
        if (counts.isEmpty()) {
            return counted(false, counts, "the test command left no JUnit XML report and printed no summary line"
                    + " nightshift can read, so nothing shows that any test ran", process.tail());
        }
        if (counts.get().executed() == 0) {
            return counted(false, counts, "the test command ran no test (" + counts.get().run() + " found, "
                    + counts.get().skipped() + " skipped; from the " + counts.get().source() + ")", process.tail());
        }
        Optional<BaseTestFloor.Floor> floor = base.floor(where.batchId(), where.spec().project(), where.project(),
                where.repository(), where.logs());
        if (floor.isPresent() && counts.get().executed() < floor.get().executed()) {
            return counted(false, counts, "the test command ran " + counts.get().executed() + " test(s), fewer than the "
                    + floor.get().executed() + " that " + where.project().base() + " runs (at "
                    + floor.get().shortCommit() + "): tests were deleted or skipped", process.tail());
        }
        return counted(true, counts, null, process.tail());
    }

    private record Run(ProcessResult process, Optional<TestCounts> counts, Instant started, Path log) {
    }

    private Run runOne(Where where, String kind, String command) {
        Instant started = clock.instant();
        Path log = where.logs().resolve(kind + "-" + where.spec().project() + "-" + where.attempt() + ".log");
        Map<String, String> env = environment.forTools(Map.of("CI", "true"));
        ProcessResult process = runner.run(sandbox.forTests(ProcessSpec.of(kind, List.of("bash", "-c", command),
                where.worktree(), env, settings.timeouts().tests(), log)));
        Optional<TestCounts> counts = process.timedOut() ? Optional.empty()
                : TestCounter.count(where.worktree(), started, output(process));
        return new Run(process, counts, started, log);
    }

    private void record(Where where, String kind, Run run, GateResult result) {
        Optional<TestCounts> c = run.counts();
        builds.saveGate(new GateRun(null, where.batchId(), where.spec().project(), where.spec().name(), kind,
                where.attempt(), run.started(), clock.instant(), run.process().exitCode(), run.process().timedOut(),
                c.map(TestCounts::run).orElse(null), c.map(TestCounts::passed).orElse(null),
                c.map(t -> t.failed() + t.errors()).orElse(null), c.map(TestCounts::skipped).orElse(null),
                result.passed(), result.reason(), run.log().toString(), run.process().tail()));
    }

    private static GateResult counted(boolean passed, Optional<TestCounts> counts, String reason, String tail) {
        return new GateResult(passed, counts.map(TestCounts::run).orElse(null), counts.map(TestCounts::passed).orElse(null),
                counts.map(t -> t.failed() + t.errors()).orElse(null), reason, tail);
    }

    private static String failure(String kind, ProcessResult process) {
        return process.timedOut() ? "the " + kind + " command timed out after " + process.elapsed().toSeconds() + "s"
                : "the " + kind + " command exited with " + process.exitCode();
    }

    /** What the command printed (masked, from its log), for the runner's summary line. */
    static String output(ProcessResult process) {
        Path log = process.logFile();
        try {
            if (log != null && Files.isRegularFile(log)) {
                try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                    long start = Math.max(0, file.length() - MAX_OUTPUT_BYTES);
                    byte[] bytes = new byte[(int) (file.length() - start)];
                    file.seek(start);
                    file.readFully(bytes);
                    // nightshift's own lines (the command line, the exit) are not the runner's output
                    return new String(bytes, StandardCharsets.UTF_8).lines()
                            .filter(l -> !l.startsWith("$ ") && !l.startsWith("nightshift: "))
                            .collect(Collectors.joining("\n"));
                }
            }
        } catch (IOException e) {
            // the tail below still holds the end of the output
        }
        return process.tail();
    }

    private static Integer sum(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(a + b);
    }
}
