package dev.nightshift.pr;

import dev.nightshift.config.PrSettings;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reads a pull request's review through GitHub's documented REST endpoints: "List reviews for a
 * pull request", "List review comments on a pull request" and "List issue comments", every page.
 * Only authors whose {@code author_association} is in {@code pr.review-from} count: anyone else's
 * text is passed over before it reaches anything, since on a public repository a drive-by comment
 * would be an instruction from a stranger.
 */
final class GitHubReviewReader {

    private static final Logger log = LoggerFactory.getLogger(GitHubReviewReader.class);
    private static final String PAGE = "?per_page=100";

    private final GitHubApi api;

    GitHubReviewReader(GitHubApi api) {
        this.api = api;
    }

    /** @param alreadyRead "KIND:id" of every item read before, e.g. "LINE:42" */
    ReviewRead read(PrSettings settings, int number, Set<String> alreadyRead) {
        String repo = "/repos/" + settings.repository();
        Collected found = new Collected(settings, alreadyRead);
        for (JsonNode review : api.getAll(settings.api(), repo + "/pulls/" + number + "/reviews" + PAGE)) {
            found.review(review);
        }
        for (JsonNode comment : api.getAll(settings.api(), repo + "/pulls/" + number + "/comments" + PAGE)) {
            found.comment(ReviewPoint.Kind.LINE, comment);
        }
        for (JsonNode comment : api.getAll(settings.api(), repo + "/issues/" + number + "/comments" + PAGE)) {
            found.comment(ReviewPoint.Kind.CONVERSATION, comment);
        }
        if (found.dropped > 0) {
            // How many, never what they said: the text of a stranger goes nowhere, not even the log.
            log.info("PR #{}: {} comment(s) by authors without write access were not read (pr.review-from: {})",
                    number, found.dropped, String.join(", ", settings.reviewFrom()));
        }
        return new ReviewRead(List.copyOf(found.points), List.copyOf(found.decisions), List.copyOf(found.passed),
                found.dropped);
    }

    /** What one reading gathers, item by item. */
    private static final class Collected {
        private final PrSettings settings;
        private final Set<String> alreadyRead;
        private final List<ReviewPoint> points = new ArrayList<>();
        private final List<ReviewRead.Decided> decisions = new ArrayList<>();
        private final List<ReviewRead.Passed> passed = new ArrayList<>();
        private int dropped;

        Collected(PrSettings settings, Set<String> alreadyRead) {
            this.settings = settings;
            this.alreadyRead = alreadyRead;
        }

        void review(JsonNode review) {
            String state = review.path("state").asString("").toUpperCase(Locale.ROOT);
            // A pending review is its author's draft; a dismissed one was withdrawn.
            if (state.equals("PENDING") || state.equals("DISMISSED") || !review.hasNonNull("id")) {
                return;
            }
            long id = review.get("id").asLong();
            if (!fresh(ReviewPoint.Kind.REVIEW, id) || !counts(ReviewPoint.Kind.REVIEW, id, review)) {
                return;
            }
            String author = review.path("user").path("login").asString("");
            boolean decided = state.equals("APPROVED") || state.equals("CHANGES_REQUESTED");
            if (decided) {
                decisions.add(new ReviewRead.Decided(ReviewPoint.Kind.REVIEW, id, ReviewDecision.valueOf(state), author,
                        instant(review.path("submitted_at").asString(""))));
            }
            String body = review.path("body").asString("").strip();
            // An approval's words are praise, not a request; a review's line comments are read on their own.
            if (body.isEmpty() || state.equals("APPROVED")) {
                if (!decided) {
                    passed.add(new ReviewRead.Passed(ReviewPoint.Kind.REVIEW, id));
                }
                return;
            }
            points.add(new ReviewPoint(ReviewPoint.Kind.REVIEW, id, author, null, null, null, body,
                    review.path("html_url").asString(null)));
        }

        void comment(ReviewPoint.Kind kind, JsonNode comment) {
            if (!comment.hasNonNull("id")) {
                return;
            }
            long id = comment.get("id").asLong();
            if (!fresh(kind, id) || !counts(kind, id, comment)) {
                return;
            }
            String body = comment.path("body").asString("").strip();
            if (body.isEmpty()) {
                passed.add(new ReviewRead.Passed(kind, id));
                return;
            }
            String path = kind == ReviewPoint.Kind.LINE ? comment.path("path").asString(null) : null;
            Integer line = kind == ReviewPoint.Kind.LINE ? line(comment) : null;
            String hunk = kind == ReviewPoint.Kind.LINE ? comment.path("diff_hunk").asString(null) : null;
            points.add(new ReviewPoint(kind, id, comment.path("user").path("login").asString(""), path, line, hunk, body,
                    comment.path("html_url").asString(null)));
        }

        private boolean fresh(ReviewPoint.Kind kind, long id) {
            return !alreadyRead.contains(kind.name() + ":" + id);
        }

        /** nightshift's own words and strangers' words are passed over here, before anything else reads them. */
        private boolean counts(ReviewPoint.Kind kind, long id, JsonNode item) {
            if (NightshiftMark.isOurs(item.path("body").asString(""))) {
                passed.add(new ReviewRead.Passed(kind, id));
                return false;
            }
            if (!settings.counts(item.path("author_association").asString(null))) {
                passed.add(new ReviewRead.Passed(kind, id));
                dropped++;
                return false;
            }
            return true;
        }

        /** {@code line} is null on a comment whose line the diff no longer has: its original line then. */
        private static Integer line(JsonNode comment) {
            JsonNode line = comment.hasNonNull("line") ? comment.get("line") : comment.get("original_line");
            return line != null && line.isNumber() ? line.asInt() : null;
        }

        private static Instant instant(String text) {
            try {
                return text.isEmpty() ? null : Instant.parse(text);
            } catch (DateTimeParseException bad) {
                return null;
            }
        }
    }
}
