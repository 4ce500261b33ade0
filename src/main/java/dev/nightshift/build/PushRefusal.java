package dev.nightshift.build;

import dev.nightshift.git.Git;

/**
 * Why a push of a spec's branch failed, in the owner's words. Pushes are never forced, so a
 * branch someone else moved is refused rather than overwritten; the work stays committed on the
 * local branch, and the next batch merges the remote's changes first and pushes again.
 */
final class PushRefusal {

    private PushRefusal() {
    }

    static String describe(String branch, String gitOutput) {
        if (gitOutput.contains("[rejected]") || gitOutput.contains("non-fast-forward") || gitOutput.contains("fetch first")) {
            return "push rejected: " + branch + " moved on the remote since it was fetched (someone else pushed to"
                    + " it); nothing was overwritten, the work stays committed on the local branch and goes out after"
                    + " the next batch merges the remote's changes";
        }
        if (gitOutput.contains("[remote rejected]")) {
            return "push refused by the remote (" + Git.reason(gitOutput.replace("!\t", "")) + "); the work stays"
                    + " committed on the local branch";
        }
        return "push of " + branch + " failed: " + Git.reason(gitOutput) + "; the work stays committed on the local branch";
    }
}
