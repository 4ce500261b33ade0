package dev.nightshift.build;

import dev.nightshift.git.GitException;
import dev.nightshift.order.QueueChange;
import dev.nightshift.config.PrSettings;
import dev.nightshift.order.PrIntent;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.pr.HostProject;
import dev.nightshift.pr.PullRequestHosts;
import dev.nightshift.pr.ReviewAnswer;
import dev.nightshift.pr.GitHubException;
import dev.nightshift.spec.FollowUps;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.store.BuildOutcome;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Work whose gate passed goes out: the follow-ups it left are filed, the tested commit pushed and
 * the pull request opened or added to ({@link Publication}); then the task is ticked and the spec
 * moved to active/. The last step: it always ends the build.
 */
@Component
class Publish implements BuildStep {

    private final Publication publication;
    private final FollowUps followUps;
    private final ReviewAnswering reviewAnswering;
    private final PullRequestHosts hosts;

    Publish(Publication publication, FollowUps followUps, ReviewAnswering reviewAnswering, PullRequestHosts hosts) {
        this.publication = publication;
        this.followUps = followUps;
        this.reviewAnswering = reviewAnswering;
        this.hosts = hosts;
    }

    @Override
    public StepResult run(BuildContext build) {
        FollowUps.Chosen chosen = followUps.choose(build.drafts, build.project(), known(build.order));
        for (FollowUps.Filing filing : chosen.filings()) {
            build.change(new QueueChange.FileFollowUp(filing.name(), filing.text()));
        }
        build.tally.followUps.addAll(chosen.names());
        BuildTally tally = build.tally;
        boolean review = build.order.intent() == PrIntent.ADDRESS_REVIEW;
        List<ReviewAnswer> answers = review ? reviewAnswering.pair(build.order.review(), build.answers) : List.of();
        String summary = review ? ReviewAnswering.summary(build.batchId(), answers) : null;
        try {
            PullRequestReuse.Published published = publication.publish(build.run, build.project(),
                    build.order.settings(), build.spec,
                    new Publication.Work(build.task, tally.lastGate, tally.note, tally.followUps, summary), build.clone,
                    build.tested, build.gitLog);
            if (review) {
                // The review's answer, never a task: no tick; each point marked, the host's threads answered.
                boolean finished = reviewAnswering.record(build.batchId(),
                        hosts.forKind(build.order.settings().pr().host()),
                        new HostProject(build.project(), build.order.settings(), build.clone, build.gitLog),
                        published.pullRequest(), answers);
                if (finished && build.order.settings().pr().host() == PrSettings.Host.LOCAL) {
                    build.change(new QueueChange.SettleReview(summary, reviewAnswering.read(published.pullRequest())));
                }
                return StepResult.published(published);
            }
            build.change(new QueueChange.Tick(build.task));
            if (build.spec.folder() == SpecFolder.NEXT) {
                build.change(new QueueChange.Activate("work started on " + build.order.branch()));
            }
            return StepResult.published(published);
        } catch (GitException | GitHubException e) {
            return StepResult.journalled(BuildOutcome.FAILED, "could not publish: " + e.getMessage());
        }
    }

    private static FollowUps.Known known(WorkOrder order) {
        Set<String> names = new HashSet<>();
        Set<String> titles = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (WorkOrder.KnownSpec spec : order.knownSpecs()) {
            names.add(spec.name());
            if (spec.title() != null) {
                titles.add(spec.title());
            }
            if (spec.sha256() != null) {
                hashes.add(spec.sha256());
            }
        }
        return new FollowUps.Known(names, titles, hashes);
    }
}
