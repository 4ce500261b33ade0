package dev.nightshift.supervisor;

import dev.nightshift.config.Home;
import dev.nightshift.git.Git;
import dev.nightshift.git.RepositoryClones;
import dev.nightshift.git.Worktrees;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.pr.ClosedPullRequestRule;
import dev.nightshift.pr.HostProject;
import dev.nightshift.pr.PullRequestHost;
import dev.nightshift.pr.PullRequestHosts;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecMover;
import dev.nightshift.spec.Workspace;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Is the work of an open pull request done? The host says: merged moves the spec to done/ and
 * removes its worktree and local branch; closed without merge moves it to blocked/ (the owner
 * rejected it). Never the agent.
 */
@Component
class DoneOracle {

    private static final Logger log = LoggerFactory.getLogger(DoneOracle.class);

    /** What the oracle found for one pull request. */
    public record Verdict(PullRequest pullRequest, PullRequestState state, String note) {
    }

    private final Home home;
    private final PullRequestRepository pullRequests;
    private final PullRequestHosts hosts;
    private final RepositoryClones clones;
    private final Worktrees worktrees;
    private final SpecMover mover;
    private final Git git;
    private final Clock clock;

    public DoneOracle(Home home, PullRequestRepository pullRequests, PullRequestHosts hosts, RepositoryClones clones,
                      Worktrees worktrees, SpecMover mover, Git git, Clock clock) {
        this.home = home;
        this.pullRequests = pullRequests;
        this.hosts = hosts;
        this.clones = clones;
        this.worktrees = worktrees;
        this.mover = mover;
        this.git = git;
        this.clock = clock;
    }

    public List<Verdict> check(BatchRun run, Workspace workspace) {
        List<Verdict> verdicts = new ArrayList<>();
        Path gitLog = home.batchLogs(run.batchId()).resolve("supervisor-git.log");
        for (PullRequest pr : pullRequests.open()) {
            Optional<ProjectQueue> project = workspace.project(pr.project());
            if (!run.includes(pr.project()) || project.isEmpty() || !project.get().usable()) {
                continue;
            }
            try {
                verdicts.add(check(run, project.get(), pr, gitLog));
            } catch (RuntimeException e) {
                log.warn("could not ask the host about {} PR #{}: {}", pr.project(), pr.number(), e.getMessage());
                verdicts.add(new Verdict(pr, PullRequestState.OPEN, "could not be checked: " + e.getMessage()));
            }
        }
        return verdicts;
    }

    private Verdict check(BatchRun run, ProjectQueue project, PullRequest pr, Path gitLog) {
        Path clone = clones.ensure(project.name(), project.settings(), gitLog);
        HostProject hostProject = new HostProject(project.name(), project.settings(), clone, gitLog);
        PullRequestHost host = hosts.forKind(project.settings().pr().host());
        PullRequestState state = host.state(hostProject, pr);
        if (state == PullRequestState.OPEN) {
            return new Verdict(pr, state, null);
        }
        Optional<Spec> spec = project.find(pr.spec());
        String note;
        if (state == PullRequestState.MERGED) {
            note = "PR #" + pr.number() + " was merged" + spec.map(DoneOracle::stillOpen).orElse("");
            spec.filter(s -> s.folder() != SpecFolder.DONE)
                    .ifPresent(s -> mover.move(s, SpecFolder.DONE, note, run.batchId(), run.dryRun()));
            removeWorkOf(run, project.name(), pr, clone, gitLog);
        } else {
            // Closed now: the spec leaves the queue with the rule's reason, whatever it says of reopening.
            note = ClosedPullRequestRule.rejection(pr.number(), pr.url());
            spec.filter(s -> s.folder() != SpecFolder.BLOCKED && s.folder() != SpecFolder.DONE)
                    .ifPresent(s -> mover.move(s, SpecFolder.BLOCKED, note, run.batchId(), run.dryRun()));
        }
        if (!run.dryRun()) {
            pullRequests.updateState(pr.id(), state, clock.instant());
        }
        log.info("{}/{}: {}", project.name(), pr.spec(), note);
        return new Verdict(pr, state, note);
    }

    /**
     * Merged is done (the owner's merge decides), but tasks left unticked are named, so that the
     * report and the project's notes show what the owner may want in a new spec.
     */
    static String stillOpen(Spec spec) {
        List<String> open = spec.hasTaskList() ? spec.openTasks().stream().map(t -> t.text()).toList() : List.of();
        if (open.isEmpty()) {
            return "";
        }
        return " with " + open.size() + (open.size() == 1 ? " task" : " tasks") + " still open: " + String.join("; ", open)
                + "; write a new spec for what is left";
    }

    /** A merged branch is finished: its worktree and nightshift's local branch go; the remote's stays the owner's. */
    private void removeWorkOf(BatchRun run, String project, PullRequest pr, Path clone, Path gitLog) {
        Path worktree = home.worktree(project, pr.spec());
        if (run.dryRun()) {
            log.info("DRY-RUN: would remove the worktree {} and the local branch {}", worktree, pr.branch());
            return;
        }
        worktrees.remove(clone, worktree, gitLog);
        if (git.ok(clone, gitLog, "rev-parse", "--verify", "--quiet", "refs/heads/" + pr.branch())
                && !git.ok(clone, gitLog, "branch", "-D", pr.branch())) {
            log.warn("could not delete the local branch {} of {}", pr.branch(), project);
        }
    }
}
