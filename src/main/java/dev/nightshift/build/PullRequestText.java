package dev.nightshift.build;

import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecTask;
import java.util.List;

/** The words nightshift writes on a pull request: its body (the checklist) and the comment per batch. */
final class PullRequestText {

    private PullRequestText() {
    }

    /** The task checklist, with the task just done ticked, and the latest gate result. */
    static String body(Spec spec, SpecTask done, GateResult gate, String batchId) {
        StringBuilder body = new StringBuilder("Opened by nightshift from the spec `").append(spec.name())
                .append(".md`.\n\n## Tasks\n\n");
        for (SpecTask task : spec.tasks()) {
            boolean ticked = task.done() || task.index() == done.index();
            body.append("- [").append(ticked ? 'x' : ' ').append("] ").append(task.text()).append('\n');
        }
        body.append("\n## Latest gate\n\n").append(gateLine(gate)).append(" (batch ").append(batchId).append(")\n");
        return body.toString();
    }

    /** What one batch added: the task, the gate, the commits, the agent's note and follow-ups. */
    static String comment(SpecTask task, GateResult gate, String note, List<String> commits, List<String> followUps,
                          String batchId) {
        StringBuilder comment = new StringBuilder("nightshift batch ").append(batchId).append(" added: ")
                .append(task.text()).append("\n\n").append(gateLine(gate)).append('\n');
        if (!commits.isEmpty()) {
            comment.append("\nCommits:\n\n");
            commits.forEach(c -> comment.append("- ").append(c).append('\n'));
        }
        if (!followUps.isEmpty()) {
            comment.append("\nFiled as follow-up specs in next/: ").append(String.join(", ", followUps)).append('\n');
        }
        if (note != null && !note.isBlank()) {
            comment.append("\nThe agent's note:\n\n> ").append(note.strip().replace("\n", "\n> ")).append('\n');
        }
        return comment.toString();
    }

    static String gateLine(GateResult gate) {
        if (gate == null) {
            return "Tests: not run";
        }
        if (gate.testsRun() != null) {
            return "Tests: " + gate.testsPassed() + " of " + gate.testsRun() + " passed";
        }
        return gate.passed() ? "Tests: passed" : "Tests: failed";
    }
}
