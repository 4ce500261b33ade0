package dev.nightshift.testcount;

import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.ProcessSpec;
import dev.nightshift.exec.Sandbox;
import dev.nightshift.git.Git;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Runs a project's test command in a checkout and counts the tests it ran: the one way nightshift
 * runs tests, for the gate ({@code test} and {@code verify}), base's count, the integration phase
 * and {@code doctor}. Counts come from the JUnit XML reports this very run wrote (see
 * {@link WrittenReports}), else from the runner's closing output ({@link SummaryLines}).
 */
@Component
public class TestCommand {

    /** Only the end of a long log is searched for the runner's summary. */
    private static final long MAX_OUTPUT_BYTES = 4L * 1024 * 1024;

    /**
     * One run.
     *
     * @param label    what it is, for the log: test, verify, base tests, integration
     * @param command  a shell command line, run with {@code bash -c}
     * @param checkout where it runs; a git checkout of the commit under test
     * @param reports  the project's {@code test-reports:} globs (empty: any JUnit XML the run wrote)
     * @param log      where its output goes
     * @param gitLog   where nightshift's own git calls go
     */
    public record Run(String label, String command, Path checkout, List<String> reports, Duration timeout, Path log,
                      Path gitLog) {
    }

    /**
     * How it ended.
     *
     * @param counts empty when nothing the run left or printed can be counted (and after a timeout)
     */
    public record Result(ProcessResult process, Optional<TestCounts> counts, Instant started, Instant ended) {

        public Duration elapsed() {
            return Duration.between(started, ended);
        }

        /** What it printed last, for a reason or a fix attempt. */
        public String tail() {
            return process.tail();
        }
    }

    private final ProcessRunner runner;
    private final ProcessEnvironment environment;
    private final Sandbox sandbox;
    private final Git git;
    private final Clock clock;

    public TestCommand(ProcessRunner runner, ProcessEnvironment environment, Sandbox sandbox, Git git, Clock clock) {
        this.runner = runner;
        this.environment = environment;
        this.sandbox = sandbox;
        this.git = git;
        this.clock = clock;
    }

    public Result run(Run run) {
        WrittenReports reports = new WrittenReports(run.checkout(), run.reports());
        Instant started = clock.instant();
        ProcessResult process = runner.run(processOf(run));
        Instant ended = clock.instant();
        if (process.timedOut()) {
            return new Result(process, Optional.empty(), started, ended);
        }
        Set<Path> written = new TreeSet<>(reports.after(started, ended));
        if (!written.isEmpty()) {
            written.removeAll(inCommit(run, written));
        }
        Optional<TestCounts> fromReports = TestCounter.fromFiles(run.checkout(), written);
        Optional<TestCounts> printed = SummaryLines.parse(printed(process));
        return new Result(process, fromReports.isEmpty() ? printed : worse(fromReports.get(), printed), started, ended);
    }

    /**
     * The reports' counts, unless the runner printed more failures: a report written by the code
     * under test (a hook of its own runner) never hides the failures its runner printed.
     */
    private static Optional<TestCounts> worse(TestCounts reports, Optional<TestCounts> printed) {
        return Optional.of(printed.filter(p -> p.unsuccessful() > reports.unsuccessful()).orElse(reports));
    }

    /**
     * The one place a test command becomes a process: its words, folder, environment and limit. It
     * runs code the agent wrote, so it runs confined like the agent (unless the owner chose none).
     */
    private ProcessSpec processOf(Run run) {
        return sandbox.forTests(ProcessSpec.of(run.label(), List.of("bash", "-c", run.command()), run.checkout(),
                environment.forTools(Map.of("CI", "true")), run.timeout(), run.log()));
    }

    /** Which of {@code files} the checked-out commit's tree holds (read from git's objects, not its index). */
    private Set<Path> inCommit(Run run, Set<Path> files) {
        List<String> args = new ArrayList<>(List.of("ls-tree", "-r", "--name-only", "HEAD", "--"));
        files.forEach(f -> args.add(f.toString()));
        ProcessResult listed = git.run(run.checkout(), run.gitLog(), args);
        if (!listed.succeeded()) {
            // Not a checkout of a commit: nothing in it can be told apart from what the run wrote.
            return files;
        }
        return listed.stdout().lines().filter(l -> !l.isBlank()).map(Path::of).collect(Collectors.toSet());
    }

    /** What the command printed (masked, from its log, up to its last 4 MiB), without nightshift's own lines. */
    public static String printed(ProcessResult process) {
        Path log = process.logFile();
        try {
            if (log != null && Files.isRegularFile(log)) {
                try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                    long start = Math.max(0, file.length() - MAX_OUTPUT_BYTES);
                    byte[] bytes = new byte[(int) (file.length() - start)];
                    file.seek(start);
                    file.readFully(bytes);
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
}
