package dev.nightshift.report;

import java.util.List;

/**
 * Everything a report shows, already worded; the renderer only lays it out. Built from the
 * database alone, so a past batch's report can be rendered again.
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
        BudgetLine budget) {

    /** One line of the timeline: {@code 14:03:33 - PHASE 2: Build (18m48s)}. */
    public record PhaseRow(int number, String name, String start, String duration, String outcome, boolean problem,
                           String detail) {
    }

    /** One project's build in this batch. */
    public record ProjectRow(String project, String spec, String task, String outcome, String tone,
                             String agentTime, String cost, String tests, String prLabel, String prUrl,
                             String note, String detail, String testTail) {
    }

    /** A project that got no work, and why. */
    public record IdleProject(String project, String reason) {
    }

    public record QueueRow(String project, int next, int active, int done, int blocked) {
    }

    public record BudgetLine(String today, String month, boolean nearLimit) {
    }

    public boolean hasNeedsYou() {
        return !needsYou.isEmpty();
    }
}
