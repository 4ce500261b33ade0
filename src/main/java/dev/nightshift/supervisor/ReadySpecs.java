package dev.nightshift.supervisor;

import dev.nightshift.config.BuildSettings;
import dev.nightshift.pr.ClosedPullRequestRule;
import dev.nightshift.spec.FileProblem;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecTask;
import dev.nightshift.store.Records.PullRequest;
import dev.nightshift.store.PullRequestState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which spec of a project may be worked on now, and why the others may not: dependencies done,
 * attempts left, under {@code max-open-prs}; active specs before new ones, then priority, then age.
 */
final class ReadySpecs {

    /**
     * The facts about a project's history the decision needs, read from the database.
     *
     * @param branchOnRemote whether a branch still exists on the project's remote; asked only for
     *                       specs whose pull request was closed, and true when it cannot be told
     */
    public record History(Map<String, PullRequest> latestPullRequest, Map<String, Integer> failuresInARow,
                          int openPullRequests, boolean baseRed, String baseRedReason,
                          Predicate<String> branchOnRemote, Set<String> approved) {

        /** @param approved specs whose open pull request the owner approved with no point open */
        public History {
            approved = approved != null ? Set.copyOf(approved) : Set.of();
        }

        public History(Map<String, PullRequest> latestPullRequest, Map<String, Integer> failuresInARow,
                       int openPullRequests, boolean baseRed, String baseRedReason, Predicate<String> branchOnRemote) {
            this(latestPullRequest, failuresInARow, openPullRequests, baseRed, baseRedReason, branchOnRemote, Set.of());
        }

        public History(Map<String, PullRequest> latestPullRequest, Map<String, Integer> failuresInARow,
                       int openPullRequests, boolean baseRed, String baseRedReason) {
            this(latestPullRequest, failuresInARow, openPullRequests, baseRed, baseRedReason, branch -> true);
        }
    }

    /**
     * The decision for one project: the spec and task to do, or none and why; with the spec's
     * latest pull request in nightshift's records ({@code null} when none) and what the closed
     * pull request rule made of it.
     */
    public record Choice(Spec spec, SpecTask task, String reason, PullRequest latest,
                         ClosedPullRequestRule.Decision closed) {

        public Choice(Spec spec, SpecTask task, String reason) {
            this(spec, task, reason, null, ClosedPullRequestRule.notClosed());
        }

        public boolean hasWork() {
            return spec != null;
        }
    }

    private ReadySpecs() {
    }

