package dev.nightshift.pr;

import dev.nightshift.config.PrSettings;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Pull requests on GitHub ({@code pr.host: github}) through its REST API at {@code pr.api}. A
 * create that may have gone through (a 5xx or no answer) is checked by a find before it is
 * repeated, so a retry never opens a second pull request for a branch.
 */
@Component
public class GitHubPullRequestHost implements PullRequestHost {

    private static final Logger log = LoggerFactory.getLogger(GitHubPullRequestHost.class);

    private final GitHubApi api;
    private final GitHubReviewReader reviews;
    private final GitHubPullRequestOptions options;

    public GitHubPullRequestHost(GitHubApi api) {
        this.api = api;
        this.reviews = new GitHubReviewReader(api);
        this.options = new GitHubPullRequestOptions(api);
    }

    @Override
    public PrSettings.Host kind() {
        return PrSettings.Host.GITHUB;
    }

    /** The open pull request of the branch if there is one, else its newest, whatever its state. */
    @Override
    public Optional<HostPullRequest> find(HostProject project, String branch) {
        List<HostPullRequest> all = list(project, branch);
        return all.stream().filter(pr -> pr.state() == PullRequestState.OPEN).findFirst()
                .or(() -> all.stream().max(Comparator.comparingInt(HostPullRequest::number)));
    }

    private List<HostPullRequest> list(HostProject project, String branch) {
        PrSettings pr = project.settings().pr();
        String head = owner(pr) + ":" + branch;
        GitHubApi.Response response = api.get(pr.api(), repo(pr) + "/pulls?state=all&per_page=100&head="
                + URLEncoder.encode(head, StandardCharsets.UTF_8));
        List<HostPullRequest> found = new ArrayList<>();
        if (response.status() == 404) {
            throw new GitHubException("GitHub has no repository " + pr.repository() + " (or the token cannot see it)", 404);
        }
        if (response.body() != null && response.body().isArray()) {
            for (JsonNode node : response.body()) {
                found.add(toPullRequest(node));
            }
        }
        return found;
    }

    @Override
    public HostPullRequest open(HostProject project, String branch, String title, String body) {
        PrSettings pr = project.settings().pr();
        Map<String, Object> request = new LinkedHashMap<>(Map.of("title", title, "head", branch,
                "base", project.settings().base(), "body", body));
        if (pr.draft()) {
            request.put("draft", true);
        }
        HostPullRequest opened = api.retrying("create a pull request for " + branch, attempt -> {
            if (attempt > 1) {
                // The previous POST may have created it before the answer was lost.
                Optional<HostPullRequest> made = openOne(project, branch);
                if (made.isPresent()) {
                    log.info("GitHub: the pull request for {} exists after all (#{}); not creating another",
                            branch, made.get().number());
                    return made.get();
                }
            }
            GitHubApi.Response response = createOnce(pr, request);
            if (response.status() == 422) {
                // "A pull request already exists for owner:branch": adopt it, never make a second.
                return openOne(project, branch).orElseThrow(() -> new GitHubException(
                        "GitHub refused to open a pull request for " + branch + ": " + response.message(), 422));
            }
            if (response.status() == 404) {
                throw new GitHubException("GitHub has no repository " + pr.repository()
                        + " (or the token cannot see it)", 404);
            }
            return toPullRequest(response.body());
        });
        options.onOpen(pr, opened.number());
        return opened;
    }

    private GitHubApi.Response createOnce(PrSettings pr, Map<String, Object> request) {
        try {
            return api.once(pr.api(), "POST", repo(pr) + "/pulls", request);
        } catch (GitHubException refused) {
            if (refused.status() == 422) {
                return new GitHubApi.Response(422, GitHubApi.JSON.createObjectNode().put("message", refused.getMessage()));
            }
            throw refused;
        }
    }

    private Optional<HostPullRequest> openOne(HostProject project, String branch) {
        return list(project, branch).stream().filter(p -> p.state() == PullRequestState.OPEN).findFirst();
    }

