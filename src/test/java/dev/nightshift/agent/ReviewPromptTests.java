package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt of a run that answers the owner's review: every point with its place, the rule, the answers file. */
class ReviewPromptTests {

    @TempDir
    Path dir;

    @Test
    void everyPointIsShownWithItsFileLineAndHunkAndTheRuleToChangeOnlyWhatWasAsked() {
        String prompt = new PromptRenderer(new Home(dir)).renderReview(new PromptRenderer.ReviewFacts("shop", "0001-cart",
                "Cart", "# Cart\n\nA cart.", 41, List.of(
                new PromptRenderer.Point(1, "app/cart.py:12", "me", "@@ -1,3 +1,4 @@\n def total(items):\n+    return 0",
                        "Use sum() here."),
                new PromptRenderer.Point(2, "review", "me", null, "Handle empty carts.\nAnd log it.")),
                null, "abc123 cart total", null));

        assertThat(prompt).contains("pull request #41", "## Point 1: app/cart.py:12", "me wrote:", "> Use sum() here.",
                "```diff\n@@ -1,3 +1,4 @@\n def total(items):\n+    return 0\n```",
                "## Point 2: review", "> Handle empty carts.\n> And log it.",
                "Change only what the points above ask for", ".nightshift/answers.md", "## 1\n",
                "Leave out a point you did not address");
        assertThat(prompt.indexOf("## Point 2")).isGreaterThan(prompt.indexOf("## Point 1"));
        assertThat(prompt.substring(prompt.indexOf("## Point 2"), prompt.indexOf("# Rules"))).doesNotContain("```diff");
        assertThat(prompt).doesNotContain("[(${", "th:");
    }

    @Test
    void theOwnersOwnReviewPromptInTheHomeIsUsed() throws Exception {
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("prompts/address-review.md"), "Mine: [# th:each=\"p : ${points}\"][(${p.where})] [/]");

        String prompt = new PromptRenderer(new Home(dir)).renderReview(new PromptRenderer.ReviewFacts("shop", "0001-cart",
                "Cart", "body", 41, List.of(new PromptRenderer.Point(1, "a.py:3", "me", null, "x")), null, null, null));

        assertThat(prompt).isEqualTo("Mine: a.py:3 ");
    }
}
