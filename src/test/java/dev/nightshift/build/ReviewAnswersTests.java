package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.pr.ReviewAnswer;
import dev.nightshift.pr.ReviewPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's answers file read as data, and the one summary nightshift posts from it. */
class ReviewAnswersTests {

    @Test
    void eachNumberedSectionIsTheAnswerToThatPoint() {
        Map<Integer, String> answers = AgentLeftovers.answers("""
                Some preamble the agent wrote.

                ## 1
                Renamed total() to sum_items().

                ## Point 3
                Added test_empty_cart.
                Two lines.
                ## 4

                ## 1
                A second answer to point 1 is ignored.
                """);

        assertThat(answers).containsOnly(Map.entry(1, "Renamed total() to sum_items()."),
                Map.entry(3, "Added test_empty_cart.\nTwo lines."));
    }

    @Test
    void aFileWithoutHeadingsAnswersNothing() {
        assertThat(AgentLeftovers.answers("I did everything you asked.\n")).isEmpty();
    }

    @Test
    void aLongAnswerIsCut() {
        assertThat(AgentLeftovers.answers("## 1\n" + "x".repeat(10_000)).get(1)).hasSize(2001).endsWith("…");
    }

    @Test
    void theSummaryNamesEveryPointWithWhatWasDoneOrThatItStaysOpen() {
        ReviewPoint line = new ReviewPoint(ReviewPoint.Kind.LINE, 9001, "me", "app/cart.py", 12, "@@", "Use sum() here.",
                "https://github.com/me/shop/pull/7#discussion_r9001");
        ReviewPoint review = new ReviewPoint(ReviewPoint.Kind.REVIEW, 501, "me", null, null, null,
                "Handle empty carts.\nThanks!", null);

        String summary = ReviewAnswering.summary("20261205-020000", List.of(new ReviewAnswer(line, "Used sum()."),
                new ReviewAnswer(review, null)));

        assertThat(summary).isEqualTo("""
                nightshift batch 20261205-020000 answered the review:

                1. `app/cart.py:12` (https://github.com/me/shop/pull/7#discussion_r9001): Use sum() here.
                   Done: Used sum().

                2. review: Handle empty carts.
                   Not addressed in this batch; it stays open for the next one.
                """);
    }
}
