package dev.nightshift.build;

import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.ProjectSettings;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.ProcessSpec;
import dev.nightshift.exec.Sandbox;
import dev.nightshift.git.Git;
import dev.nightshift.git.GitException;
import dev.nightshift.git.Worktrees;
import dev.nightshift.store.BaseTestCountRepository;
import dev.nightshift.store.BaseTestCountRepository.BaseTestCount;
import dev.nightshift.store.IntegrationRepository;
import dev.nightshift.testcount.TestCounter;
import dev.nightshift.testcount.TestCounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
     * @param exitCode its exit; {@code null} when not known
     * @param said     the shell's complaint or the run's last line; {@code null} when it printed nothing
     */
    public record BaseRun(String commit, Integer executed, Integer exitCode, String said) {
        public String shortCommit() {
            return shortSha(commit);
        }

        static String shortSha(String commit) {
            return commit.substring(0, Math.min(10, commit.length()));
        }
    }

    /** A line longer than this is cut: it goes into a one-line reason. */
    private static final int MAX_SAID = 300;

    private final NightshiftSettings settings;
    private final Git git;
    private final Worktrees worktrees;
    private final ProcessRunner runner;
    private final ProcessEnvironment environment;
    private final Sandbox sandbox;
    private final BaseTestCountRepository counts;
    private final IntegrationRepository integrationRuns;
    private final Clock clock;

    public BaseTestFloor(NightshiftSettings settings, Git git, Worktrees worktrees, ProcessRunner runner,
                         ProcessEnvironment environment, Sandbox sandbox, BaseTestCountRepository counts,
                         IntegrationRepository integrationRuns, Clock clock) {
        this.settings = settings;
        this.git = git;
        this.worktrees = worktrees;
        this.runner = runner;
        this.environment = environment;
        this.sandbox = sandbox;
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
        String hash = sha256(projectSettings.test());
        // A red result is measured again in the next batch (a flaky failure holds the project once).
        BaseTestCount known = counts.find(project, commit, hash)
                .filter(c -> c.exitCode() == null || c.exitCode() == 0 || batchId.equals(c.batchId()))
                .or(() -> fromIntegration(batchId, project, projectSettings, commit, hash))
                .orElseGet(() -> measure(batchId, project, projectSettings, clone, commit, hash, logs, gitLog));
        return Optional.of(new BaseRun(commit, known.testsExecuted(), known.exitCode(), known.said()));
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
                            clock.instant(), said(run.exitCode() == null ? 0 : run.exitCode(), run.tail()));
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
            Instant started = clock.instant();
            Path logFile = logs.resolve("base-tests-" + project + ".log");
            ProcessResult run = runner.run(sandbox.forTests(ProcessSpec.of("base tests", List.of("bash", "-c",
                    projectSettings.test()), checkout, environment.forTools(Map.of("CI", "true")), settings.timeouts().tests(),
                    logFile)));
            Optional<TestCounts> counted = run.timedOut() ? Optional.empty()
                    : TestCounter.count(checkout, started, TestGate.output(run));
            BaseTestCount measured = new BaseTestCount(project, commit, hash, batchId,
                    counted.map(TestCounts::run).orElse(null), counted.map(TestCounts::executed).orElse(null),
                    run.exitCode(), counted.map(TestCounts::source).orElse(null), clock.instant(),
                    run.timedOut() ? "timed out after " + run.elapsed().toSeconds() + "s" : said(run.exitCode(), run.tail()));
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

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
