package dev.nightshift.maintenance;

import dev.nightshift.config.HealthCheck;
import dev.nightshift.config.Home;
import dev.nightshift.git.Worktrees;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.phase.Phase;
import dev.nightshift.phase.PhaseWork;
import dev.nightshift.phase.PhaseReport;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.Workspace;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.HealthCheckRepository;
import dev.nightshift.store.HealthOutcome;
import dev.nightshift.store.Observations.HealthCheckResult;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.Records;
import dev.nightshift.store.SpecChange;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Phase 3: check production, bring the spec index in line with the files, keep the projects'
 * notes, record the queue as the batch leaves it, and tidy what nightshift owns (worktrees of
 * finished specs, reports and runs past retention, a long wip.md). Each step runs even when an
 * earlier one failed; the phase then fails with every reason.
 */
@Component
public class MaintenancePhase implements PhaseWork {

    private static final Logger log = LoggerFactory.getLogger(MaintenancePhase.class);

    /** One step of the phase: returns its part of the summary. */
    private interface Step {
        String run() throws Exception;
    }

    private final Home home;
    private final Worktrees worktrees;
    private final PlanRepository plans;
    private final HealthProbe probe;
    private final HealthCheckRepository healthChecks;
    private final SpecIndexReconciler index;
    private final ProjectNotes notes;
    private final RetentionPruner pruner;
    private final WipCompactor wip;
    private final Clock clock;

    public MaintenancePhase(Home home, Worktrees worktrees, PlanRepository plans, HealthProbe probe,
                            HealthCheckRepository healthChecks, SpecIndexReconciler index, ProjectNotes notes,
                            RetentionPruner pruner, WipCompactor wip, Clock clock) {
        this.home = home;
        this.worktrees = worktrees;
        this.plans = plans;
        this.probe = probe;
        this.healthChecks = healthChecks;
        this.index = index;
        this.notes = notes;
        this.pruner = pruner;
        this.wip = wip;
        this.clock = clock;
    }

    @Override
    public Phase phase() {
        return Phase.MAINTENANCE;
    }

    @Override
    public PhaseReport run(BatchRun run) {
        Workspace workspace = WorkspaceReader.read(home, run.projectFilter());
        List<String> summary = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        step("health checks", () -> checkHealth(run, workspace), summary, failures);
        step("spec index", () -> describe(index.reconcile(run, workspace)), summary, failures);
        step("notes.md", () -> count(notes.keep(run, workspace), "notes.md line(s) added"), summary, failures);
        step("queue", () -> snapshot(run, workspace), summary, failures);
        step("worktrees", () -> count(removeFinishedWorktrees(run, workspace), "worktree(s) of finished specs removed"),
                summary, failures);
        step("retention", () -> {
            RetentionPruner.Pruned pruned = pruner.prune(run);
            return pruned.reportFolders() + pruned.batches() == 0 ? ""
                    : pruned.reportFolders() + " report folder(s) and " + pruned.batches() + " old batch record(s) pruned";
        }, summary, failures);
        step("wip.md", () -> count(wip.compact(run), "older wip.md entries archived"), summary, failures);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("; ", failures) + " (done: " + String.join("; ", summary) + ")");
        }
        return PhaseReport.done(String.join("; ", summary));
    }

    private static String count(int n, String what) {
        return n == 0 ? "" : n + " " + what;
    }

    private static void step(String name, Step step, List<String> summary, List<String> failures) {
        try {
            String said = step.run();
            if (!said.isEmpty()) {
                summary.add(said);
            }
        } catch (Exception e) {
            log.error("maintenance step {} failed", name, e);
            failures.add(name + " failed: " + e.getMessage());
        }
    }

    private String checkHealth(BatchRun run, Workspace workspace) {
        Map<HealthOutcome, Integer> counts = new EnumMap<>(HealthOutcome.class);
        for (ProjectQueue project : workspace.projects()) {
            if (!project.usable()) {
                continue;
            }
            for (HealthCheck check : project.settings().health()) {
                HealthProbe.Result result = probe.probe(check);
                counts.merge(result.outcome(), 1, Integer::sum);
                healthChecks.save(new HealthCheckResult(null, run.batchId(), project.name(), check.url(), check.expect(),
                        result.statusCode(), result.outcome(), result.latency().toMillis(), result.detail(),
                        clock.instant()));
                log.info("health of {}: {} is {} ({})", project.name(), check.url(), result.outcome().label(), result.detail());
            }
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return "";
        }
        return total + " health check(s): " + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
    }

    private static String describe(Map<SpecChange, Integer> changes) {
        if (changes.isEmpty()) {
            return "";
        }
        return "spec index: " + changes.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
    }

    /** The queue as the batch leaves it, for the report and status. */
    private String snapshot(BatchRun run, Workspace workspace) {
        plans.snapshots(workspace.projects().stream()
                .map(project -> new Records.QueueSnapshot(run.batchId(), project.name(), project.in(SpecFolder.NEXT).size(),
                        project.in(SpecFolder.ACTIVE).size(), project.in(SpecFolder.DONE).size(),
                        project.in(SpecFolder.BLOCKED).size()))
                .toList());
        return "queue of " + workspace.projects().size() + " project(s) recorded";
    }

    /** Worktrees of specs that are no longer queued or active are removed; their branches stay. */
    private int removeFinishedWorktrees(BatchRun run, Workspace workspace) {
        int removed = 0;
        for (ProjectQueue project : workspace.projects()) {
            Path gitLog = home.batchLogs(run.batchId()).resolve("maintenance-git.log");
            Set<String> open = Stream.concat(project.in(SpecFolder.NEXT).stream(), project.in(SpecFolder.ACTIVE).stream())
                    .map(Spec::name).collect(Collectors.toSet());
            for (Path worktree : worktrees.existing(project.name())) {
                String name = worktree.getFileName().toString();
                if (name.startsWith("_") || open.contains(name)) {
                    continue;
                }
                if (run.dryRun()) {
                    log.info("DRY-RUN: would remove the worktree {}", worktree);
                } else {
                    worktrees.remove(home.clone(project.name()), worktree, gitLog);
                    log.info("removed the worktree of {}/{} (its spec is finished; the branch stays)", project.name(), name);
                }
                removed++;
            }
        }
        return removed;
    }
}