    @Override
    public void updateBody(HostProject project, PullRequest pr, String body) {
        PrSettings settings = project.settings().pr();
        check(api.send(settings.api(), "PATCH", repo(settings) + "/pulls/" + pr.number(), Map.of("body", body)),
                "update the body of #" + pr.number());
    }

    @Override
    public void comment(HostProject project, PullRequest pr, String text) {
        PrSettings settings = project.settings().pr();
        String comments = repo(settings) + "/issues/" + pr.number() + "/comments";
        String since = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS).toString();
        // Marked as nightshift's own, so that reading the review never takes it for the owner's words.
        String marked = NightshiftMark.mark(text);
        api.retrying("comment on #" + pr.number(), attempt -> {
            if (attempt > 1 && alreadyCommented(settings, comments + "?per_page=100&since=" + since, marked)) {
                // The previous POST went through before its answer was lost: one comment per batch.
                return null;
            }
            return check(api.once(settings.api(), "POST", comments, Map.of("body", marked)), "comment on #" + pr.number());
        });
    }

    private boolean alreadyCommented(PrSettings settings, String path, String text) {
        GitHubApi.Response recent = api.once(settings.api(), "GET", path, null);
        if (recent.body() == null || !recent.body().isArray()) {
            return false;
        }
        for (JsonNode comment : recent.body()) {
            // Compared without the mark: a comment posted before comments were marked counts too.
            if (NightshiftMark.unmarked(text).equals(NightshiftMark.unmarked(comment.path("body").asString("")))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public PullRequestState state(HostProject project, PullRequest pr) {
        PrSettings settings = project.settings().pr();
        GitHubApi.Response response = check(api.get(settings.api(), repo(settings) + "/pulls/" + pr.number()),
                "read #" + pr.number());
        return toPullRequest(response.body()).state();
    }

    @Override
    public ReviewRead readReview(HostProject project, PullRequest pr, Set<String> alreadyRead) {
        return reviews.read(project.settings().pr(), pr.number(), alreadyRead);
    }

    @Override
    public void answerReview(HostProject project, PullRequest pr, List<ReviewAnswer> answers) {
        PrSettings settings = project.settings().pr();
        for (ReviewAnswer answer : answers) {
            if (answer.addressed() && answer.point().kind() == ReviewPoint.Kind.LINE) {
                try {
                    check(api.send(settings.api(), "POST", repo(settings) + "/pulls/" + pr.number() + "/comments/"
                            + answer.point().id() + "/replies", Map.of("body", NightshiftMark.mark(answer.answer()))),
                            "reply to comment " + answer.point().id() + " on #" + pr.number());
                } catch (GitHubException refused) {
                    // The summary already answers the point; a thread that is gone (deleted comment) is no failure.
                    log.warn("GitHub: no reply in the thread of comment {} on #{}: {}", answer.point().id(), pr.number(),
                            refused.getMessage());
                }
            }
        }
    }

    @Override
    public void markReady(HostProject project, PullRequest pr) {
        options.markReady(project.settings().pr(), pr.number());
    }

    private static GitHubApi.Response check(GitHubApi.Response response, String what) {
        if (response.status() == 404) {
            throw new GitHubException("GitHub could not " + what + ": 404 " + response.message(), 404);
        }
        return response;
    }

    static HostPullRequest toPullRequest(JsonNode node) {
        if (node == null || !node.has("number")) {
            throw new GitHubException("GitHub answered without a pull request");
        }
        String state = node.path("state").asString("").toLowerCase(Locale.ROOT);
        boolean merged = node.path("merged").asBoolean(false) || node.hasNonNull("merged_at");
        PullRequestState mapped = merged ? PullRequestState.MERGED
                : "open".equals(state) ? PullRequestState.OPEN : PullRequestState.CLOSED;
        return new HostPullRequest(node.get("number").asInt(), node.path("html_url").asString(""), mapped);
    }

    private static String repo(PrSettings pr) {
        return "/repos/" + pr.repository();
    }

    private static String owner(PrSettings pr) {
        return pr.repository().substring(0, pr.repository().indexOf('/'));
    }
}
