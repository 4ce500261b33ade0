package dev.nightshift.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.BuildSettings;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecFrontMatter;
import dev.nightshift.spec.SpecTask;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ready set's rule for a spec whose pull request the owner closed without merging it. */
class ReadySpecsClosedPullRequestTests {

    private static Spec spec(boolean reopen) {
        return new Spec("shop", "0001-x", SpecFolder.NEXT, Path.of("next/0001-x.md"), "X",
                new SpecFrontMatter(null, null, null, null, null, reopen),
                List.of(new SpecTask(0, "X", false, -1)), false, "", Instant.EPOCH, "h");
    }

    private static ProjectQueue project(Spec spec) {
        return new ProjectQueue("shop", Path.of("shop"), null, null, Map.of(SpecFolder.NEXT, List.of(spec)), List.of());
    }

    private static ReadySpecs.History history(PullRequestState state, boolean branchOnRemote) {
        PullRequest pr = new PullRequest(1L, "shop", "0001-x", "github", 7, "https://github.com/me/shop/pull/7",
                "nightshift/0001-x", "X", state, null, null, Instant.EPOCH, Instant.EPOCH, null);
        return new ReadySpecs.History(Map.of("0001-x", pr), Map.of(), 0, false, null, branch -> branchOnRemote);
    }

    @Test
    void aSpecWhosePullRequestWasClosedIsNotReadyEvenWhenMovedBack() {
        ReadySpecs.Choice choice = ReadySpecs.choose(project(spec(false)), BuildSettings.defaults(),
                history(PullRequestState.CLOSED, true));
        assertThat(choice.hasWork()).isFalse();
        assertThat(choice.reason()).contains("PR #7 was closed without merge", "reopen: true");
    }

    @Test
    void reopenTrueOrADeletedBranchMakesItReadyAgain() {
        assertThat(ReadySpecs.choose(project(spec(true)), BuildSettings.defaults(),
                history(PullRequestState.CLOSED, true)).hasWork()).isTrue();
        assertThat(ReadySpecs.choose(project(spec(false)), BuildSettings.defaults(),
                history(PullRequestState.CLOSED, false)).hasWork()).isTrue();
    }

    @Test
    void anOpenOrMergedPullRequestIsNoRejection() {
        assertThat(ReadySpecs.rejected(spec(false), history(PullRequestState.OPEN, true).latestPullRequest().get("0001-x"),
                history(PullRequestState.OPEN, true))).isFalse();
        assertThat(ReadySpecs.rejected(spec(false), history(PullRequestState.MERGED, true).latestPullRequest().get("0001-x"),
                history(PullRequestState.MERGED, true))).isFalse();
    }
}
