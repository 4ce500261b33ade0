package dev.nightshift.maintenance;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.git.Worktrees;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.phase.Phase;
import dev.nightshift.phase.PhaseReport;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.Workspace;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.Records;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Phase 3: record the queue as the batch leaves it, and tidy what nightshift owns. Worktrees of specs that are no longer queued or active are
 * removed (their branches stay); report folders past {@code retention.reports-days} are pruned.
 */
@Component
public class MaintenancePhase implements Phase {

    private static final Logger log = LoggerFactory.getLogger(MaintenancePhase.class);
    private static final DateTimeFormatter BATCH_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final Home home;
    private final NightshiftSettings settings;
    private final Worktrees worktrees;
    private final PlanRepository plans;
    private final Clock clock;

    public MaintenancePhase(Home home, NightshiftSettings settings, Worktrees worktrees, PlanRepository plans,
                            Clock clock) {
        this.home = home;
        this.settings = settings;
        this.worktrees = worktrees;
        this.plans = plans;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "maintenance";
    }

    @Override
    public PhaseReport run(BatchRun run) throws IOException {
        Workspace workspace = WorkspaceReader.read(home, run.projectFilter());
        Path gitLog = home.batchLogs(run.batchId()).resolve("maintenance-git.log");
        int removed = 0;
        for (ProjectQueue project : workspace.projects()) {
            // The queue as the batch leaves it, for the report and status.
            plans.snapshot(new Records.QueueSnapshot(run.batchId(), project.name(), project.in(SpecFolder.NEXT).size(),
                    project.in(SpecFolder.ACTIVE).size(), project.in(SpecFolder.DONE).size(),
                    project.in(SpecFolder.BLOCKED).size()));
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
        int pruned = pruneReports(run);
        return PhaseReport.done(removed + " worktree(s) of finished specs removed; " + pruned
                + " report folder(s) older than " + settings.retention().reportsDays() + " days pruned");
    }

    private int pruneReports(BatchRun run) throws IOException {
        if (!Files.isDirectory(home.reports())) {
            return 0;
        }
        LocalDate cutoff = LocalDate.now(clock).minusDays(settings.retention().reportsDays());
        List<Path> old = new ArrayList<>();
        try (Stream<Path> entries = Files.list(home.reports())) {
            entries.filter(Files::isDirectory).forEach(dir -> {
                String name = dir.getFileName().toString();
                if (name.matches("\\d{8}-\\d{6}") && LocalDate.parse(name.substring(0, 8), BATCH_DAY).isBefore(cutoff)) {
                    old.add(dir);
                }
            });
        }
        for (Path dir : old) {
            if (run.dryRun()) {
                log.info("DRY-RUN: would prune the report folder {}", dir);
                continue;
            }
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return old.size();
    }
}
