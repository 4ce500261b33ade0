package dev.nightshift.build;

import dev.nightshift.build.GateResult.Verdict;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.ProjectSettings;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.spec.Spec;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.Records.GateRun;
import dev.nightshift.testcount.TestCommand;
import dev.nightshift.testcount.TestCounts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The gate before any push, which the agent cannot move: the project's {@code test} and the
 * spec's {@code verify}, both from nightshift's own copy of the settings (never from files the
 * agent could change), must exit 0; and {@code test} must have run tests (counted from the JUnit
 * XML reports this run wrote, else the runner's closing output), none of them failed whatever the
 * exit, and no fewer than base runs.
 */
@Component
class TestGate {

    private final NightshiftSettings settings;
    private final TestCommand tests;
    private final BuildRepository builds;
    private final BaseTestFloor base;
    private final Clock clock;

    public TestGate(NightshiftSettings settings, TestCommand tests, BuildRepository builds, BaseTestFloor base,
                    Clock clock) {
        this.settings = settings;
        this.tests = tests;
        this.builds = builds;
        this.base = base;
        this.clock = clock;
    }

    /** Where the gate runs: the spec's worktree; base is counted in a checkout of nightshift's clone. */
    public record Where(String batchId, ProjectSettings project, Spec spec, Path worktree, Path repository, Path logs,
                        int attempt) {
    }

    public GateResult run(Where where) {
        TestCommand.Result test = runOne(where, "test", where.project().test());
        GateResult testResult = judgeTest(where, test);
        record(where, "test", test, testResult);
        String verify = where.spec().meta().effectiveVerify();
        if (!testResult.passed() || verify == null) {
            return testResult;
        }
        TestCommand.Result verified = runOne(where, "verify", verify);
        Optional<String> verifyFailure = failures("verify", verified);
        GateResult verifyResult = verifyFailure.isEmpty()
                ? counted(Verdict.PASSED, verified.counts(), null, verified.tail())
                : counted(Verdict.FAILED, verified.counts(), verifyFailure.get(), verified.tail());
        record(where, "verify", verified, verifyResult);
        if (!verifyResult.passed()) {
            return verifyResult;
        }
        return new GateResult(Verdict.PASSED, sum(testResult.testsRun(), verifyResult.testsRun()),
                sum(testResult.testsPassed(), verifyResult.testsPassed()),
                sum(testResult.testsFailed(), verifyResult.testsFailed()), null, verifyResult.tail());
    }

    private GateResult judgeTest(Where where, TestCommand.Result test) {
        Optional<TestCounts> counts = test.counts();
        Optional<String> failure = failures("test", test);
        if (failure.isPresent()) {
            return counted(Verdict.FAILED, counts, failure.get(), test.tail());
        }
        if (counts.isEmpty()) {
            return counted(Verdict.NOT_COUNTED, counts, "the test command exited 0, but it wrote no JUnit XML report"
                    + " and printed no closing line of a runner nightshift reads, so nothing shows that any test ran"
                    + " (name its reports in test-reports: in wip-specs/" + where.spec().project() + "/project.yml)",
                    test.tail());
        }
        if (counts.get().executed() == 0) {
            return counted(Verdict.FAILED, counts, "the test command ran no test (" + counts.get().run() + " found, "
                    + counts.get().skipped() + " skipped; from the " + counts.get().source() + ")", test.tail());
        }
        Optional<BaseTestFloor.Floor> floor = base.floor(where.batchId(), where.spec().project(), where.project(),
                where.repository(), where.logs());
        if (floor.isPresent() && counts.get().executed() < floor.get().executed()) {
            return counted(Verdict.FAILED, counts, "the test command ran " + counts.get().executed() + " test(s), fewer"
                    + " than the " + floor.get().executed() + " that " + where.project().base() + " runs (at "
                    + floor.get().shortCommit() + "): tests were deleted or skipped", test.tail());
        }
        return counted(Verdict.PASSED, counts, null, test.tail());
    }

    /**
     * Why a run failed: its exit, its timeout, or tests it counted as failed. A runner that prints
     * "0 passed, 2 failed" and exits 0 has failed all the same.
     */
    private static Optional<String> failures(String kind, TestCommand.Result run) {
        ProcessResult process = run.process();
        if (process.timedOut()) {
            return Optional.of("the " + kind + " command timed out after " + process.elapsed().toSeconds() + "s");
        }
        Optional<TestCounts> counts = run.counts();
        String counted = counts.map(c -> " (" + c.describe() + ", from the " + c.source() + ")").orElse("");
        if (!process.succeeded()) {
            return Optional.of("the " + kind + " command exited with " + process.exitCode() + counted);
        }
        if (counts.isPresent() && counts.get().unsuccessful() > 0) {
            return Optional.of("the " + kind + " command exited 0, but " + counts.get().unsuccessful()
                    + " test(s) failed" + counted);
        }
        return Optional.empty();
    }

    private TestCommand.Result runOne(Where where, String kind, String command) {
        Path log = where.logs().resolve(kind + "-" + where.spec().project() + "-" + where.attempt() + ".log");
        return tests.run(new TestCommand.Run(kind, command, where.worktree(), where.project().testReports(),
                settings.timeouts().tests(), log, where.logs().resolve("git-" + where.spec().project() + ".log")));
    }

    private void record(Where where, String kind, TestCommand.Result run, GateResult result) {
        Optional<TestCounts> c = run.counts();
        builds.saveGate(new GateRun(null, where.batchId(), where.spec().project(), where.spec().name(), kind,
                where.attempt(), run.started(), clock.instant(), run.process().exitCode(), run.process().timedOut(),
                c.map(TestCounts::run).orElse(null), c.map(TestCounts::passed).orElse(null),
                c.map(TestCounts::unsuccessful).orElse(null), c.map(TestCounts::skipped).orElse(null),
                result.passed(), result.reason(), run.process().logFile().toString(), run.tail()));
    }

    private static GateResult counted(Verdict verdict, Optional<TestCounts> counts, String reason, String tail) {
        return new GateResult(verdict, counts.map(TestCounts::run).orElse(null), counts.map(TestCounts::passed).orElse(null),
                counts.map(TestCounts::unsuccessful).orElse(null), reason, tail);
    }

    private static Integer sum(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(a + b);
    }
}
