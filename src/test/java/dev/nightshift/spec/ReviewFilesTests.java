package dev.nightshift.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner's review file beside a local pull request's spec: read into points, then put away with the answers. */
class ReviewFilesTests {

    @TempDir
    Path dir;

    @Test
    void pathLineLinesArePointsAndTheRestIsOne() throws Exception {
        Path file = dir.resolve("0001-cart.review.md");
        Files.writeString(file, """
                Nice start. Two things:

                app/cart.py:12: use sum() here
                tests/test_cart.py:30:   add a test for an empty cart

                And keep the old name as an alias.
                """);

        assertThat(ReviewFiles.read(file)).containsExactly(
                new ReviewFiles.Point("app/cart.py", 12, "use sum() here"),
                new ReviewFiles.Point("tests/test_cart.py", 30, "add a test for an empty cart"),
                new ReviewFiles.Point(null, null, "Nice start. Two things:\n\nAnd keep the old name as an alias."));
    }

    @Test
    void aLinkIsNotFollowedAndAMissingFileHasNoPoints() throws Exception {
        Path target = Files.writeString(dir.resolve("secret.txt"), "a.py:1: read me\n");
        Files.createSymbolicLink(dir.resolve("0001-cart.review.md"), target);

        assertThat(ReviewFiles.read(dir.resolve("0001-cart.review.md"))).isEmpty();
        assertThat(ReviewFiles.read(dir.resolve("0002-none.review.md"))).isEmpty();
    }

    @Test
    void settlingMovesTheReviewBesideEarlierRoundsWithTheAnswers() throws Exception {
        Path review = Files.writeString(dir.resolve("0001-cart.review.md"), "a.py:1: first round\n");
        ReviewFiles.settle(review, "1. Done: first.");
        Files.writeString(review, "a.py:2: second round\n");

        Path done = ReviewFiles.settle(review, "1. Done: second.").orElseThrow();

        assertThat(review).doesNotExist();
        assertThat(done.getFileName().toString()).isEqualTo("0001-cart.review.done.md");
        assertThat(Files.readString(done)).isEqualTo("a.py:1: first round\n\n1. Done: first.\n\n---\n\n"
                + "a.py:2: second round\n\n1. Done: second.\n");
    }

    @Test
    void reviewFilesAreNeverSpecs() {
        assertThat(ReviewFiles.isReviewFile("0001-cart.review.md")).isTrue();
        assertThat(ReviewFiles.isReviewFile("0001-cart.review.done.md")).isTrue();
        assertThat(ReviewFiles.isReviewFile("0001-cart.md")).isFalse();
    }
}
