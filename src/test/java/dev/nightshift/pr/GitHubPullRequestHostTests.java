package dev.nightshift.pr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.nightshift.config.PrSettings;
import dev.nightshift.config.ProjectSettings;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The GitHub host against WireMock stubs that answer as GitHub's REST API documents. */
class GitHubPullRequestHostTests {

    private static final String TOKEN = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    private static final String REPO = "me/shop";
    private static final String BRANCH = "nightshift/0001-billing";
    private static final String PULLS = "/repos/me/shop/pulls";

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private ProcessRunner runner() {
        return new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none());
    }

    private GitHubPullRequestHost host(Map<String, String> environment) {
        GitHubToken token = new GitHubToken(new ProcessEnvironment(environment, Set.of()), runner());
        GitHubApi api = new GitHubApi(token, new ProcessDeadline(), Clock.systemUTC(),
                new GitHubRetryPolicy.Limits(3, Duration.ofMillis(100), Duration.ofSeconds(5)));
        return new GitHubPullRequestHost(api);
    }

    private GitHubPullRequestHost host() {
        return host(Map.of("GITHUB_TOKEN", TOKEN, "PATH", System.getenv("PATH")));
    }

    private HostProject project() {
        ProjectSettings settings = new ProjectSettings("git@github.com:me/shop.git", "main", "make test", null, null,
                new PrSettings(PrSettings.Host.GITHUB, REPO, github.baseUrl()), null, null);
        return new HostProject("shop", settings, dir, dir.resolve("git.log"));
    }

    private static PullRequest row(int number) {
        return new PullRequest(1L, "shop", "0001-billing", "github", number, "https://github.com/me/shop/pull/" + number,
                BRANCH, "Billing", PullRequestState.OPEN, null, null, Instant.now(), Instant.now(), null);
    }

    @Test
    void findAsksForTheBranchAcrossAllStatesAndPrefersTheOpenOne() {
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson(GitHubShapes.list(
                GitHubShapes.pull(REPO, 9, BRANCH, "open", false),
                GitHubShapes.pull(REPO, 4, BRANCH, "closed", false)))));

        HostPullRequest found = host().find(project(), BRANCH).orElseThrow();

        assertThat(found.number()).isEqualTo(9);
        assertThat(found.state()).isEqualTo(PullRequestState.OPEN);
        assertThat(found.url()).isEqualTo("https://github.com/me/shop/pull/9");
        github.verify(getRequestedFor(urlPathEqualTo(PULLS))
                .withQueryParam("head", equalTo("me:" + BRANCH))
                .withQueryParam("state", equalTo("all"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void aClosedOrMergedPullRequestIsFoundWithItsState() {
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson(GitHubShapes.list(
                GitHubShapes.pull(REPO, 4, BRANCH, "closed", false)))));
        assertThat(host().find(project(), BRANCH)).map(HostPullRequest::state).contains(PullRequestState.CLOSED);

        github.stubFor(get(urlPathEqualTo(PULLS + "/4")).willReturn(okJson(GitHubShapes.pull(REPO, 4, BRANCH, "closed", true))));
        assertThat(host().state(project(), row(4))).isEqualTo(PullRequestState.MERGED);
        github.stubFor(get(urlPathEqualTo(PULLS + "/5")).willReturn(okJson(GitHubShapes.pull(REPO, 5, BRANCH, "open", false))));
        assertThat(host().state(project(), row(5))).isEqualTo(PullRequestState.OPEN);
    }

    @Test
    void openPostsTitleHeadBaseAndBody() {
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(GitHubShapes.pull(REPO, 12, BRANCH, "open", false))));

        HostPullRequest opened = host().open(project(), BRANCH, "Billing", "## Tasks\n- [x] one");

        assertThat(opened.number()).isEqualTo(12);
        github.verify(1, postRequestedFor(urlPathEqualTo(PULLS)).withRequestBody(equalToJson(
                "{\"title\":\"Billing\",\"head\":\"" + BRANCH + "\",\"base\":\"main\",\"body\":\"## Tasks\\n- [x] one\"}")));
    }

    @Test
    void a502OnCreateIsCheckedByAFindAndThenRetriedSoExactlyOnePullRequestIsMade() {
        github.stubFor(post(urlPathEqualTo(PULLS)).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502).withBody(GitHubShapes.error("Server Error")))
                .willSetStateTo("failed once"));
        github.stubFor(post(urlPathEqualTo(PULLS)).inScenario("create").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(GitHubShapes.pull(REPO, 13, BRANCH, "open", false))));
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson("[]")));

        HostPullRequest opened = host().open(project(), BRANCH, "Billing", "body");

        assertThat(opened.number()).isEqualTo(13);
        github.verify(2, postRequestedFor(urlPathEqualTo(PULLS)));
        github.verify(1, getRequestedFor(urlPathEqualTo(PULLS)).withQueryParam("head", equalTo("me:" + BRANCH)));
    }

    @Test
    void aCreateThatWentThroughDespiteThe502IsFoundAndNotRepeated() {
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(502)));
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson(GitHubShapes.list(
                GitHubShapes.pull(REPO, 14, BRANCH, "open", false)))));

        HostPullRequest opened = host().open(project(), BRANCH, "Billing", "body");

        assertThat(opened.number()).isEqualTo(14);
        github.verify(1, postRequestedFor(urlPathEqualTo(PULLS)));
    }

    @Test
    void aPullRequestThatAlreadyExistsIsAdoptedNotDuplicated() {
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"PullRequest\",\"code\":\"custom\","
                        + "\"message\":\"A pull request already exists for me:" + BRANCH + ".\"}],"
                        + "\"documentation_url\":\"https://docs.github.com/rest/pulls/pulls#create-a-pull-request\"}")));
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson(GitHubShapes.list(
                GitHubShapes.pull(REPO, 15, BRANCH, "open", false)))));

        assertThat(host().open(project(), BRANCH, "Billing", "body").number()).isEqualTo(15);
        github.verify(1, postRequestedFor(urlPathEqualTo(PULLS)));
    }

    @Test
    void aSecondaryRateLimitIsWaitedOutAsRetryAfterSays() {
        String comments = "/repos/me/shop/issues/7/comments";
        github.stubFor(post(urlPathEqualTo(comments)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("retry-after", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody(GitHubShapes.error("You have exceeded a secondary rate limit. Please wait a few minutes before you try again.")))
                .willSetStateTo("limited"));
        github.stubFor(post(urlPathEqualTo(comments)).inScenario("limit").whenScenarioStateIs("limited")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(GitHubShapes.comment(REPO, 7, 1, "batch added: one"))));
        github.stubFor(get(urlPathEqualTo(comments)).willReturn(okJson("[]")));

        long start = System.nanoTime();
        host().comment(project(), row(7), "batch added: one");
        System.out.printf("the rate-limited comment went through after %d ms%n", (System.nanoTime() - start) / 1_000_000);

        github.verify(2, postRequestedFor(urlPathEqualTo(comments)).withRequestBody(matchingJsonPath("$.body", equalTo(NightshiftMark.mark("batch added: one")))));
    }

    @Test
    void anExhaustedPrimaryRateLimitWaitsForTheReset() {
        String pull = PULLS + "/7";
        long reset = Instant.now().getEpochSecond() + 1;
        github.stubFor(patch(urlPathEqualTo(pull)).inScenario("primary").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("x-ratelimit-limit", "5000")
                        .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-used", "5000")
                        .withHeader("x-ratelimit-reset", String.valueOf(reset))
                        .withBody(GitHubShapes.error("API rate limit exceeded for user ID 1.")))
                .willSetStateTo("reset"));
        github.stubFor(patch(urlPathEqualTo(pull)).inScenario("primary").whenScenarioStateIs("reset")
                .willReturn(okJson(GitHubShapes.pull(REPO, 7, BRANCH, "open", false))));

        host().updateBody(project(), row(7), "## Tasks\n- [x] two");

        github.verify(2, patchRequestedFor(urlPathEqualTo(pull)).withRequestBody(equalToJson("{\"body\":\"## Tasks\\n- [x] two\"}")));
    }

    @Test
    void aCommentWhoseAnswerWasLostIsNotPostedTwice() {
        String comments = "/repos/me/shop/issues/7/comments";
        github.stubFor(post(urlPathEqualTo(comments)).willReturn(aResponse().withStatus(504)));
        github.stubFor(get(urlPathEqualTo(comments)).willReturn(okJson(
                "[" + GitHubShapes.comment(REPO, 7, 3, "batch added: one") + "]")));

        host().comment(project(), row(7), "batch added: one");

        github.verify(1, postRequestedFor(urlPathEqualTo(comments)));
    }

    @Test
    void aForbiddenAnswerThatIsNoRateLimitFailsAtOnceWithGitHubsMessage() {
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody(GitHubShapes.error("Resource not accessible by personal access token"))));

        assertThatThrownBy(() -> host().open(project(), BRANCH, "Billing", "body"))
                .isInstanceOf(GitHubException.class)
                .hasMessageContaining("403 Resource not accessible by personal access token")
                .hasMessageNotContaining(TOKEN);
        github.verify(1, postRequestedFor(urlPathEqualTo(PULLS)));
    }

    @Test
    void withoutGitHubTokenTheTokenComesFromGhAuthToken() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path gh = bin.resolve("gh");
        Files.writeString(gh, "#!/usr/bin/env bash\n[ \"$1 $2\" = \"auth token\" ] && echo gho_FromGhCli1234567890abcdefghijklmnopq\n");
        Files.setPosixFilePermissions(gh, PosixFilePermissions.fromString("rwxr-xr-x"));
        github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson("[]")));

        assertThat(host(Map.of("PATH", bin + ":" + System.getenv("PATH"))).find(project(), BRANCH)).isEmpty();

        github.verify(getRequestedFor(urlPathEqualTo(PULLS))
                .withHeader("Authorization", equalTo("Bearer gho_FromGhCli1234567890abcdefghijklmnopq")));
    }

    @Test
    void withNeitherTokenNorGhTheMessageSaysWhatToDo() {
        GitHubPullRequestHost host = host(Map.of("PATH", dir.toString()));
        assertThatThrownBy(() -> host.find(project(), BRANCH))
                .isInstanceOf(GitHubException.class)
                .hasMessageContaining("set GITHUB_TOKEN")
                .hasMessageContaining("gh auth login");
    }
}
