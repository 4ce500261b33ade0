package dev.nightshift.pr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull request the owner closed without merge is decided and worded in one place: the owner
 * reads the very same reason in the report, beside the blocked spec and in {@code status}, and
 * the plans of later batches give it too.
 */
class ClosedPullRequestRuleIntegrationTests {

    private static final String REPO = "me/shop";
    private static final String BRANCH = "nightshift/0001-billing";
    private static final String PULLS = "/repos/me/shop/pulls";

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    @Test
    void theOwnerReadsOneReasonInTheReportTheWhyFileStatusAndThePlan() throws Exception {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", "cat > /dev/null\nprintf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_more.sh\n");
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\n");
        home.project("shop", "pr: {host: github, repository: " + REPO + ", api: \"" + github.baseUrl() + "\"}\n");
        home.spec("shop", "next", "0001-billing", "# Billing\n\n## Tasks\n- [ ] First part\n- [ ] Second part\n");
        github.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("head", equalTo("me:" + BRANCH))
                .willReturn(okJson(GitHubShapes.list())));
        github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(GitHubShapes.pull(REPO, 51, BRANCH, "open", false))));
        assertThat(home.run("run")).isZero();

        // the owner closes it without merging
        String closed = GitHubShapes.pull(REPO, 51, BRANCH, "closed", false);
        github.stubFor(get(urlPathEqualTo(PULLS + "/51")).willReturn(okJson(closed)));
        github.stubFor(patch(urlPathEqualTo(PULLS + "/51")).willReturn(okJson(closed)));
        github.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("head", equalTo("me:" + BRANCH))
                .willReturn(okJson(GitHubShapes.list(closed))));
        home.run("run");

        String reason = ClosedPullRequestRule.rejection(51, "https://github.com/me/shop/pull/51");
        assertThat(flat(home.read("wip-specs/shop/blocked/0001-billing.why.md"))).contains(reason);
        assertThat(flat(Files.readString(home.latestReport().resolve("report.txt")))).contains("shop/0001-billing: " + reason);
        Captured status = Captured.run(home, "status");
        assertThat(flat(status.section("BLOCKED"))).contains("shop/0001-billing: " + reason);

        // moved back by the owner: the plan gives the same reason for leaving it out
        Files.move(home.root().resolve("wip-specs/shop/blocked/0001-billing.md"),
                home.root().resolve("wip-specs/shop/next/0001-billing.md"));
        home.run("run");
        assertThat(home.db().sql("SELECT reason FROM plans ORDER BY batch_id DESC LIMIT 1").query(String.class).single())
                .contains("0001-billing: " + reason);
    }

    /** The text with its line breaks and indents as single spaces: the report and status wrap long lines. */
    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
