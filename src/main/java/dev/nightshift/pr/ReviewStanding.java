package dev.nightshift.pr;

/** Where the owner's review of a pull request leaves the work on it. */
public enum ReviewStanding {
    /** No review decision and nothing asked: the spec's work goes on as planned. */
    NONE,
    /** The owner asked for something not yet answered: the next work on the spec addresses it first. */
    POINTS_OPEN,
    /** Changes were requested and every point is answered: the owner has to look again. */
    CHANGES_REQUESTED,
    /** Approved with no open point: no more work, it waits for the owner's merge ("ready to merge"). */
    APPROVED;

    /** @param latestDecision the latest review decision ({@code APPROVED}, {@code CHANGES_REQUESTED}), or null */
    public static ReviewStanding of(int openPoints, String latestDecision) {
        if (openPoints > 0) {
            return POINTS_OPEN;
        }
        if (ReviewDecision.APPROVED.name().equals(latestDecision)) {
            return APPROVED;
        }
        return ReviewDecision.CHANGES_REQUESTED.name().equals(latestDecision) ? CHANGES_REQUESTED : NONE;
    }
}
