package dev.nightshift.agent;

import dev.nightshift.config.AgentKind;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.ProcessSpec;
import dev.nightshift.exec.Sandbox;
import dev.nightshift.io.AtomicFiles;
import dev.nightshift.store.AgentRunRepository;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.Budget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the agent once: checks the budget, writes the prompt outside the worktree (and removes it
 * after the run), starts the configured CLI with only the allowed environment, and records time,
 * exit, cost and tokens.
 */
@Component
public class AgentRunner {

    private static final Logger log = LoggerFactory.getLogger(AgentRunner.class);
    static final String BUDGET_NOTE = "Budget reached: no agent run was started";
    /** Put at the top of the report of every batch in which an agent ran without the sandbox. */
    public static final String UNCONFINED_NOTE = "The agent ran unconfined (agent.sandbox: none in nightshift.yml):"
            + " it could read the owner's files and use the owner's credentials, and only nightshift's checks stood"
            + " between it and the push.";

    /** One run's inputs. {@code purpose} is build, fix, merge or review. */
    public record Request(String batchId, String project, String spec, String task, String purpose, int attempt,
                          Path workDir, String prompt, Path logFile, Duration timeout) {
    }

    /** How a run ended. */
    public enum Status {
        /** The agent finished and said it succeeded; the gate still decides. */
        SUCCEEDED,
        /** The agent exited with an error or reported one, failing at the work: the spec's failure. */
        FAILED,
        /**
         * The run failed for a reason outside the work ({@code result().cause()} names it): the
         * budget cap nightshift passed, credentials the service refused, the service down,
         * overloaded or limiting its rate. Never the spec's failure.
         */
        SERVICE_FAILED,
        /** Its own limit or the phase's deadline ended it; its tree was killed. */
        TIMED_OUT,
        /** The budget was reached: not started. */
        BUDGET_STOPPED,
        /** nightshift was told to stop: not started, or ended by the stop (not a timeout). */
        STOPPED,
        /**
         * The agent command could not be started (not on PATH, not an executable file), or its
         * launcher could not start its program (exit 126 or 127, see {@link ProgramStart}): a
         * setup problem the summary names with its setting, never the spec's failure.
         */
        NOT_STARTED
    }

    /** The summary of a run that nightshift's stop ended, as stored and reported. */
    public static final String STOPPED_SUMMARY = "stopped: nightshift was told to stop while the agent ran";

    public record Outcome(Status status, AgentResult result, Duration elapsed, Long runId, String budget) {
        public boolean succeeded() {
            return status == Status.SUCCEEDED;
        }
    }

    private final Home home;
    private final NightshiftSettings settings;
    private final Map<AgentKind, CodingAgent> kinds;
    private final ProcessRunner runner;
    private final ProcessEnvironment environment;
    private final AgentRunRepository runs;
    private final Budget budget;
    private final BatchRepository batches;
    private final Sandbox sandbox;
    private final Clock clock;

    public AgentRunner(Home home, NightshiftSettings settings, List<CodingAgent> kinds, ProcessRunner runner,
                       ProcessEnvironment environment, AgentRunRepository runs, Budget budget, BatchRepository batches,
                       Sandbox sandbox, Clock clock) {
        this.home = home;
        this.settings = settings;
        this.kinds = kinds.stream().collect(Collectors.toMap(CodingAgent::kind, Function.identity()));
        this.runner = runner;
        this.environment = environment;
        this.runs = runs;
        this.budget = budget;
        this.batches = batches;
        this.sandbox = sandbox;
        this.clock = clock;
    }

    public Outcome run(Request request) {
        return run(request, settings.agent().command(), "agent.command");
    }

    /**
     * Puts the stop at the top of the batch's report (its notes), once per batch, in words that
     * stay true when the report is rendered again after the budget reset.
     */
    private void noteBudgetStop(String batchId, Budget.State spend) {
        boolean noted = batches.find(batchId).map(b -> b.note() != null && b.note().contains(BUDGET_NOTE)).orElse(false);
        if (!noted) {
            batches.addNote(batchId, BUDGET_NOTE + " (" + spend.describe() + "; stop-at "
                    + spend.stopAt().movePointRight(2).stripTrailingZeros().toPlainString() + "%).");
        }
    }

