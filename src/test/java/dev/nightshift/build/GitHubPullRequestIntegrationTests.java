package dev.nightshift.build;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.nightshift.pr.GitHubShapes;
import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole batches against a GitHub that WireMock plays, answering as GitHub's REST API documents:
 * one pull request per spec, added to batch after batch; a closed one is never recreated; a
 * merged one finishes the spec; a lost answer to a create never makes a second.
 */
class GitHubPullRequestIntegrationTests {

    /** Set for the Failsafe JVM in pom.xml; a test value, never a real token. */
    private static final String TOKEN = System.getenv("GITHUB_TOKEN");
    private static final String REPO = "me/shop";
    private static final String BRANCH = "nightshift/0001-billing";
    private static final String PULLS = "/repos/me/shop/pulls";

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    /** Adds a test per task and leaves a note, as an agent would. */
    private static final String AGENT = """
            cat > /dev/null
            n=$(ls tests/test_feature_*.sh 2>/dev/null | wc -l)
            printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature_$((n+1)).sh
            echo "$NIGHTSHIFT_TASK" >> FEATURES.md
            mkdir -p .nightshift && echo "did: $NIGHTSHIFT_TASK" > .nightshift/note.md
            """;

    private TestHome home(String spec) {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", AGENT);
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\n");
        home.project("shop", "pr: {host: github, repository: " + REPO + ", api: \"" + github.baseUrl() + "\"}\n");
        home.spec("shop", "next", "0001-billing", spec);
        return home;
    }