    public static Choice choose(ProjectQueue project, BuildSettings build, History history) {
        if (history.baseRed()) {
            return new Choice(null, null, "base is red (" + history.baseRedReason() + "): no new work until it is green");
        }
        Set<String> done = project.in(SpecFolder.DONE).stream().map(Spec::name).collect(Collectors.toSet());
        Map<String, Spec> byName = project.all().stream().collect(Collectors.toMap(Spec::name, Function.identity(), (a, b) -> a));
        List<Spec> candidates = new ArrayList<>();
        candidates.addAll(project.in(SpecFolder.ACTIVE));
        candidates.addAll(project.in(SpecFolder.NEXT));
        if (candidates.isEmpty()) {
            long skipped = skippedSpecFiles(project);
            return new Choice(null, null, skipped == 0 ? "nothing queued"
                    : "nothing ready: " + skipped + " spec file(s) skipped, see the problems");
        }
        candidates.sort(Comparator
                .comparing((Spec s) -> s.folder() == SpecFolder.ACTIVE ? 0 : 1)
                .thenComparingInt(s -> s.meta().effectivePriority())
                .thenComparing(Spec::modified)
                .thenComparing(Spec::name));

        List<String> waiting = new ArrayList<>();
        for (Spec spec : candidates) {
            PullRequest pr = history.latestPullRequest().get(spec.name());
            boolean hasOpenPr = pr != null && pr.state() == PullRequestState.OPEN;
            ClosedPullRequestRule.Decision closed = closedRule(spec, pr, history);
            if (closed.rejected()) {
                waiting.add(spec.name() + ": " + closed.reason());
                continue;
            }
            if (hasOpenPr && history.approved().contains(spec.name())) {
                // Approved with nothing open: more work would only make the owner review again.
                waiting.add(spec.name() + ": PR #" + pr.number() + " approved, ready to merge");
                continue;
            }
            Optional<SpecTask> task = openTask(spec, pr);
            if (task.isEmpty()) {
                waiting.add(spec.name() + ": all tasks done, waiting for the owner to merge");
                continue;
            }
            List<String> unmet = spec.meta().dependsOn().stream().filter(d -> !done.contains(d)).toList();
            if (!unmet.isEmpty()) {
                List<String> unknown = unmet.stream().filter(d -> !byName.containsKey(d)).toList();
                waiting.add(spec.name() + (unknown.isEmpty() ? ": waiting for " + String.join(", ", unmet) + " to be done"
                        : ": depends on " + String.join(", ", unknown) + ", which this project does not have"));
                continue;
            }
            int failures = history.failuresInARow().getOrDefault(spec.name(), 0);
            if (failures >= build.maxAttempts()) {
                waiting.add(spec.name() + ": failed " + failures + (failures == 1 ? " batch" : " batches") + " in a row");
                continue;
            }
            if (!hasOpenPr && history.openPullRequests() >= build.maxOpenPrs()) {
                waiting.add(spec.name() + ": " + history.openPullRequests() + " open PRs, at max-open-prs ("
                        + build.maxOpenPrs() + ")");
                continue;
            }
            String why = (spec.folder() == SpecFolder.ACTIVE ? "active spec" : "next in queue")
                    + (spec.hasTaskList() ? ", task " + (task.get().index() + 1) + " of " + spec.tasks().size() : "")
                    + ", priority " + spec.meta().effectivePriority()
                    + (failures > 0 ? ", after " + failures + " failed batch(es)" : "");
            return new Choice(spec, task.get(), why, pr, closed);
        }
        return new Choice(null, null, "no spec is ready: " + String.join("; ", waiting));
    }

    /** Queued spec files (in next/ or active/) that could not be read and were skipped as input problems. */
    private static long skippedSpecFiles(ProjectQueue project) {
        Set<java.nio.file.Path> queueFolders = Set.of(project.folder(SpecFolder.NEXT), project.folder(SpecFolder.ACTIVE));
        return project.problems().stream().map(FileProblem::file)
                .filter(f -> f.getFileName().toString().endsWith(".md") && queueFolders.contains(f.getParent()))
                .distinct().count();
    }

    /**
     * The owner closed the spec's pull request without merging it: never worked on again, even
     * when moved back, until the branch is deleted on the remote or the spec says {@code reopen: true}.
     */
    static boolean rejected(Spec spec, PullRequest pr, History history) {
        return closedRule(spec, pr, history).rejected();
    }

    private static ClosedPullRequestRule.Decision closedRule(Spec spec, PullRequest pr, History history) {
        if (pr == null || pr.state() != PullRequestState.CLOSED) {
            return ClosedPullRequestRule.notClosed();
        }
        return ClosedPullRequestRule.closed(pr.number(), pr.url(), spec.meta().reopen(),
                () -> history.branchOnRemote().test(pr.branch()));
    }

    /**
     * The next task of a spec. A spec without a task list is one task, finished once its pull
     * request exists.
     */
    static Optional<SpecTask> openTask(Spec spec, PullRequest pr) {
        if (spec.hasTaskList()) {
            return spec.nextTask();
        }
        boolean published = pr != null && pr.state() == PullRequestState.OPEN && spec.folder() == SpecFolder.ACTIVE;
        return published ? Optional.empty() : spec.nextTask();
    }
}
