package dev.nightshift.build;

import dev.nightshift.phase.BatchRun;
import dev.nightshift.pr.HostProject;
import dev.nightshift.pr.PullRequestHosts;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecMover;
import dev.nightshift.spec.SpecTask;
import dev.nightshift.spec.SpecTicker;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Publishing work that passed the gate: nothing under .nightshift/ in its history, the push
 * (never forced), the pull request opened or added to, then the task ticked and the spec moved
 * to active/. Nothing here runs unless the gate passed.
 */
@Component
public class Publication {

    /** What the batch adds, for the pull request's body and comment. */
    public record Work(SpecTask task, GateResult gate, String note, List<String> followUps) {
    }

    private final BranchWork branches;
    private final StateFolder stateFolder;
    private final PullRequestReuse reuse;
    private final PullRequestHosts hosts;
    private final SpecTicker ticker;
    private final SpecMover mover;

    public Publication(BranchWork branches, StateFolder stateFolder, PullRequestReuse reuse, PullRequestHosts hosts,
                       SpecTicker ticker, SpecMover mover) {
        this.branches = branches;
        this.stateFolder = stateFolder;
        this.reuse = reuse;
        this.hosts = hosts;
        this.ticker = ticker;
        this.mover = mover;
    }

    public PullRequestReuse.Published publish(BatchRun run, ProjectQueue project, Spec spec, Work work, Path clone,
                                              Path worktree, Path gitLog) {
        String base = project.settings().base();
        String since = branches.publishedPoint(worktree, spec.branch(), base, gitLog);
        List<String> commits = branches.unpublishedSubjects(worktree, since, gitLog);
        stateFolder.keepOutOfHistory(worktree, spec.branch(), base, spec.name() + ": " + work.task().text(), gitLog);
        String head = branches.head(worktree, gitLog);
        branches.push(worktree, spec.branch(), gitLog);
        HostProject hostProject = new HostProject(project.name(), project.settings(), clone, gitLog);
        PullRequestReuse.Published published = reuse.publish(run, hosts.forKind(project.settings().pr().host()),
                hostProject, spec.name(), spec.branch(), spec.title(), head,
                PullRequestText.body(spec, work.task(), work.gate(), run.batchId()),
                PullRequestText.comment(work.task(), work.gate(), work.note(), commits, work.followUps(), run.batchId()));
        ticker.tick(spec, work.task(), false);
        if (spec.folder() == SpecFolder.NEXT) {
            mover.move(spec, SpecFolder.ACTIVE, "work started on " + spec.branch(), run.batchId(), false);
        }
        return published;
    }
}
