package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.pr.ReviewAnswer;
import dev.nightshift.pr.ReviewPoint;
import dev.nightshift.secret.SecretMasker;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile agent's {@code .nightshift/answers.md}: a link to a secret, a file too large to read,
 * a secret from its environment, and HTML that would hide the rest of nightshift's comment from the
 * owner. The answers are the agent's words for the owner, and never more than that.
 */
class HostileAnswersTests {

    @TempDir
    Path root;

    private static final ReviewPoint FIRST = new ReviewPoint(ReviewPoint.Kind.LINE, 1, "me", "app.py", 3, "@@",
            "Rename total.", null);
    private static final ReviewPoint SECOND = new ReviewPoint(ReviewPoint.Kind.REVIEW, 2, "me", null, null, null,
            "Add a test for the empty cart.", null);

    private Path workingCopy(Home home) throws Exception {
        Path copy = Files.createDirectories(home.state().resolve("worktrees/shop/0001-cart/.nightshift"));
        return copy.getParent();
    }

    @Test
    void anAnswersFileThatLinksToTheOwnersSettingsIsNotFollowed() throws Exception {
        Home home = new Home(root);
        Path settings = Files.writeString(root.resolve("nightshift.yml"), "## 1\nsmtp-password: hunter2hunter2\n");
        Path copy = workingCopy(home);
        Files.createSymbolicLink(copy.resolve(".nightshift/answers.md"), settings);

        AgentLeftovers.Left left = new AgentLeftovers(home).take(copy);

        assertThat(left.answers()).isEmpty();
        assertThat(Files.exists(copy.resolve(".nightshift/answers.md"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readString(settings)).contains("hunter2hunter2");
    }

    @Test
    void anAnswersFolderThatLinksOutOfTheWorkingCopyIsNotFollowed() throws Exception {
        Home home = new Home(root);
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("answers.md"), "## 1\nread from outside\n");
        Path copy = workingCopy(home);
        Files.delete(copy.resolve(".nightshift"));
        Files.createSymbolicLink(copy.resolve(".nightshift"), elsewhere);

        AgentLeftovers.Left left = new AgentLeftovers(home).take(copy);

        assertThat(left.answers()).isEmpty();
        assertThat(elsewhere.resolve("answers.md")).exists();
    }

    @Test
    void aHugeAnswersFileIsNotRead() throws Exception {
        Home home = new Home(root);
        Path copy = workingCopy(home);
        Files.writeString(copy.resolve(".nightshift/answers.md"), "## 1\n" + "done ".repeat(40_000));

        assertThat(new AgentLeftovers(home).take(copy).answers()).isEmpty();
    }

    @Test
    void aSecretOfTheEnvironmentInAnAnswerIsMasked() {
        SecretMasker masker = SecretMasker.forVariables(List.of("GITHUB_TOKEN"),
                Map.of("GITHUB_TOKEN", "s3cr3t-value-of-the-token"));
        ReviewAnswering answering = new ReviewAnswering(null, NightshiftSettings.defaults(), masker);

        List<ReviewAnswer> paired = answering.pair(List.of(FIRST), Map.of(1, "Renamed; token s3cr3t-value-of-the-token"));

        assertThat(paired.get(0).answer()).doesNotContain("s3cr3t-value-of-the-token");
    }

    @Test
    void anAnswerCannotOpenAnHtmlCommentThatHidesTheRestOfTheSummary() {
        ReviewAnswering answering = new ReviewAnswering(null, NightshiftSettings.defaults(), SecretMasker.none());

        List<ReviewAnswer> paired = answering.pair(List.of(FIRST, SECOND), Map.of(1, "Renamed. <!-- everything after is hidden"));
        String summary = ReviewAnswering.summary("20261205-020000", paired);

        // On GitHub's page an HTML comment opened here would run to the mark's "-->" and hide that
        // point 2 stays open; and a "-->" of the agent's would close a comment early.
        assertThat(summary).doesNotContain("<!--").contains("Not addressed in this batch");
        assertThat(answering.pair(List.of(FIRST), Map.of(1, "a --> b")).get(0).answer()).doesNotContain("-->");
    }
}
