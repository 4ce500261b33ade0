package dev.nightshift.pr;

import java.time.Instant;
import java.util.List;

/**
 * What one reading of a pull request's review found that was not read before.
 *
 * @param points    what the owner asked, for the agent
 * @param decisions reviews that approved or requested changes, oldest first
 * @param passed    items read and not for the agent (kept so they are not read again): their text is not kept
 * @param dropped   how many of {@code passed} were by authors whose text does not count ({@code pr.review-from})
 */
public record ReviewRead(List<ReviewPoint> points, List<Decided> decisions, List<Passed> passed, int dropped) {

    /** A review's decision; its body, when it has one, is a point of its own. */
    public record Decided(ReviewPoint.Kind kind, long id, ReviewDecision decision, String author, Instant submittedAt) {
    }

    /** An item read and passed over: nightshift's own, an empty one, or an author whose text does not count. */
    public record Passed(ReviewPoint.Kind kind, long id) {
    }

    public static ReviewRead nothing() {
        return new ReviewRead(List.of(), List.of(), List.of(), 0);
    }

    public boolean isEmpty() {
        return points.isEmpty() && decisions.isEmpty() && passed.isEmpty();
    }
}