    /**
     * Runs {@code command} (the build agent's, or the supervisor's) as the configured kind.
     *
     * @param key the setting the command comes from, to name it when it cannot be started
     */
    public Outcome run(Request request, String command, String key) {
        if (runner.stopping()) {
            return new Outcome(Status.STOPPED, AgentResult.withoutUsage(false, "was not started: nightshift is stopping"),
                    Duration.ZERO, null, null);
        }
        AgentCommand.Resolved resolved = AgentCommand.resolve(command, key, home.root(), environment.get("PATH"));
        if (!resolved.startable()) {
            log.warn("{}; the agent is not started for {}/{}", resolved.problem(), request.project(), request.spec());
            return new Outcome(Status.NOT_STARTED, AgentResult.withoutUsage(false, resolved.problem()), Duration.ZERO,
                    null, null);
        }
        Optional<String> noSandbox = sandbox.problem();
        if (noSandbox.isPresent()) {
            log.warn("{}; the agent is not started for {}/{}", noSandbox.get(), request.project(), request.spec());
            return new Outcome(Status.NOT_STARTED, AgentResult.withoutUsage(false, noSandbox.get()), Duration.ZERO,
                    null, null);
        }
        Budget.State spend = budget.now();
        if (!spend.allowsRun()) {
            log.warn("budget reached ({}); the agent is not started for {}/{}", spend.describe(), request.project(),
                    request.spec());
            noteBudgetStop(request.batchId(), spend);
            return new Outcome(Status.BUDGET_STOPPED,
                    AgentResult.withoutUsage(false, "not started: budget reached, " + spend.describe()),
                    Duration.ZERO, null, spend.describe());
        }
        CodingAgent agent = kinds.get(settings.agent().kind());
        if (agent == null) {
            throw new IllegalStateException("agent kind " + settings.agent().kind() + " is not available in this version");
        }
        String marker = runner.newMarker();
        Path scratch = home.prompts().resolve(marker.replace('/', '-'));
        Path promptFile = scratch.resolveSibling(scratch.getFileName() + ".md");
        try {
            AtomicFiles.write(promptFile, request.prompt());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the prompt file " + promptFile, e);
        }
        Map<String, String> own = new LinkedHashMap<>();
        own.put("NIGHTSHIFT_PROMPT_FILE", promptFile.toString());
        own.put("NIGHTSHIFT_PROJECT", request.project());
        own.put("NIGHTSHIFT_SPEC", request.spec() == null ? "" : request.spec());
        own.put("NIGHTSHIFT_TASK", request.task() == null ? "" : request.task());
        own.put("NIGHTSHIFT_RUN", marker);
        Map<String, String> env = environment.forAgent(settings.agent().env(), own);

        BigDecimal left = spend.leftUsd();
        AgentInvocation invocation = agent.invocation(resolved.words(), request.prompt(), left, scratch);
        Instant started = clock.instant();
        long runId = runs.start(request.batchId(), request.project(), request.spec(), request.task(),
                request.purpose(), request.attempt(), agent.kind().name().toLowerCase(java.util.Locale.ROOT),
                started, home.root().relativize(request.logFile().toAbsolutePath()).toString());
        log.info("agent {} on {}/{} (attempt {}): {}", request.purpose(), request.project(), request.spec(),
                request.attempt(), request.task());

        ProcessSpec spec = ProcessSpec.of("agent", invocation.command(), request.workDir(), env,
                request.timeout(), request.logFile()).withStdin(invocation.stdin()).capturingStdout();
        if (invocation.stdin() == null) {
            spec = spec.withStdin(null);
        }
        spec = sandbox.forAgent(spec, AgentSight.readOnly(home, request.project(), promptFile, resolved.words()),
                AgentSight.writable(home, request.project(), request.workDir(), invocation.usageFile()));
        if (!sandbox.confines()) {
            noteUnconfined(request.batchId());
        }
        ProcessResult process;
        try {
            process = runner.run(spec, marker);
        } finally {
            // The run's log keeps what matters; prompts would pile up in .nightshift/ run after run.
            deleteQuietly(promptFile);
        }
        AgentResult result = agent.parse(process, invocation);
        deleteQuietly(invocation.usageFile());
        // Killed because nightshift is stopping (SIGTERM), not because it ran past a limit: not a
        // timeout, so it never counts as one (the "agent timeouts" risk, the spec's streak).
        boolean stopped = process.timedOut() && runner.stopping();
        // A launcher that could not run its program (bash with a script path the worktree lacks)
        // is the setup's problem as much as a program that is not there at all.
        Optional<String> launcher = stopped ? Optional.empty() : ProgramStart.failure(process);
        boolean notStarted = process.exitCode() == -1 || launcher.isPresent();
        if (stopped || notStarted) {
            result = new AgentResult(false, stopped ? STOPPED_SUMMARY : launcher.isPresent()
                    ? ProgramStart.reason(launcher.get(), key) : couldNotStart(resolved.words().get(0), key, process),
                    result.costUsd(), result.costEstimated(), result.inputTokens(), result.outputTokens(),
                    result.cacheReadTokens(), result.cacheWriteTokens());
        }
        runs.finish(runId, clock.instant(), process.exitCode(), process.timedOut() && !stopped, result.succeeded(),
                result.costUsd(), result.costEstimated(), result.inputTokens(), result.outputTokens(),
                result.cacheReadTokens(), result.cacheWriteTokens(), result.summary());
        Status status = stopped ? Status.STOPPED : notStarted ? Status.NOT_STARTED : process.timedOut() ? Status.TIMED_OUT
                : result.succeeded() ? Status.SUCCEEDED : result.notTheWorks() ? Status.SERVICE_FAILED : Status.FAILED;
        log.info("agent on {}/{} ended: {} in {}s{}", request.project(), request.spec(), status,
                process.elapsed().toSeconds(), result.costUsd() != null ? ", $" + result.costUsd() : "");
        return new Outcome(status, result, process.elapsed(), runId, spend.describe());
    }

    private synchronized void noteUnconfined(String batchId) {
        boolean noted = batches.find(batchId).map(b -> b.note() != null && b.note().contains(UNCONFINED_NOTE)).orElse(false);
        if (!noted) {
            batches.addNote(batchId, UNCONFINED_NOTE);
        }
    }

    /** In the owner's words, without the wrapper nightshift starts every command under. */
    private static String couldNotStart(String program, String key, ProcessResult process) {
        String reason = process.tail().lines().filter(l -> l.startsWith(ProcessRunner.COULD_NOT_START)).findFirst()
                .map(l -> l.substring(l.lastIndexOf(": ") + 2).strip()).orElse(null);
        return "the agent command \"" + program + "\" could not be started" + (reason != null ? ": " + reason : "")
                + " (" + key + " in nightshift.yml)";
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("could not delete {}: {}", file, e.getMessage());
        }
    }
}
