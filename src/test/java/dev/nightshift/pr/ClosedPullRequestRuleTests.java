package dev.nightshift.pr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.pr.ClosedPullRequestRule.Verdict;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A closed pull request: rejected until the owner deletes its branch or says reopen: true. */
class ClosedPullRequestRuleTests {

    private static final String URL = "https://github.com/me/shop/pull/7";

    @Test
    void closedWithItsBranchStillOnTheRemoteIsRejectedWithTheOneReason() {
        ClosedPullRequestRule.Decision decision = ClosedPullRequestRule.closed(7, URL, false, () -> true);

        assertThat(decision.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(decision.rejected()).isTrue();
        assertThat(decision.reason()).isEqualTo(ClosedPullRequestRule.rejection(7, URL))
                .contains("PR #7 was closed without merge", URL, "reopen: true", "delete its branch");
    }

    @Test
    void aDeletedBranchStartsAfreshAndReopenTrueContinuesWithoutAskingTheRemote() {
        assertThat(ClosedPullRequestRule.closed(7, URL, false, () -> false).verdict()).isEqualTo(Verdict.AFRESH);
        AtomicInteger asked = new AtomicInteger();
        ClosedPullRequestRule.Decision reopened = ClosedPullRequestRule.closed(7, URL, true, () -> {
            asked.incrementAndGet();
            return true;
        });
        assertThat(reopened.verdict()).isEqualTo(Verdict.REOPENED);
        assertThat(reopened.rejected()).isFalse();
        assertThat(asked).hasValue(0);
    }

    @Test
    void nothingClosedIsNoDecision() {
        assertThat(ClosedPullRequestRule.notClosed().verdict()).isEqualTo(Verdict.NOT_CLOSED);
        assertThat(ClosedPullRequestRule.notClosed().reason()).isNull();
    }
}
