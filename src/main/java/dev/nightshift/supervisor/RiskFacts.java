package dev.nightshift.supervisor;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.spec.FailureStreaks;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.store.Budget;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.HealthCheckRepository;
import dev.nightshift.store.HistoryRepository;
import dev.nightshift.store.IntegrationRepository;
import dev.nightshift.store.Records.AgentRun;
import dev.nightshift.store.Records.Batch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads what the risk rules judge from the database and the disk: the facts of the last batches. */
@Component
class RiskFacts {

    private final Home home;
    private final NightshiftSettings settings;
    private final FailureStreaks streaks;
    private final IntegrationRepository integration;
    private final HealthCheckRepository health;
    private final HistoryRepository history;
    private final Budget budget;

    public RiskFacts(Home home, NightshiftSettings settings, FailureStreaks streaks, IntegrationRepository integration,
                     HealthCheckRepository health, HistoryRepository history,
                     Budget budget) {
        this.home = home;
        this.settings = settings;
        this.streaks = streaks;
        this.integration = integration;
        this.health = health;
        this.history = history;
        this.budget = budget;
    }

    /**
     * @param before           the start of the batch asking: its own runs are not history yet
     * @param weighed          the specs that ever weighed in a streak ({@link FailureStreaks#weighed})
     * @param openPullRequests how many pull requests each project has open
     */
    public List<RiskRules.ProjectFacts> projects(List<ProjectQueue> projects, Instant before,
                                                 FailureStreaks.Weighed weighed, Map<String, Integer> openPullRequests) {
        List<String> lastBatches = history.workingUpTo(before, RiskRules.TIMEOUT_BATCHES + 1).stream()
                .filter(b -> b.startedAt().isBefore(before)).limit(RiskRules.TIMEOUT_BATCHES).map(Batch::id).toList();
        List<AgentRun> timedOut = history.timedOutRuns(lastBatches);
        List<RiskRules.ProjectFacts> facts = new ArrayList<>();
        for (ProjectQueue project : projects) {
            if (!project.usable()) {
                continue;
            }
            Map<String, List<BuildOutcome>> failures = new LinkedHashMap<>();
            List<Spec> open = new ArrayList<>(project.in(SpecFolder.ACTIVE));
            open.addAll(project.in(SpecFolder.NEXT));
            failures.putAll(streaks.of(project.name(), open, settings.build().maxAttempts() + 1, weighed));
            facts.add(new RiskRules.ProjectFacts(project.name(), failures,
                    integration.latest(project.name()).orElse(null), openPullRequests.getOrDefault(project.name(), 0),
                    settings.build().maxOpenPrs(), health.latest(project.name()),
                    timedOut.stream().filter(r -> r.project().equals(project.name())).toList()));
        }
        return facts;
    }

    public RiskRules.HomeFacts home() {
        Path disk = home.root();
        long free;
        try {
            free = Files.getFileStore(Files.exists(disk) ? disk : disk.getParent()).getUsableSpace();
        } catch (IOException e) {
            free = Long.MAX_VALUE;
        }
        return new RiskRules.HomeFacts(budget.now(), disk, free);
    }
}
