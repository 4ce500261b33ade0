package dev.nightshift.cli;

import dev.nightshift.build.BaseTestFloor.BaseRun;
import dev.nightshift.build.GreenBase;
import dev.nightshift.config.Durations;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.Sandbox;
import dev.nightshift.git.Git;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.testcount.TestCommand;
import dev.nightshift.testcount.TestCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code doctor}'s run of each project's {@code test} on the head of its base, in a fresh clone,
 * under the tests' timeout: the commit, the count and how it was read, or what to fix. The same
 * runner and the same judgement as the batch's, so what doctor says is what the batch will do.
 */
final class BaseTestCheck {

    private final NightshiftSettings settings;
    private final ProcessRunner runner;
    private final ProcessEnvironment environment;
    private final Git git;
    private final TestCommand tests;

    BaseTestCheck(NightshiftSettings settings, ProcessRunner runner, Sandbox sandbox) {
        this.settings = settings;
        this.runner = runner;
        this.environment = ProcessEnvironment.ofSystem(Set.of());
        this.git = new Git(runner, environment);
        this.tests = new TestCommand(runner, environment, sandbox, git, Clock.systemUTC());
    }

    Check check(ProjectQueue project, String repository) {
        String subject = project.name() + " tests";
        String base = project.settings().base();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("nightshift-doctor-");
            Path checkout = scratch.resolve("checkout");
            Path gitLog = scratch.resolve("git.log");
            ProcessResult clone = git.run(scratch, gitLog, "clone", "--quiet", "--depth", "1", "--branch", base,
                    repository.contains("://") || repository.contains("@") ? repository : "file://" + repository,
                    checkout.toString());
            if (!clone.succeeded()) {
                return Check.fail(subject, "could not check out " + base + " to run test: " + Git.reason(clone.tail()),
                        "see the repository check above");
            }
            String commit = git.out(checkout, gitLog, "rev-parse", "HEAD");
            TestCommand.Result result = tests.run(new TestCommand.Run("doctor tests", project.settings().test(), checkout,
                    project.settings().testReports(), settings.timeouts().tests(), scratch.resolve("test.log"), gitLog));
            return judged(project, subject, commit, result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static Check judged(ProjectQueue project, String subject, String commit, TestCommand.Result result) {
        String base = project.settings().base();
        String at = base + " at " + commit.substring(0, Math.min(10, commit.length()));
        ProcessResult process = result.process();
        if (process.timedOut()) {
            return Check.fail(subject, "test timed out on " + at + " after " + Durations.format(result.elapsed()),
                    "make it faster, or raise timeouts.tests in nightshift.yml");
        }
        Optional<TestCounts> counts = result.counts();
        BaseRun run = new BaseRun(commit, counts.map(TestCounts::executed).orElse(null),
                counts.map(TestCounts::unsuccessful).orElse(null), process.exitCode(),
                counts.isEmpty() && process.exitCode() == 0 ? lastLines(process.tail()) : lastLine(process.tail()));
        Optional<String> problem = GreenBase.judge(project.name(), base, run);
        if (problem.isPresent()) {
            return Check.fail(subject, problem.get(), "fix what it names; until then no agent works on " + project.name());
        }
        String took = Durations.format(result.elapsed());
        return Check.ok(subject, at + ": " + counts.map(c -> c.executed() + " tests counted (" + c.source() + "), " + took)
                .orElse("no test yet (exit " + process.exitCode() + "), " + took));
    }

    private static Stream<String> printed(String tail) {
        return tail.lines().filter(l -> !l.startsWith("$ ") && !l.startsWith("nightshift: ") && !l.isBlank())
                .map(String::strip);
    }

    private static String lastLine(String tail) {
        return printed(tail).reduce((a, b) -> b).orElse(null);
    }

    private static String lastLines(String tail) {
        java.util.List<String> lines = printed(tail).toList();
        return lines.isEmpty() ? null : String.join(" ⏎ ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the system cleans it
        }
    }
}
