package dev.nightshift.supervisor;

import dev.nightshift.config.Home;
import dev.nightshift.config.PrSettings;
import dev.nightshift.order.PrIntent;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.pr.ClosedPullRequestRule;
import dev.nightshift.pr.HostProject;
import dev.nightshift.pr.HostPullRequest;
import dev.nightshift.pr.PullRequestHost;
import dev.nightshift.pr.PullRequestHosts;
import dev.nightshift.spec.FileProblem;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecMover;
import dev.nightshift.spec.SpecTask;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What does the build of a planned spec need? Everything, read and decided here once: the spec
 * and its hash, the task, what to do about its pull request (the closed pull request rule's
 * verdict becomes the intent), the failure it starts from, the notes and journal the agent reads,
 * the project's settings. The build carries the order out and reads none of it again.
 */
@Component
class WorkOrders {

    private static final Logger log = LoggerFactory.getLogger(WorkOrders.class);

    /** The order for a choice, or, when the owner's host says the spec was rejected, why there is none. */
    record Ordered(WorkOrder order, String rejection) {
    }

    private final Home home;
    private final PreviousFailure previousFailure;
    private final PullRequestHosts hosts;
    private final SpecMover mover;

    WorkOrders(Home home, PreviousFailure previousFailure, PullRequestHosts hosts, SpecMover mover) {
        this.home = home;
        this.previousFailure = previousFailure;
        this.hosts = hosts;
        this.mover = mover;
    }

    /**
     * @param failuresInARow the spec's failed batches in a row, as the plan counted them
     * @param journal        the recent journal entries shown to the agent
     * @param branchOnRemote whether a branch is still on the project's remote
     */
    Ordered order(BatchRun run, ProjectQueue project, ReadySpecs.Choice choice, int failuresInARow, String journal,
                  Predicate<String> branchOnRemote) {
        Spec spec = choice.spec();
        ClosedPullRequestRule.Decision closed = choice.closed();
        PullRequest latest = choice.latest();
        if (latest == null) {
            // nightshift's records may be gone (a new database); GitHub still remembers the branch's pull request.
            Optional<HostPullRequest> known;
            try {
                known = onHost(run, project, spec);
            } catch (RuntimeException e) {
                // Unasked, a closed pull request could be opened again: the spec waits for the next batch.
                log.warn("could not ask the host of {} about {}: {}", project.name(), spec.branch(), e.getMessage());
                return new Ordered(null, spec.name() + ": could not ask " + project.settings().pr().host().name()
                        .toLowerCase(java.util.Locale.ROOT) + " whether its branch had a pull request (" + e.getMessage()
                        + "); it waits for the next batch");
            }
            if (known.isPresent() && known.get().state() == PullRequestState.OPEN) {
                return new Ordered(order(run, project, choice, PrIntent.CONTINUE, known.get().number(), null,
                        failuresInARow, journal), null);
            }
            if (known.isPresent() && known.get().state() == PullRequestState.CLOSED) {
                closed = ClosedPullRequestRule.closed(known.get().number(), known.get().url(), spec.meta().reopen(),
                        () -> branchOnRemote.test(spec.branch()));
                if (closed.rejected()) {
                    mover.move(spec, SpecFolder.BLOCKED, closed.reason(), run.batchId(), run.dryRun());
                    return new Ordered(null, spec.name() + ": " + closed.reason());
                }
            }
        }
        boolean open = latest != null && latest.state() == PullRequestState.OPEN;
        WorkOrder order = switch (closed.verdict()) {
            case AFRESH -> order(run, project, choice, PrIntent.AFRESH, closed.number(), closed.reason(),
                    failuresInARow, journal);
            case REOPENED -> order(run, project, choice, PrIntent.REOPEN, closed.number(), closed.reason(),
                    failuresInARow, journal);
            case REJECTED -> throw new IllegalStateException("a rejected spec is never planned: " + spec.name());
            case NOT_CLOSED -> order(run, project, choice, open ? PrIntent.CONTINUE : PrIntent.NEW,
                    open ? Integer.valueOf(latest.number()) : null, null, failuresInARow, journal);
        };
        return new Ordered(order, null);
    }

    private WorkOrder order(BatchRun run, ProjectQueue project, ReadySpecs.Choice choice, PrIntent intent,
                            Integer number, String why, int failuresInARow, String journal) {
        Spec spec = choice.spec();
        return new WorkOrder(run.batchId(), project.name(), WorkOrder.OrderedSpec.of(spec, home.root()),
                choice.task(), spec.branch(), intent, number, why, previousFailure.of(project.name(), spec.name()),
                failuresInARow, notes(project), journal, project.settings(), known(project));
    }

    /**
     * The order to answer the owner's review of a spec's open pull request: its points, and only
     * them, on the same branch and pull request. The task is no task of the spec: none is ticked.
     */
    WorkOrder review(BatchRun run, ProjectQueue project, ReviewFirst.Due due, int failuresInARow, String journal) {
        Spec spec = due.spec();
        SpecTask task = new SpecTask(-1, "Address the review of PR #" + due.pullRequest().number(), false, 0);
        return new WorkOrder(run.batchId(), project.name(), WorkOrder.OrderedSpec.of(spec, home.root()), task,
                spec.branch(), PrIntent.ADDRESS_REVIEW, due.pullRequest().number(), due.points().size()
                + " review point(s) of the owner open on PR #" + due.pullRequest().number(),
                previousFailure.of(project.name(), spec.name()), failuresInARow, notes(project), journal,
                project.settings(), known(project), due.points());
    }

    /** Only GitHub is asked: the local host's pull requests are nightshift's records themselves. */
    private Optional<HostPullRequest> onHost(BatchRun run, ProjectQueue project, Spec spec) {
        if (project.settings().pr().host() != PrSettings.Host.GITHUB) {
            return Optional.empty();
        }
        PullRequestHost host = hosts.forKind(project.settings().pr().host());
        Path gitLog = home.batchLogs(run.batchId()).resolve("supervisor-git.log");
        return host.find(new HostProject(project.name(), project.settings(), home.clone(project.name()), gitLog),
                spec.branch());
    }

    private static String notes(ProjectQueue project) {
        try {
            return Files.isRegularFile(project.notesFile())
                    ? Files.readString(project.notesFile(), StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            log.warn("cannot read {}: {}", project.notesFile(), e.getMessage());
            return null;
        }
    }

    /** Every spec file of the project, read or not: a follow-up is never filed under one of their names. */
    private static List<WorkOrder.KnownSpec> known(ProjectQueue project) {
        List<WorkOrder.KnownSpec> known = new ArrayList<>();
        for (Spec spec : project.all()) {
            known.add(new WorkOrder.KnownSpec(spec.name(), spec.title(), spec.hash()));
        }
        for (FileProblem problem : project.problems()) {
            String file = problem.file().getFileName().toString();
            if (file.endsWith(".md") && !file.endsWith(".why.md")) {
                known.add(new WorkOrder.KnownSpec(file.substring(0, file.length() - 3), null, null));
            }
        }
        return known;
    }
}
