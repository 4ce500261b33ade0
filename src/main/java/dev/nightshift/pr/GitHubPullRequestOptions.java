package dev.nightshift.pr;

import dev.nightshift.config.PrSettings;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What {@code pr.labels} and {@code pr.reviewers} ask of a pull request as it opens, and a draft
 * ({@code pr.draft}) made ready for review. GitHub's REST API has no field that takes a pull request
 * out of draft; its documented way is the GraphQL mutation {@code markPullRequestReadyForReview}.
 * A refusal here is logged and does not undo the pull request: the work was published.
 */
final class GitHubPullRequestOptions {

    private static final Logger log = LoggerFactory.getLogger(GitHubPullRequestOptions.class);
    static final String READY_MUTATION = "mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId: $id})"
            + " { pullRequest { isDraft } } }";

    private final GitHubApi api;

    GitHubPullRequestOptions(GitHubApi api) {
        this.api = api;
    }

    /** Labels and review requests of a pull request just opened. */
    void onOpen(PrSettings settings, int number) {
        String repo = "/repos/" + settings.repository();
        if (!settings.labels().isEmpty()) {
            attempt("add labels " + settings.labels() + " to #" + number, () -> api.send(settings.api(), "POST",
                    repo + "/issues/" + number + "/labels", Map.of("labels", settings.labels())));
        }
        if (!settings.reviewers().isEmpty()) {
            attempt("request reviews of " + settings.reviewers() + " on #" + number, () -> api.send(settings.api(), "POST",
                    repo + "/pulls/" + number + "/requested_reviewers", Map.of("reviewers", settings.reviewers())));
        }
    }

    /** Takes the pull request out of draft, when it is one. */
    void markReady(PrSettings settings, int number) {
        GitHubApi.Response pull = api.get(settings.api(), "/repos/" + settings.repository() + "/pulls/" + number);
        if (pull.body() == null || !pull.body().path("draft").asBoolean(false)) {
            return;
        }
        String nodeId = pull.body().path("node_id").asString("");
        attempt("mark #" + number + " ready for review", () -> {
            GitHubApi.Response answer = api.send(graphQl(settings.api()), "POST", "",
                    Map.of("query", READY_MUTATION, "variables", Map.of("id", nodeId)));
            JsonNode errors = answer.body() != null ? answer.body().get("errors") : null;
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                // GraphQL answers 200 with its errors in the body.
                throw new GitHubException(errors.get(0).path("message").asString("GraphQL error"));
            }
            return answer;
        });
        log.info("GitHub: #{} marked ready for review", number);
    }

    /**
     * GitHub's GraphQL endpoint beside a REST API address: {@code https://api.github.com/graphql};
     * on GitHub Enterprise, {@code .../api/v3} becomes {@code .../api/graphql}.
     */
    static String graphQl(String restApi) {
        return restApi.endsWith("/api/v3") ? restApi.substring(0, restApi.length() - 3) + "/graphql" : restApi + "/graphql";
    }

    private static void attempt(String what, Supplier<GitHubApi.Response> call) {
        try {
            GitHubApi.Response response = call.get();
            if (response.status() == 404) {
                log.warn("GitHub could not {}: 404 {}", what, response.message());
            }
        } catch (GitHubException refused) {
            log.warn("GitHub could not {}: {}", what, refused.getMessage());
        }
    }
}
