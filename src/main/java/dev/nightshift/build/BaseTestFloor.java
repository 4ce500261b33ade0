package dev.nightshift.build;

import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.ProjectSettings;
import dev.nightshift.git.Git;
import dev.nightshift.git.GitException;
import dev.nightshift.git.Worktrees;
import dev.nightshift.store.BaseTestCountRepository;
import dev.nightshift.store.BaseTestCountRepository.BaseTestCount;
import dev.nightshift.store.IntegrationRepository;
import dev.nightshift.testcount.TestCommand;
import dev.nightshift.testcount.TestCounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How the project's {@code test} command ends on the head of base, and how many tests it runs
 * there: the floor below which a branch's gate fails ({@link GreenBase} reads whether it passed). It is measured by running that same command in a checkout of the
 * commit, once per commit and command, and kept in the database. When the project's
 * {@code integration} command is that same command and its latest integration run, at this very
 * commit, counted the tests, that count is the floor and the tests are not run again (issue 4:
 * the base count comes from the integration phase); a different {@code integration} command may
 * run a different set of tests, so its count is never used.
 */
@Component
public class BaseTestFloor {

    private static final Logger log = LoggerFactory.getLogger(BaseTestFloor.class);

    /** The floor: what base ran at a commit. */
    public record Floor(String commit, int executed) {
        public String shortCommit() {
            return BaseRun.shortSha(commit);
        }
    }

    /**
     * How the test command ended on base's head, measured or remembered.
     *
     * @param executed the tests it ran; {@code null} when nothing countable was left
     * @param failed   the tests counted as failed or in error; {@code null} when nothing was counted
     * @param exitCode its exit; {@code null} when not known
     * @param said     the shell's complaint or the run's last line, or when nothing was counted its
     *                 last lines; {@code null} when it printed nothing
     */
    public record BaseRun(String commit, Integer executed, Integer failed, Integer exitCode, String said) {
        public String shortCommit() {
            return shortSha(commit);
        }

        static String shortSha(String commit) {
            return commit.substring(0, Math.min(10, commit.length()));
        }
    }

    /** A line longer than this is cut: it goes into a one-line reason. */
    private static final int MAX_SAID = 300;
    /** What an uncountable run printed last is shown in this many lines. */
    private static final int UNCOUNTED_LINES = 3;

    private final NightshiftSettings settings;
    private final Git git;
    private final Worktrees worktrees;
    private final TestCommand tests;
    private final BaseTestCountRepository counts;
    private final IntegrationRepository integrationRuns;
    private final Clock clock;

    public BaseTestFloor(NightshiftSettings settings, Git git, Worktrees worktrees, TestCommand tests,
                         BaseTestCountRepository counts, IntegrationRepository integrationRuns, Clock clock) {
        this.settings = settings;
        this.git = git;
        this.worktrees = worktrees;
        this.tests = tests;
        this.counts = counts;
        this.integrationRuns = integrationRuns;
        this.clock = clock;
    }

    /** The floor for base's head now; empty when base's run could not be counted. */
    public Optional<Floor> floor(String batchId, String project, ProjectSettings projectSettings, Path clone, Path logs) {
        return onBase(batchId, project, projectSettings, clone, logs)
                .filter(run -> run.executed() != null)
                .map(run -> new Floor(run.commit(), run.executed()));
    }

    /**
     * How the test command ends on base's head now, run once per commit and command; empty when
     * base's head cannot be told.
     */
    public Optional<BaseRun> onBase(String batchId, String project, ProjectSettings projectSettings, Path clone,
                                    Path logs) {
        Path gitLog = logs.resolve("git-" + project + ".log");
        String commit;
        try {
            commit = git.out(clone, gitLog, "rev-parse", "refs/remotes/origin/" + projectSettings.base());
        } catch (GitException e) {
            log.warn("cannot tell base's head of {}: {}", project, e.getMessage());
            return Optional.empty();
        }
        // What is counted depends on the command and on where its reports are read.
        String hash = sha256(projectSettings.test() + (projectSettings.testReports().isEmpty() ? ""
                : "\ntest-reports: " + String.join(", ", projectSettings.testReports())));
        // A red result is measured again in the next batch (a flaky failure holds the project once).
        BaseTestCount known = counts.find(project, commit, hash)
                .filter(c -> (c.exitCode() == null || c.exitCode() == 0) && (c.testsFailed() == null || c.testsFailed() == 0)
                        || batchId.equals(c.batchId()))
                .or(() -> fromIntegration(batchId, project, projectSettings, commit, hash))
                .orElseGet(() -> measure(batchId, project, projectSettings, clone, commit, hash, logs, gitLog));
        return Optional.of(new BaseRun(commit, known.testsExecuted(), known.testsFailed(), known.exitCode(), known.said()));
    }

