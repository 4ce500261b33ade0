package dev.nightshift.supervisor;

import dev.nightshift.pr.ReviewPoint;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import dev.nightshift.store.ReviewRepository.ReviewRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which spec of a project has the owner's review to answer? Review comes before any new task: a
 * spec whose open pull request has points not yet answered is worked on first, whatever its tasks
 * (also when all are ticked), unless its base is red or it failed as often as allowed.
 */
final class ReviewFirst {

    /** A spec, its open pull request and the owner's points to address, oldest first. */
    record Due(Spec spec, PullRequest pullRequest, List<ReviewPoint> points) {
    }

    private ReviewFirst() {
    }

    /** @param openPoints the open review points of a pull request, by its id */
    static Optional<Due> choose(ProjectQueue project, ReadySpecs.History history, int maxAttempts,
                                Function<Long, List<ReviewRow>> openPoints) {
        if (history.baseRed()) {
            return Optional.empty();
        }
        List<Spec> candidates = new ArrayList<>(project.in(SpecFolder.ACTIVE));
        candidates.addAll(project.in(SpecFolder.NEXT));
        candidates.sort(Comparator.comparing((Spec s) -> s.folder() == SpecFolder.ACTIVE ? 0 : 1)
                .thenComparingInt(s -> s.meta().effectivePriority()).thenComparing(Spec::name));
        for (Spec spec : candidates) {
            PullRequest pr = history.latestPullRequest().get(spec.name());
            if (pr == null || pr.state() != PullRequestState.OPEN
                    || history.failuresInARow().getOrDefault(spec.name(), 0) >= maxAttempts) {
                continue;
            }
            List<ReviewRow> open = openPoints.apply(pr.id());
            if (!open.isEmpty()) {
                return Optional.of(new Due(spec, pr, open.stream().map(ReviewFirst::point).toList()));
            }
        }
        return Optional.empty();
    }

    static ReviewPoint point(ReviewRow row) {
        return new ReviewPoint(ReviewPoint.Kind.valueOf(row.kind()), row.itemId(), row.author(), row.path(), row.line(),
                row.diffHunk(), row.body(), row.url());
    }
}
