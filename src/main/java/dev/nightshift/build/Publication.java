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
 * Publishing work that passed the gate: the push of exactly the commit the gate tested (never
 * forced, by its id, so nothing that changed after the gate goes out), the pull request opened or
 * added to, then the task ticked and the spec moved to active/. Nothing here runs unless the
 * gate passed.
 */
@Component
public class Publication {

    /** What the batch adds, for the pull request's body and comment. */
    public record Work(SpecTask task, GateResult gate, String note, List<String> followUps) {
    }

    private final BranchWork branches;
    private final HomeFingerprint fingerprint;
    private final PullRequestReuse reuse;
    private final PullRequestHosts hosts;
    private final SpecTicker ticker;
    private final SpecMover mover;

    public Publication(BranchWork branches, HomeFingerprint fingerprint, PullRequestReuse reuse, PullRequestHosts hosts,
                       SpecTicker ticker, SpecMover mover) {
        this.branches = branches;
        this.fingerprint = fingerprint;
        this.reuse = reuse;
        this.hosts = hosts;
        this.ticker = ticker;
        this.mover = mover;
    }

    /** @param tested the commit the gate tested: the one pushed */
    public PullRequestReuse.Published publish(BatchRun run, ProjectQueue project, Spec spec, Work work, Path clone,
                                              String tested, Path gitLog) {
        String base = project.settings().base();
        String since = branches.publishedPoint(clone, spec.branch(), base, gitLog);
        List<String> commits = branches.unpublishedSubjects(clone, since, tested, gitLog);
        // recorded first: another project's check may look at the remote while this push lands
        fingerprint.pushed("refs/heads/" + spec.branch(), tested);
        branches.push(clone, tested, spec.branch(), gitLog);
        HostProject hostProject = new HostProject(project.name(), project.settings(), clone, gitLog);
        PullRequestReuse.Published published = reuse.publish(run, hosts.forKind(project.settings().pr().host()),
                hostProject, spec.name(), spec.branch(), spec.title(), tested,
                PullRequestText.body(spec, work.task(), work.gate(), run.batchId()),
                PullRequestText.comment(work.task(), work.gate(), work.note(), commits, work.followUps(), run.batchId()));
        ticker.tick(spec, work.task(), false);
        if (spec.tasks().stream().allMatch(t -> t.done() || t.index() == work.task().index())) {
            // The last task passed the gate: a draft (pr.draft) is ready for the owner's review now.
            hosts.forKind(project.settings().pr().host()).markReady(hostProject, published.pullRequest());
        }
        if (spec.folder() == SpecFolder.NEXT) {
            mover.move(spec, SpecFolder.ACTIVE, "work started on " + spec.branch(), run.batchId(), false);
        }
        return published;
    }
}
