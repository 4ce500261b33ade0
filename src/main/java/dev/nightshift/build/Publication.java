package dev.nightshift.build;

import dev.nightshift.phase.BatchRun;
import dev.nightshift.pr.HostProject;
import dev.nightshift.pr.PullRequestHost;
import dev.nightshift.pr.PullRequestHosts;
import dev.nightshift.config.ProjectSettings;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecTask;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Publishing work that passed the gate: the push of exactly the commit the gate tested (never
 * forced, by its id, so nothing that changed after the gate goes out), then the pull request opened
 * or added to. Nothing here runs unless the gate passed.
 */
@Component
class Publication {

    /**
     * What the batch adds, for the pull request's body and comment.
     *
     * @param answer the batch's comment when it answered the owner's review (point by point), else {@code null}
     */
    public record Work(SpecTask task, GateResult gate, String note, List<String> followUps, String answer) {

        public Work(SpecTask task, GateResult gate, String note, List<String> followUps) {
            this(task, gate, note, followUps, null);
        }
    }

    private final BranchWork branches;
    private final HomeFingerprint fingerprint;
    private final PullRequestReuse reuse;
    private final PullRequestHosts hosts;

    public Publication(BranchWork branches, HomeFingerprint fingerprint, PullRequestReuse reuse, PullRequestHosts hosts) {
        this.branches = branches;
        this.fingerprint = fingerprint;
        this.reuse = reuse;
        this.hosts = hosts;
    }

    /** @param tested the commit the gate tested: the one pushed */
    public PullRequestReuse.Published publish(BatchRun run, String project, ProjectSettings settings, Spec spec,
                                              Work work, Path clone, String tested, Path gitLog) {
        String base = settings.base();
        String since = branches.publishedPoint(clone, spec.branch(), base, gitLog);
        List<String> commits = branches.unpublishedSubjects(clone, since, tested, gitLog);
        // recorded first: another project's check may look at the remote while this push lands
        fingerprint.pushed("refs/heads/" + spec.branch(), tested);
        branches.push(clone, tested, spec.branch(), gitLog);
        HostProject hostProject = new HostProject(project, settings, clone, gitLog);
        PullRequestHost host = hosts.forKind(settings.pr().host());
        PullRequestReuse.Published published = reuse.publish(run, host,
                hostProject, spec.name(), spec.branch(), spec.title(), tested,
                PullRequestText.body(spec, work.task(), work.gate(), run.batchId()),
                work.answer() != null ? work.answer()
                        : PullRequestText.comment(work.task(), work.gate(), work.note(), commits, work.followUps(), run.batchId()));
        if (spec.tasks().stream().allMatch(t -> t.done() || t.index() == work.task().index())) {
            // Every task has passed the gate now: a draft (pr.draft) is ready for the owner's review.
            host.markReady(hostProject, published.pullRequest());
        }
        return published;
    }
}
