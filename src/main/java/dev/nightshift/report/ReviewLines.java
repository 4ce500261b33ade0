package dev.nightshift.report;

import dev.nightshift.pr.ReviewStanding;
import dev.nightshift.store.Records.PullRequest;
import dev.nightshift.store.ReviewPointState;
import dev.nightshift.store.ReviewRepository;
import java.util.ArrayList;
import java.util.List;

/**
 * The owner's review in the report: per open pull request the points received, addressed and
 * still open; those approved with nothing open ("ready to merge"); and the points given up on,
 * which need the owner.
 */
record ReviewLines(List<String> perPullRequest, List<String> readyToMerge, List<String> needsYou) {

    static ReviewLines of(List<PullRequest> open, ReviewRepository reviews) {
        List<String> lines = new ArrayList<>();
        List<String> ready = new ArrayList<>();
        List<String> needsYou = new ArrayList<>();
        for (PullRequest pr : open) {
            ReviewRepository.Tally tally = reviews.tally(pr.id());
            String name = pr.project() + "/" + pr.spec() + " PR #" + pr.number();
            ReviewStanding standing = ReviewStanding.of(tally.open(), reviews.latestDecision(pr.id()).orElse(null));
            if (standing == ReviewStanding.APPROVED) {
                ready.add(name + " (" + pr.url() + "): approved, nothing open; it waits for your merge");
            }
            if (tally.received() > 0) {
                lines.add(name + ": " + tally.received() + " review point(s) received, " + tally.addressed() + " addressed, "
                        + tally.open() + " still open" + (tally.needsYou() > 0 ? ", " + tally.needsYou() + " left to you" : "")
                        + (standing == ReviewStanding.CHANGES_REQUESTED ? "; every point answered, waiting for your review" : ""));
            }
            reviews.all(pr.id()).stream().filter(r -> r.state() == ReviewPointState.NEEDS_YOU).forEach(r ->
                    needsYou.add(name + ": the review point at " + where(r) + " was not addressed in " + r.attempts()
                            + " batches; nightshift stopped trying" + (r.url() != null ? " (" + r.url() + ")" : "")));
        }
        return new ReviewLines(List.copyOf(lines), List.copyOf(ready), List.copyOf(needsYou));
    }

    private static String where(ReviewRepository.ReviewRow row) {
        if (row.path() != null) {
            return row.path() + (row.line() != null ? ":" + row.line() : "");
        }
        return "REVIEW".equals(row.kind()) ? "the review's text" : "the conversation";
    }
}
