package dev.nightshift.build;

import dev.nightshift.phase.BatchRun;
import dev.nightshift.pr.HostProject;
import dev.nightshift.pr.HostPullRequest;
import dev.nightshift.pr.PullRequestHost;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One pull request per spec, ever: an open one is added to (body updated, one comment per batch);
 * a new one is opened only when the spec has none, neither in nightshift's records nor on the host.
 */
@Component
class PullRequestReuse {

    private static final Logger log = LoggerFactory.getLogger(PullRequestReuse.class);

    /** What publishing did: opened a pull request, or added to the one that existed. */
    public record Published(long prId, boolean opened, PullRequest pullRequest) {
        public String action() {
            return opened ? "opened" : "updated";
        }
    }

    private final PullRequestRepository pullRequests;
    private final SecretMasker masker;
    private final Clock clock;

    public PullRequestReuse(PullRequestRepository pullRequests, SecretMasker masker, Clock clock) {
        this.pullRequests = pullRequests;
        this.masker = masker;
        this.clock = clock;
    }

    /**
     * Adds to the spec's open pull request, or opens one when it has none. Body and comment carry
     * the agent's words, so they are masked for secrets before they leave.
     */
    public Published publish(BatchRun run, PullRequestHost host, HostProject project, String spec, String branch,
                             String rawTitle, String head, String rawBody, String rawComment) {
        // Every host gets its text from here: a secret the agent wrote in its note never leaves masked text.
        String title = masker.mask(rawTitle);
        String body = masker.mask(rawBody);
        String comment = masker.mask(rawComment);
        Optional<PullRequest> known = pullRequests.latestForSpec(project.name(), spec)
                .filter(pr -> pr.state() == PullRequestState.OPEN);
        if (known.isEmpty()) {
            // nightshift's row may be gone (a new database); the host still knows the branch's pull request.
            known = host.find(project, branch)
                    .filter(found -> found.state() == PullRequestState.OPEN)
                    .map(found -> adopt(project, spec, branch, title, head, body, host, found));
        }
        if (known.isPresent()) {
            PullRequest pr = known.get();
            host.updateBody(project, pr, body);
            if (!pullRequests.updatedIn(pr.id(), run.batchId())) {
                host.comment(project, pr, comment);
            }
            pullRequests.updateBody(pr.id(), body, head, clock.instant());
            pullRequests.recordUpdate(pr.id(), run.batchId(), "updated", head, comment, clock.instant());
            log.info("added to PR #{} of {}/{}", pr.number(), project.name(), spec);
            return new Published(pr.id(), false, pullRequests.find(pr.id()).orElse(pr));
        }
        HostPullRequest opened = host.open(project, branch, title, body);
        long id = pullRequests.insert(project.name(), spec, hostName(host), opened.number(), opened.url(), branch,
                title, head, body, clock.instant());
        pullRequests.recordUpdate(id, run.batchId(), "opened", head, comment, clock.instant());
        log.info("opened PR #{} for {}/{}: {}", opened.number(), project.name(), spec, opened.url());
        return new Published(id, true, pullRequests.find(id).orElseThrow());
    }

    private PullRequest adopt(HostProject project, String spec, String branch, String title, String head, String body,
                              PullRequestHost host, HostPullRequest found) {
        return pullRequests.findByNumber(project.name(), hostName(host), found.number()).orElseGet(() -> {
            long id = pullRequests.insert(project.name(), spec, hostName(host), found.number(), found.url(), branch,
                    title, head, body, clock.instant());
            return pullRequests.find(id).orElseThrow();
        });
    }

    private static String hostName(PullRequestHost host) {
        return host.kind().name().toLowerCase(Locale.ROOT);
    }
}