    private static void hostHas(String... pulls) {
        github.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("head", equalTo("me:" + BRANCH))
                .willReturn(okJson(GitHubShapes.list(pulls))));
    }

    private static void createAnswers(int number) {
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(GitHubShapes.pull(REPO, number, BRANCH, "open", false))));
    }

    private static void pullIs(int number, String state, boolean merged) {
        String pull = GitHubShapes.pull(REPO, number, BRANCH, state, merged);
        github.stubFor(get(urlPathEqualTo(PULLS + "/" + number)).willReturn(okJson(pull)));
        github.stubFor(patch(urlPathEqualTo(PULLS + "/" + number)).willReturn(okJson(pull)));
        github.stubFor(post(urlPathEqualTo("/repos/me/shop/issues/" + number + "/comments")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(GitHubShapes.comment(REPO, number, 77, "nightshift batch"))));
        github.stubFor(get(urlPathEqualTo("/repos/me/shop/issues/" + number + "/comments")).willReturn(okJson("[]")));
    }

    private static int creates() {
        return github.findAll(postRequestedFor(urlPathEqualTo(PULLS))).size();
    }

    @Test
    void theFirstBatchOpensOnePullRequestAndTheSecondAddsToIt() throws IOException {
        TestHome home = home("# Billing\n\n## Tasks\n- [ ] First part\n- [ ] Second part\n");
        hostHas();
        createAnswers(41);

        assertThat(home.run("run")).isZero();

        assertThat(creates()).isEqualTo(1);
        github.verify(postRequestedFor(urlPathEqualTo(PULLS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(matchingJsonPath("$.head", equalTo(BRANCH)))
                .withRequestBody(matchingJsonPath("$.base", equalTo("main")))
                .withRequestBody(matchingJsonPath("$.title", equalTo("Billing")))
                .withRequestBody(matchingJsonPath("$.body", WireMock.containing("- [x] First part"))));
        assertThat(home.originHasBranch(BRANCH)).isTrue();

        // the second batch: the host reports the pull request open
        hostHas(GitHubShapes.pull(REPO, 41, BRANCH, "open", false));
        pullIs(41, "open", false);
        assertThat(home.run("run")).isZero();

        assertThat(creates()).as("never a second pull request").isEqualTo(1);
        github.verify(1, patchRequestedFor(urlPathEqualTo(PULLS + "/41"))
                .withRequestBody(matchingJsonPath("$.body", WireMock.containing("- [x] Second part"))));
        github.verify(1, postRequestedFor(urlPathEqualTo("/repos/me/shop/issues/41/comments"))
                .withRequestBody(matchingJsonPath("$.body", WireMock.containing("added: Second part")))
                .withRequestBody(matchingJsonPath("$.body", WireMock.containing("did: Second part")))
                .withRequestBody(matchingJsonPath("$.body", WireMock.containing("Tests: 3 of 3 passed"))));
        assertThat(home.originFiles(BRANCH)).contains("tests/test_feature_2.sh");
        var db = home.db();
        assertThat(db.sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isEqualTo(1);
        assertThat(db.sql("SELECT url FROM pull_requests").query(String.class).single())
                .isEqualTo("https://github.com/me/shop/pull/41");
        assertThat(db.sql("SELECT outcome FROM build_results ORDER BY started_at").query(String.class).list())
                .containsExactly("PR_OPENED", "PR_UPDATED");
        assertTokenNowhere(home);
    }

    @Test
    void aPullRequestClosedOnTheHostBlocksTheSpecAndIsNeverOpenedAgainUntilTheBranchIsDeleted() throws IOException {
        TestHome home = home("# Billing\n\n## Tasks\n- [ ] First part\n- [ ] Second part\n");
        hostHas();
        createAnswers(51);
        assertThat(home.run("run")).isZero();
        String firstWork = TestHome.gitOut(home.origin(), "rev-parse", BRANCH).strip();

        // the owner closes it without merging
        pullIs(51, "closed", false);
        hostHas(GitHubShapes.pull(REPO, 51, BRANCH, "closed", false));
        home.run("run");
        assertThat(home.exists("wip-specs/shop/blocked/0001-billing.md")).isTrue();
        assertThat(home.read("wip-specs/shop/blocked/0001-billing.why.md")).contains("PR #51", "closed without merge");

        // moved back by the owner: still never worked on, never a new pull request
        Files.move(home.root().resolve("wip-specs/shop/blocked/0001-billing.md"),
                home.root().resolve("wip-specs/shop/next/0001-billing.md"));
        home.run("run");
        var db = home.db();
        assertThat(creates()).isEqualTo(1);
        assertThat(db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single()).isEqualTo(1);
        assertThat(db.sql("SELECT reason FROM plans ORDER BY batch_id DESC LIMIT 1").query(String.class).single())
                .contains("PR #51 was closed without merge");

        // the owner deletes the branch: the work starts afresh from base, in a new pull request
        TestHome.gitOut(home.origin(), "branch", "-D", BRANCH);
        createAnswers(52);
        pullIs(52, "open", false);
        assertThat(home.run("run")).isZero();

        assertThat(creates()).isEqualTo(2);
        assertThat(db.sql("SELECT number FROM pull_requests ORDER BY id").query(Integer.class).list()).containsExactly(51, 52);
        assertThat(TestHome.gitOut(home.origin(), "merge-base", "--is-ancestor", "main", BRANCH)).isEmpty();
        assertThat(OriginRepo.log(home, BRANCH)).as("the rejected work is not on the new branch")
                .doesNotContain(firstWork.substring(0, 7));
        assertThat(TestHome.gitOut(home.origin(), "branch", "--contains", firstWork)).doesNotContain(BRANCH);
        assertThat(home.read("wip-specs/shop/active/0001-billing.md")).contains("- [x] First part");
    }

    @Test
    void reopenTrueContinuesTheBranchOfAClosedPullRequestInANewOne() throws IOException {
        TestHome home = home("# Billing\n\n## Tasks\n- [ ] First part\n- [ ] Second part\n");
        hostHas();
        createAnswers(61);
        home.run("run");
        pullIs(61, "closed", false);
        hostHas(GitHubShapes.pull(REPO, 61, BRANCH, "closed", false));
        home.run("run");
        Path blocked = home.root().resolve("wip-specs/shop/blocked/0001-billing.md");
        String text = Files.readString(blocked);
        Files.delete(blocked);
        home.spec("shop", "next", "0001-billing", "---\nreopen: true\n---\n" + text);

        createAnswers(62);
        pullIs(62, "open", false);
        assertThat(home.run("run")).isZero();

        assertThat(creates()).isEqualTo(2);
        assertThat(home.originFiles(BRANCH)).as("continued on the branch").contains("tests/test_feature_1.sh",
                "tests/test_feature_2.sh");
        assertThat(home.read("wip-specs/shop/active/0001-billing.md")).contains("- [x] Second part");
    }

    @Test
    void aMergedPullRequestMovesTheSpecToDone() {
        TestHome home = home("# Billing\n");
        hostHas();
        createAnswers(71);
        home.run("run");
        assertThat(home.exists("wip-specs/shop/active/0001-billing.md")).isTrue();

        pullIs(71, "closed", true);
        home.run("run");

        assertThat(home.exists("wip-specs/shop/done/0001-billing.md")).isTrue();
        assertThat(home.db().sql("SELECT state FROM pull_requests").query(String.class).single()).isEqualTo("MERGED");
        assertThat(creates()).isEqualTo(1);
    }

    @Test
    void a502OnCreateFollowedBySuccessYieldsExactlyOnePullRequest() {
        TestHome home = home("# Billing\n");
        hostHas();
        github.stubFor(post(urlPathEqualTo(PULLS)).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"))
                .willSetStateTo("recovered"));
        github.stubFor(post(urlPathEqualTo(PULLS)).inScenario("create").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(GitHubShapes.pull(REPO, 81, BRANCH, "open", false))));

        assertThat(home.run("run")).isZero();

        assertThat(creates()).as("the failed create and its retry").isEqualTo(2);
        var db = home.db();
        assertThat(db.sql("SELECT number FROM pull_requests").query(Integer.class).list()).containsExactly(81);
        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("PR_OPENED");
    }

    /** The token is sent to GitHub and nowhere else: no log, report or database row holds it. */
    private void assertTokenNowhere(TestHome home) throws IOException {
        assertThat(TOKEN).isNotBlank();
        try (Stream<Path> files = Files.walk(home.root())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.toString().contains("/.git/") || file.toString().endsWith(".mv.db")) {
                    continue;
                }
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain(TOKEN);
            }
        }
        String dump = home.db().sql("SCRIPT").query(String.class).list().toString();
        assertThat(dump).doesNotContain(TOKEN);
    }
}
