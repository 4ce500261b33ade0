package dev.nightshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.cli.NightshiftCommand;
import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's review loop on the demo, step by step: run, read the pull request, review it, run again. */
class DemoReviewLoopIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void theOwnersReviewFileIsAnsweredByTheNextBatchOnTheSamePullRequest() throws Exception {
        assertThat(NightshiftCommand.execute("--home", dir.toString(), "demo")).isZero();
        Path demo = dir.resolve("demo");

        Captured shown = Captured.execute("--home", demo.toString(), "prs", "show", "0001-greeting");
        assertThat(shown.exit()).isZero();
        assertThat(shown.out()).contains("PR #1  Greeting", "- [x] Add a greet function", "Diff against main:",
                "+greet() { echo \"Hello, $1!\"; }");

        Files.writeString(demo.resolve("wip-specs/sample/active/0001-greeting.review.md"),
                "src/greet.sh:2: say hello without the exclamation mark\nPlease keep greet on one line.\n");
        Captured second = Captured.execute("--home", demo.toString(), "run");

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(demo.resolve("wip-specs/sample/active/0001-greeting.review.md")).doesNotExist();
        assertThat(Files.readString(demo.resolve("wip-specs/sample/active/0001-greeting.review.done.md")))
                .contains("src/greet.sh:2: say hello without the exclamation mark", "answered the review",
                        "Done: Demo agent (not an AI): wrote \"# review: say hello without the exclamation mark\" into src/greet.sh");
        assertThat(TestHome.gitOut(demo.resolve("sample.git"), "show", "nightshift/0001-greeting:src/greet.sh"))
                .contains("# review: say hello without the exclamation mark");
        assertThat(Files.readString(demo.resolve("wip-specs/sample/active/0001-greeting.md")))
                .as("the review came before the second task").contains("- [ ] Make greet shout when given --shout");
    }
}
