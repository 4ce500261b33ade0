package dev.nightshift.supervisor;

import dev.nightshift.agent.AgentRunner;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.git.CommitIds;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.IntegrationRepository;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.Records;
import dev.nightshift.store.ReviewStatus;
import dev.nightshift.store.RiskRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * The advisory review of {@code supervisor-agent}: one agent run, under the supervisor phase's
 * deadline, given the last batch's results, the risks and the stored plan, when the plan gives
 * some project work. Its words are stored
 * for the report to quote; nothing it says or does reaches the plan, which is stored before it runs.
 */
@Component
class SupervisorReview {

    /** The agent run's project name: not a project folder (those never start with '_'). */
    static final String PROJECT = "_supervisor";
    private static final int MAX_CHARS = 6000;
    /** Left of the supervisor phase when the review must have ended: time to kill it and store what it said. */
    static final Duration MARGIN = Duration.ofSeconds(3);
    private static final Logger log = LoggerFactory.getLogger(SupervisorReview.class);

    private final Home home;
    private final NightshiftSettings settings;
    private final AgentRunner agents;
    private final BatchRepository batches;
    private final BuildRepository builds;
    private final IntegrationRepository integration;
    private final PlanRepository plans;
    private final RiskRepository risks;
    private final ProcessDeadline deadline;
    private final Clock clock;
    private final TemplateEngine engine;

    public SupervisorReview(Home home, NightshiftSettings settings, AgentRunner agents, BatchRepository batches,
                            BuildRepository builds, IntegrationRepository integration, PlanRepository plans,
                            RiskRepository risks, ProcessDeadline deadline, Clock clock) {
        this.home = home;
        this.settings = settings;
        this.agents = agents;
        this.batches = batches;
        this.builds = builds;
        this.integration = integration;
        this.plans = plans;
        this.risks = risks;
        this.deadline = deadline;
        this.clock = clock;
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.TEXT);
        this.engine = new TemplateEngine();
        this.engine.setTemplateResolver(resolver);
    }

    /** Runs the review when {@code supervisor-agent} is set; returns a line for the phase summary, or empty. */
    public Optional<String> review(BatchRun run) {
        if (settings.supervisorAgent() == null) {
            return Optional.empty();
        }
        if (plans.plan(run.batchId()).stream().noneMatch(Records.PlanEntry::hasWork)) {
            // Nothing will be built: a review would cost tokens every batch and tell the owner nothing new.
            return Optional.of("no review: no project has work");
        }
        if (run.dryRun()) {
            log.info("DRY-RUN: would ask the supervisor agent for an advisory review");
            return Optional.of("dry run: no review");
        }
        // The review ends on its own before the phase does, so that the phase can still store it.
        Duration timeout = deadline.remaining().minus(MARGIN);
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            risks.saveReview(run.batchId(), null, ReviewStatus.TIMED_OUT, "no time was left in the supervisor phase",
                    clock.instant());
            return Optional.of("no review: no time left in the phase");
        }
        timeout = timeout.compareTo(settings.timeouts().agent()) < 0 ? timeout : settings.timeouts().agent();
        Path workDir = home.state().resolve("review").resolve(run.batchId());
        Path review = workDir.resolve("review.md");
        try {
            Files.createDirectories(workDir);
            Files.deleteIfExists(review);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + workDir, e);
        }
        AgentRunner.Outcome outcome;
        Optional<String> written;
        try {
            outcome = agents.run(new AgentRunner.Request(run.batchId(), PROJECT, null,
                    "advisory review of the batch", "review", 1, workDir, prompt(run),
                    home.batchLogs(run.batchId()).resolve("supervisor-review.log"), timeout),
                    settings.supervisorAgent(), "supervisor-agent");
            written = outcome.status() == AgentRunner.Status.SUCCEEDED ? written(review) : Optional.empty();
        } finally {
            // Scratch only: what the review says is stored below, the run's log keeps the rest.
            deleteQuietly(workDir);
        }
        ReviewStatus status = switch (outcome.status()) {
            case SUCCEEDED -> ReviewStatus.WRITTEN;
            case TIMED_OUT -> ReviewStatus.TIMED_OUT;
            case BUDGET_STOPPED -> ReviewStatus.BUDGET_STOPPED;
            case FAILED, SERVICE_FAILED -> ReviewStatus.FAILED;
            case STOPPED -> ReviewStatus.STOPPED;
            case NOT_STARTED -> ReviewStatus.FAILED;
        };
        String text = status == ReviewStatus.WRITTEN ? written.orElse(outcome.result().summary())
                : outcome.status() == AgentRunner.Status.SERVICE_FAILED
                ? outcome.result().summary() + ". " + outcome.result().cause().whatToDo()
                : outcome.result().summary();
        if (status == ReviewStatus.WRITTEN && (text == null || text.isBlank())) {
            status = ReviewStatus.FAILED;
            text = "the supervisor agent wrote no review";
        }
        risks.saveReview(run.batchId(), outcome.runId(), status, clip(text), clock.instant());
        return Optional.of("review " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }

    String prompt(BatchRun run) {
        Optional<Records.Batch> last = batches.latestWorking(5).stream()
                .filter(b -> !b.id().equals(run.batchId())).findFirst();
        List<String> results = new ArrayList<>();
        last.ifPresent(b -> {
            builds.results(b.id()).forEach(r -> results.add("- " + r.project() + "/" + r.spec() + " (" + r.task() + "): "
                    + r.outcome().label() + (r.detail() != null ? ": " + r.detail() : "")
                    + (r.note() != null ? "\n  agent's note: " + r.note().strip().replace("\n", "\n  ") : "")));
            integration.forBatch(b.id()).forEach(i -> results.add("- integration of " + i.project() + " at "
                    + CommitIds.shortId(i.commitSha()) + ": " + (i.passed() ? "green" : "red")));
        });
        List<String> riskLines = risks.forBatch(run.batchId()).stream()
                .map(r -> "- " + (r.project() != null ? r.project() + ": " : "") + r.reason()).toList();
        List<String> planLines = plans.plan(run.batchId()).stream()
                .map(p -> "- " + p.project() + ": " + (p.hasWork() ? p.spec() + ", task \"" + p.task() + "\"" : "nothing")
                        + " (" + p.reason() + ")").toList();
        Context context = new Context();
        context.setVariables(Map.of(
                "batchId", run.batchId(),
                "lastBatch", last.map(Records.Batch::id).orElse("none yet"),
                "results", results.isEmpty() ? "(no project was built)" : String.join("\n", results),
                "risks", riskLines.isEmpty() ? "(none)" : String.join("\n", riskLines),
                "plan", planLines.isEmpty() ? "(no project)" : String.join("\n", planLines)));
        return engine.process(template(), context);
    }

    private static Optional<String> written(Path review) {
        try {
            if (!Files.isRegularFile(review)) {
                return Optional.empty();
            }
            // Read no more than the report can quote, however much the agent wrote.
            try (InputStream in = Files.newInputStream(review)) {
                String text = new String(in.readNBytes(MAX_CHARS * 4), StandardCharsets.UTF_8).strip();
                return text.isEmpty() ? Optional.empty() : Optional.of(text);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            log.warn("could not remove the review's scratch folder {}: {}", dir, e.getMessage());
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "…";
    }

    private static String template() {
        try (InputStream in = SupervisorReview.class.getResourceAsStream("/prompts/review.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the review prompt", e);
        }
    }
}
