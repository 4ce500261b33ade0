package dev.nightshift.report;

import dev.nightshift.store.BatchStatus;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.Records;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened in a batch, in the few words of the report's subject and first line: the builds
 * ({@code 1/3 succeeded, 2 failed}) and what the owner's pull requests did ({@code 1 merged}); a
 * batch that built nothing says so ({@code nothing built}, or {@code nothing to do} when it stopped
 * early) instead of {@code 0/0 succeeded}, and a dry run says what it would have built.
 */
final class ReportHeadline {

    /** Planned specs named one by one in a dry run's subject; more are counted. */
    static final int NAMED = 3;

    /**
     * The facts of one batch the headline reads.
     *
     * @param phasesRan whether the batch ran its phases (one that stopped early, idle or paused, ran none)
     */
    record Facts(Records.Batch batch, List<Records.BuildResult> results, List<Records.SpecMove> moves,
                 List<Records.PullRequest> closedPullRequests, List<Records.PlanEntry> plan, boolean phasesRan) {
    }

    private ReportHeadline() {
    }

    /** The words between {@code [nightshift]} and the batch's date. */
    static String of(Facts f) {
        if (f.batch().dryRun()) {
            return "dry run: " + planned(f.plan());
        }
        List<String> parts = new ArrayList<>();
        long attempted = f.results().stream().filter(r -> r.outcome().hadTurn()).count();
        if (attempted > 0) {
            long succeeded = f.results().stream().filter(r -> r.outcome().succeeded()).count();
            long failed = f.results().stream().filter(r -> r.outcome().failed()).count();
            parts.add(succeeded + "/" + attempted + " succeeded, " + failed + " failed");
        }
        long merged = f.moves().stream().filter(m -> "done".equals(m.toFolder())).count();
        if (merged > 0) {
            parts.add(merged + " merged");
        }
        if (!f.closedPullRequests().isEmpty()) {
            parts.add(f.closedPullRequests().size() + " closed without merge");
        }
        if (parts.isEmpty()) {
            // A batch that stopped early (idle, paused) ran no phase; its note says why.
            parts.add(f.batch().status() == BatchStatus.STOPPED ? "stopped before any build"
                    : f.phasesRan() ? "nothing built" : "nothing to do");
        }
        return String.join(", ", parts);
    }

    private static String planned(List<Records.PlanEntry> plan) {
        List<String> specs = plan.stream().filter(Records.PlanEntry::hasWork).map(e -> e.project() + "/" + e.spec()).toList();
        if (specs.isEmpty()) {
            return "nothing to build";
        }
        String named = String.join(", ", specs.subList(0, Math.min(NAMED, specs.size())));
        return "would build " + (specs.size() > NAMED ? specs.size() + " specs: " + named + ", …" : named);
    }
}
