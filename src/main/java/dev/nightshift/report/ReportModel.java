package dev.nightshift.report;

import java.util.List;

/**
 * Everything a report shows, already worded; the renderer only lays it out. Built from the
 * database alone, so a past batch's report can be rendered again.
 *
 * @param needsYou what only the owner can settle; shown first
 * @param risks    what the supervisor named at the start of the batch that is not already in needsYou
 * @param review   the supervisor agent's advisory review, quoted; {@code null} when none was asked for
 * @param reviews  per open pull request with owner review: the points received, addressed and still open
 * @param readyToMerge open pull requests the owner approved with no point open: they get no more work
 * @param eventful something happened in this batch (a build, a move, an integration run, a failing
 *                 health check, a closed PR, a broken file or phase), beyond conditions that stand
 *                 from earlier batches; {@code when-idle: skip} mails only eventful batches
 */
public record ReportModel(
        String batchId,
        String subject,
        String startedAt,
        String status,
        boolean dryRun,
        List<String> notes,
        List<String> needsYou,
        List<PhaseRow> phases,
        List<ProjectRow> projects,
        List<IdleProject> idleProjects,
        List<QueueRow> queue,
        List<String> moves,
        List<String> integration,
        BudgetLine budget,
        List<String> risks,
        Review review,
        List<HealthRow> health,
        List<String> specChanges,
        List<String> reviews,
        List<String> readyToMerge,
        Chart chart,
        boolean eventful) {

    /** One line of the timeline: {@code 14:03:33 - PHASE 2: Build (18m48s)}. */
    public record PhaseRow(int number, String name, String start, String duration, String outcome, boolean problem,
                           String detail) {
    }

    /** One project's build in this batch; {@code why} is the supervisor's reason for choosing the spec. */
    public record ProjectRow(String project, String spec, String task, String outcome, String tone,
                             String agentTime, String cost, String tests, String prLabel, String prUrl,
                             String note, String detail, String testTail, String why) {
    }

    /** A project that got no work, and why. */
    public record IdleProject(String project, String reason) {
    }

    public record QueueRow(String project, int next, int active, int done, int blocked) {
    }

    /**
     * The spend section.
     *
     * @param nearLimit   shown as a warning: spend near a budget, or a cost the budget cannot see
     * @param mergedCosts what each spec merged this month cost and the average; {@code null} when none was
     */
    public record BudgetLine(String today, String month, boolean nearLimit, String mergedCosts) {
    }

    /** @param status written, failed, timed out or budget stopped */
    public record Review(String status, String text) {
    }

    /** One production health check; {@code tone} is ok or bad. */
    public record HealthRow(String project, String url, String outcome, String tone, String latency, String detail) {
    }

    /**
     * The last batches and the last days as rows of bars (widths in pixels precomputed here), with
     * the same facts as text lines for the text report.
     */
    public record Chart(List<Row> batches, List<Row> days, String batchesTitle, String daysTitle, String summary,
                        List<String> batchLines, List<String> dayLines) {
        public boolean isEmpty() {
            return batches.isEmpty();
        }

        /** The days that cost something: the text report lists only these. */
        public List<String> spendingDayLines() {
            return dayLines.stream().filter(l -> !l.endsWith(": $0.00")).toList();
        }
    }

    /**
     * One row of a chart: a green bar ({@code okWidth} pixels, a day's cost in the cost chart) and a
     * red one ({@code badWidth}) after it, then {@code figures}, the numbers as text. A batch that
     * {@code died} has no bar.
     */
    public record Row(String label, int okWidth, int badWidth, String figures, boolean died) {
    }

    public boolean hasNeedsYou() {
        return !needsYou.isEmpty();
    }
}
