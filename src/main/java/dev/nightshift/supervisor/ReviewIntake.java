package dev.nightshift.supervisor;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.pr.HostProject;
import dev.nightshift.pr.PullRequestHosts;
import dev.nightshift.pr.ReviewPoint;
import dev.nightshift.pr.ReviewRead;
import dev.nightshift.pr.ReviewStanding;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Workspace;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.Records.PullRequest;
import dev.nightshift.store.ReviewPointState;
import dev.nightshift.store.ReviewRepository;
import dev.nightshift.store.ReviewRepository.ReviewRow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads what the owner wrote on each open pull request since the last batch and keeps it as
 * review points; a point given to the agent {@code build.max-attempts} times without an answer is
 * left to the owner. Returns each pull request's standing for the plan.
 */
@Component
class ReviewIntake {

    private static final Logger log = LoggerFactory.getLogger(ReviewIntake.class);

    private final Home home;
    private final NightshiftSettings settings;
    private final PullRequestRepository pullRequests;
    private final ReviewRepository reviews;
    private final PullRequestHosts hosts;
    private final Clock clock;

    ReviewIntake(Home home, NightshiftSettings settings, PullRequestRepository pullRequests, ReviewRepository reviews,
                 PullRequestHosts hosts, Clock clock) {
        this.home = home;
        this.settings = settings;
        this.pullRequests = pullRequests;
        this.reviews = reviews;
        this.hosts = hosts;
        this.clock = clock;
    }

    /** Every open pull request of the workspace's projects, read; its standing by pull request id. */
    Map<Long, ReviewStanding> read(BatchRun run, Workspace workspace) {
        Map<Long, ReviewStanding> standings = new LinkedHashMap<>();
        Path gitLog = home.batchLogs(run.batchId()).resolve("supervisor-git.log");
        for (PullRequest pr : pullRequests.open()) {
            Optional<ProjectQueue> project = workspace.project(pr.project());
            if (!run.includes(pr.project()) || project.isEmpty() || !project.get().usable()) {
                continue;
            }
            try {
                // Reading a review needs no clone: the done check fetched it already when it needs one.
                HostProject hostProject = new HostProject(pr.project(), project.get().settings(),
                        home.clone(pr.project()), gitLog);
                ReviewRead read = hosts.forKind(project.get().settings().pr().host())
                        .readReview(hostProject, pr, reviews.readKeys(pr.id()));
                keep(run, pr, read);
            } catch (RuntimeException e) {
                // Read again next batch: nothing was kept of this reading.
                log.warn("could not read the review of {} PR #{}: {}", pr.project(), pr.number(), e.getMessage());
            }
            giveUpOnSpent(pr);
            standings.put(pr.id(), standing(pr.id()));
        }
        return standings;
    }

    ReviewStanding standing(long prId) {
        return ReviewStanding.of(reviews.open(prId).size(), reviews.latestDecision(prId).orElse(null));
    }

    private void keep(BatchRun run, PullRequest pr, ReviewRead read) {
        Instant now = clock.instant();
        Map<String, ReviewRead.Decided> decisions = new LinkedHashMap<>();
        read.decisions().forEach(d -> decisions.put(d.kind() + ":" + d.id(), d));
        for (ReviewPoint point : read.points()) {
            ReviewRead.Decided decided = decisions.remove(point.kind() + ":" + point.id());
            reviews.remember(new ReviewRow(pr.id(), point.kind().name(), point.id(), run.batchId(), now,
                    ReviewPointState.OPEN, decided != null ? decided.decision().name() : null, point.author(),
                    point.path(), point.line(), point.diffHunk(), point.text(), point.url(), 0, null, null));
        }
        for (ReviewRead.Decided decided : decisions.values()) {
            reviews.remember(new ReviewRow(pr.id(), decided.kind().name(), decided.id(), run.batchId(), now,
                    ReviewPointState.DECISION, decided.decision().name(), decided.author(), null, null, null, null, null,
                    0, null, null));
        }
        for (ReviewRead.Passed passed : read.passed()) {
            reviews.remember(new ReviewRow(pr.id(), passed.kind().name(), passed.id(), run.batchId(), now,
                    ReviewPointState.NOT_FOR_AGENT, null, null, null, null, null, null, null, 0, null, null));
        }
        if (!read.points().isEmpty() || !read.decisions().isEmpty()) {
            log.info("{} PR #{}: {} new review point(s){}", pr.project(), pr.number(), read.points().size(),
                    read.decisions().isEmpty() ? "" : ", review " + read.decisions().get(read.decisions().size() - 1)
                            .decision().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
    }

    /** A point the agent was given as often as a spec may fail, and never answered, is the owner's again. */
    private void giveUpOnSpent(PullRequest pr) {
        for (ReviewRow row : reviews.open(pr.id())) {
            if (row.attempts() >= settings.build().maxAttempts()) {
                reviews.needsYou(pr.id(), row.kind(), row.itemId());
                log.info("{} PR #{}: review point at {} was not addressed in {} batches; it needs you", pr.project(),
                        pr.number(), row.path() != null ? row.path() + ":" + row.line() : row.kind().toLowerCase(
                                Locale.ROOT), row.attempts());
            }
        }
    }
}
