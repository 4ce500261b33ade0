package dev.nightshift.build;

import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.ProjectSettings;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.ProcessSpec;
import dev.nightshift.spec.Spec;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.Records.GateRun;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The gate before any push: the project's {@code test} and the spec's {@code verify}, both from
 * nightshift's own copy of the settings (never from files the agent could change), must exit 0.
 */
@Component
public class TestGate {

    private final NightshiftSettings settings;
    private final ProcessRunner runner;
    private final ProcessEnvironment environment;
    private final BuildRepository builds;
    private final Clock clock;

    public TestGate(NightshiftSettings settings, ProcessRunner runner, ProcessEnvironment environment,
                    BuildRepository builds, Clock clock) {
        this.settings = settings;
        this.runner = runner;
        this.environment = environment;
        this.builds = builds;
        this.clock = clock;
    }

    public GateResult run(String batchId, ProjectSettings project, Spec spec, Path worktree, Path logs, int attempt) {
        GateResult test = runOne(batchId, spec, "test", project.test(), worktree,
                logs.resolve("test-" + spec.project() + "-" + attempt + ".log"), attempt);
        String verify = spec.meta().effectiveVerify();
        if (!test.passed() || verify == null) {
            return test;
        }
        GateResult verified = runOne(batchId, spec, "verify", verify, worktree,
                logs.resolve("verify-" + spec.project() + "-" + attempt + ".log"), attempt);
        if (!verified.passed()) {
            return verified;
        }
        return new GateResult(true, sum(test.testsRun(), verified.testsRun()),
                sum(test.testsPassed(), verified.testsPassed()), sum(test.testsFailed(), verified.testsFailed()),
                null, verified.tail());
    }

    private GateResult runOne(String batchId, Spec spec, String kind, String command, Path worktree, Path log,
                              int attempt) {
        Instant started = clock.instant();
        Map<String, String> env = environment.forTools(Map.of("CI", "true"));
        ProcessResult process = runner.run(ProcessSpec.of(kind, List.of("bash", "-c", command), worktree, env,
                settings.timeouts().tests(), log));
        boolean passed = process.succeeded();
        String reason = passed ? null
                : process.timedOut() ? "the " + kind + " command timed out after " + process.elapsed().toSeconds() + "s"
                : "the " + kind + " command exited with " + process.exitCode();
        GateResult result = new GateResult(passed, null, null, null, reason, process.tail());
        builds.saveGate(new GateRun(null, batchId, spec.project(), spec.name(), kind, attempt, started,
                clock.instant(), process.exitCode(), process.timedOut(), null, null, null, null, passed, reason,
                log.toString(), process.tail()));
        return result;
    }

    private static Integer sum(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(a + b);
    }
}
