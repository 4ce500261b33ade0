package dev.nightshift.pr;

import java.util.function.BooleanSupplier;

/**
 * Did the owner reject a spec's pull request? A pull request closed without merge means yes: the
 * spec is not worked on and no pull request is opened for it again, even when the owner moves it
 * back, until the owner deletes the branch on the remote (the work starts afresh from base) or
 * writes {@code reopen: true} in its front matter (the work continues on the branch, in a new pull
 * request). The one place this is decided and worded: the supervisor's done check and plan and
 * the build all ask here, so the owner reads the same reason in the report, in
 * {@code blocked/<spec>.why.md} and in {@code status}.
 */
public final class ClosedPullRequestRule {

    /** What may happen to a spec whose latest pull request was closed. */
    public enum Verdict {
        /** Its latest pull request is not closed without merge (or it has none): nothing to decide. */
        NOT_CLOSED,
        /** Closed, and the owner has not said otherwise: blocked, never opened again. */
        REJECTED,
        /** Closed, and the spec says {@code reopen: true}: continue on the branch, a new pull request. */
        REOPENED,
        /** Closed, and the owner deleted the branch: start afresh from base, a new pull request. */
        AFRESH
    }

    /** The verdict, the closed pull request's number and address, and the reason for the owner. */
    public record Decision(Verdict verdict, Integer number, String url, String reason) {

        public boolean rejected() {
            return verdict == Verdict.REJECTED;
        }
    }

    private static final Decision NOT_CLOSED = new Decision(Verdict.NOT_CLOSED, null, null, null);

    private ClosedPullRequestRule() {
    }

    /** Nothing was closed: the spec's latest pull request is open or merged, or it has none. */
    public static Decision notClosed() {
        return NOT_CLOSED;
    }

    /**
     * The decision for a spec whose latest pull request was closed without merge.
     *
     * @param reopen         the spec's front matter says {@code reopen: true}
     * @param branchOnRemote whether the spec's branch is still on the remote; asked only when it
     *                       matters, and to answer true when it cannot be told
     */
    public static Decision closed(int number, String url, boolean reopen, BooleanSupplier branchOnRemote) {
        if (reopen) {
            return new Decision(Verdict.REOPENED, number, url, "PR #" + number
                    + " was closed without merge; the spec says reopen: true, so work goes on in a new pull request");
        }
        if (!branchOnRemote.getAsBoolean()) {
            return new Decision(Verdict.AFRESH, number, url, "PR #" + number
                    + " was closed without merge and its branch was deleted: starting afresh from base");
        }
        return new Decision(Verdict.REJECTED, number, url, rejection(number, url));
    }

    /**
     * Why a spec whose pull request was closed is not worked on, and what the owner can do. It
     * names the pull request, not the branch: the line it stands in names the spec already, and
     * the pull request's page shows its branch.
     */
    public static String rejection(int number, String url) {
        return "PR #" + number + " was closed without merge (" + url + "): the owner rejected it. nightshift will not"
                + " open it again; delete its branch on the remote to start afresh, or write `reopen: true` in the"
                + " spec's front matter to continue the branch in a new pull request.";
    }
}
