package dev.nightshift.pr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.nightshift.config.PrSettings;
import dev.nightshift.config.ProjectSettings;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pr.draft}, {@code pr.labels} and {@code pr.reviewers} sent as GitHub documents them: the
 * create's {@code draft}, "Add labels to an issue", "Request reviewers for a pull request", and the
 * GraphQL mutation {@code markPullRequestReadyForReview}.
 */
class GitHubPullRequestOptionsTests {

    private static final String REPO = "me/shop";
    private static final String BRANCH = "nightshift/0001-billing";
    private static final String PULLS = "/repos/me/shop/pulls";

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private GitHubPullRequestHost host() {
        ProcessRunner runner = new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none());
        GitHubToken token = new GitHubToken(new ProcessEnvironment(Map.of("GITHUB_TOKEN", "test-token",
                "PATH", System.getenv("PATH")), Set.of()), runner);
        return new GitHubPullRequestHost(new GitHubApi(token, new ProcessDeadline(), Clock.systemUTC(),
                new GitHubRetryPolicy.Limits(2, Duration.ofMillis(50), Duration.ofSeconds(2))));
    }

    private HostProject project(boolean draft, List<String> labels, List<String> reviewers) {
        PrSettings pr = new PrSettings(PrSettings.Host.GITHUB, REPO, github.baseUrl(), draft, labels, reviewers, null);
        return new HostProject("shop", new ProjectSettings("git@github.com:me/shop.git", "main", "make test", null, null,
                pr, null, null), dir, dir.resolve("git.log"));
    }

    private static PullRequest row(int number) {
        return new PullRequest(1L, "shop", "0001-billing", "github", number, "https://github.com/me/shop/pull/" + number,
                BRANCH, "Billing", PullRequestState.OPEN, null, null, Instant.now(), Instant.now(), null);
    }

    private static String draftPull(int number, boolean draft) {
        return GitHubShapes.pull(REPO, number, BRANCH, "open", false).replace("\"draft\":false", "\"draft\":" + draft);
    }

    @Test
    void aDraftOpensWithItsLabelsAndReviewRequests() {
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(draftPull(41, true))));
        github.stubFor(post(urlPathEqualTo("/repos/me/shop/issues/41/labels")).willReturn(okJson(
                "[{\"id\":208045946,\"node_id\":\"MDU6TGFiZWwyMDgwNDU5NDY=\",\"name\":\"nightshift\",\"color\":\"f29513\","
                        + "\"default\":false}]")));
        github.stubFor(post(urlPathEqualTo(PULLS + "/41/requested_reviewers")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(draftPull(41, true))));

        HostPullRequest opened = host().open(project(true, List.of("nightshift", "needs review"), List.of("octocat")),
                BRANCH, "Billing", "body");

        assertThat(opened.number()).isEqualTo(41);
        github.verify(postRequestedFor(urlPathEqualTo(PULLS)).withRequestBody(matchingJsonPath("$.draft", equalTo("true"))));
        github.verify(1, postRequestedFor(urlPathEqualTo("/repos/me/shop/issues/41/labels"))
                .withRequestBody(equalToJson("{\"labels\":[\"nightshift\",\"needs review\"]}")));
        github.verify(1, postRequestedFor(urlPathEqualTo(PULLS + "/41/requested_reviewers"))
                .withRequestBody(equalToJson("{\"reviewers\":[\"octocat\"]}")));
    }

    @Test
    void withoutOptionsNothingMoreIsAskedThanTheCreate() {
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(draftPull(42, false))));

        host().open(project(false, List.of(), List.of()), BRANCH, "Billing", "body");

        github.verify(postRequestedFor(urlPathEqualTo(PULLS)).withRequestBody(WireMock.notContaining("draft")));
        assertThat(github.findAll(postRequestedFor(WireMock.anyUrl()))).hasSize(1);
    }

    @Test
    void aRefusedReviewRequestDoesNotUndoThePullRequest() {
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(draftPull(43, false))));
        github.stubFor(post(urlPathEqualTo(PULLS + "/43/requested_reviewers")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody(GitHubShapes.error("Review cannot be requested from pull request author."))));

        HostPullRequest opened = host().open(project(false, List.of(), List.of("me")), BRANCH, "Billing", "body");

        assertThat(opened.number()).isEqualTo(43);
    }

    @Test
    void aDraftIsMarkedReadyThroughTheGraphQlMutation() {
        github.stubFor(get(urlPathEqualTo(PULLS + "/44")).willReturn(okJson(draftPull(44, true))));
        github.stubFor(post(urlPathEqualTo("/graphql")).willReturn(okJson(
                "{\"data\":{\"markPullRequestReadyForReview\":{\"pullRequest\":{\"isDraft\":false}}}}")));

        host().markReady(project(true, List.of(), List.of()), row(44));

        github.verify(1, postRequestedFor(urlPathEqualTo("/graphql"))
                .withHeader("Authorization", equalTo("Bearer test-token"))
                .withRequestBody(matchingJsonPath("$.query", WireMock.containing("markPullRequestReadyForReview(input: {pullRequestId: $id})")))
                .withRequestBody(matchingJsonPath("$.variables.id", equalTo("PR_kwDOAbc44"))));
    }

    @Test
    void aPullRequestThatIsNoDraftIsLeftAsItIs() {
        github.stubFor(get(urlPathEqualTo(PULLS + "/45")).willReturn(okJson(draftPull(45, false))));

        host().markReady(project(true, List.of(), List.of()), row(45));

        assertThat(github.findAll(postRequestedFor(urlPathEqualTo("/graphql")))).isEmpty();
    }

    @Test
    void theGraphQlEndpointSitsBesideTheRestApi() {
        assertThat(GitHubPullRequestOptions.graphQl("https://api.github.com")).isEqualTo("https://api.github.com/graphql");
        assertThat(GitHubPullRequestOptions.graphQl("https://ghe.example.com/api/v3")).isEqualTo("https://ghe.example.com/api/graphql");
    }
}
