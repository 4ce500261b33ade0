package dev.nightshift.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How an agent's follow-up becomes a spec: a safe name, and origin: agent in its front matter. */
class FollowUpsTests {

    @Test
    void namesAreMadeSafe() {
        assertThat(FollowUps.safeName("Add Caching!")).isEqualTo("add-caching");
        assertThat(FollowUps.safeName("../../etc/passwd")).isEqualTo("etc-passwd");
        assertThat(FollowUps.safeName("_hidden")).isEqualTo("hidden");
        assertThat(FollowUps.safeName("0002-retry.why")).isEqualTo("0002-retry");
        assertThat(FollowUps.safeName("0002-retry.review")).as("never read as a review file").isEqualTo("0002-retry");
        assertThat(FollowUps.safeName("0002-retry.review.done")).isEqualTo("0002-retry");
        assertThat(FollowUps.safeName("!!!")).isEqualTo("followup");
        assertThat(FollowUps.safeName("x".repeat(200))).hasSize(80);
    }

    @Test
    void originAgentIsAddedOrReplacesTheAgentsOwn() {
        assertThat(FollowUps.withAgentOrigin("# Title\n")).isEqualTo("---\norigin: agent\n---\n# Title\n");
        assertThat(FollowUps.withAgentOrigin("---\npriority: 1\norigin: human\n---\n# Title\n"))
                .isEqualTo("---\norigin: agent\npriority: 1\n---\n# Title\n");
        assertThat(FollowUps.withAgentOrigin("---\n---\n# T\n")).isEqualTo("---\norigin: agent\n---\n# T\n");
    }
}