    /** The count of the latest integration run, when it ran the same command at the same commit and counted. */
    private Optional<BaseTestCount> fromIntegration(String batchId, String project, ProjectSettings projectSettings,
                                                    String commit, String hash) {
        String integration = projectSettings.integration();
        if (integration == null || !integration.strip().equals(projectSettings.test().strip())) {
            return Optional.empty();
        }
        return integrationRuns.latest(project)
                .filter(run -> run.commitSha().equals(commit) && run.testsRun() != null && run.testsPassed() != null)
                .map(run -> {
                    int failed = run.testsFailed() == null ? 0 : run.testsFailed();
                    BaseTestCount count = new BaseTestCount(project, commit, hash, batchId, run.testsRun(),
                            run.testsPassed() + failed, run.exitCode(), "integration " + run.batchId(),
                            clock.instant(), said(run.exitCode() == null ? 0 : run.exitCode(), run.tail()), failed);
                    counts.save(count);
                    log.info("{} ran {} test(s) on {} at {} in its integration run (the same command): not run again",
                            project, count.testsExecuted(), projectSettings.base(), commit.substring(0, 10));
                    return count;
                });
    }

    private BaseTestCount measure(String batchId, String project, ProjectSettings projectSettings, Path clone, String commit,
                                  String hash, Path logs, Path gitLog) {
        log.info("counting the tests of {} on {} at {}", project, projectSettings.base(), commit.substring(0, 10));
        Path checkout = worktrees.checkout(clone, project, "base-tests", commit, gitLog);
        try {
            Path logFile = logs.resolve("base-tests-" + project + ".log");
            TestCommand.Result run = tests.run(new TestCommand.Run("base tests", projectSettings.test(), checkout,
                    projectSettings.testReports(), settings.timeouts().tests(), logFile, gitLog));
            Optional<TestCounts> counted = run.counts();
            int exit = run.process().exitCode();
            String said = run.process().timedOut() ? "timed out after " + run.process().elapsed().toSeconds() + "s"
                    : counted.isEmpty() && exit == 0 ? lastLines(run.tail()) : said(exit, run.tail());
            BaseTestCount measured = new BaseTestCount(project, commit, hash, batchId,
                    counted.map(TestCounts::run).orElse(null), counted.map(TestCounts::executed).orElse(null),
                    exit, counted.map(TestCounts::source).orElse(null), clock.instant(), said,
                    counted.map(TestCounts::unsuccessful).orElse(null));
            counts.save(measured);
            log.info("{} ran {} test(s) on {} at {}", project, measured.testsExecuted() == null ? "an unknown number of"
                    : measured.testsExecuted(), projectSettings.base(), commit.substring(0, 10));
            return measured;
        } finally {
            worktrees.remove(clone, checkout, gitLog);
        }
    }

    /**
     * The line that tells the owner most: a shell that could not run the command (126, 127) says
     * why on its first line; a runner ends with its summary or its error.
     */
    static String said(int exitCode, String tail) {
        List<String> printed = tail == null ? List.of() : tail.lines()
                .filter(l -> !l.startsWith("$ ") && !l.startsWith("nightshift: ") && !l.isBlank())
                .map(String::strip).toList();
        if (printed.isEmpty()) {
            return null;
        }
        String line = exitCode == 126 || exitCode == 127 ? printed.get(0) : printed.get(printed.size() - 1);
        return line.length() > MAX_SAID ? line.substring(0, MAX_SAID) + "…" : line;
    }

    /** The last lines a run printed, on one line: what the owner sees of a run nothing could be counted in. */
    static String lastLines(String tail) {
        List<String> printed = tail == null ? List.of() : tail.lines()
                .filter(l -> !l.startsWith("$ ") && !l.startsWith("nightshift: ") && !l.isBlank())
                .map(String::strip).toList();
        if (printed.isEmpty()) {
            return null;
        }
        String lines = String.join(" ⏎ ", printed.subList(Math.max(0, printed.size() - UNCOUNTED_LINES), printed.size()));
        return lines.length() > MAX_SAID ? "…" + lines.substring(lines.length() - MAX_SAID) : lines;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
