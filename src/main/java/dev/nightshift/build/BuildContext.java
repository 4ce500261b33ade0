package dev.nightshift.build;

import dev.nightshift.order.QueueChange;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.spec.FollowUps;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecTask;
import dev.nightshift.spec.WipJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One build's state, handed from step to step: the order, where its files are, what the build
 * found on its way (the clone, the worktree, the tested commit) and what it asks of the queue.
 * Steps are singletons without state of a build; everything of a build lives here.
 */
final class BuildContext {

    final WorkOrder order;
    final BatchRun run;
    /** The order's spec and task in the shape the gate and guards take. */
    final Spec spec;
    final SpecTask task;
    final Path homeRoot;
    final Path logs;
    final Path gitLog;
    final BuildTally tally;
    private final Clock clock;
    private final List<QueueChange> changes = new ArrayList<>();
    /** The journal the agent's prompt shows: the order's, then what this build wrote so far. */
    private final List<String> journal = new ArrayList<>();

    Path clone;
    Path worktree;
    /** The commit the gate passed: the one published. */
    String tested;
    /** What the prompt says the last try failed with; the order's previous failure at first. */
    String failure;
    /** The follow-up drafts of the run whose gate passed. */
    List<FollowUps.Draft> drafts = List.of();
    /** The review answers of the latest run (the one whose gate passed, once it passed), by point number. */
    Map<Integer, String> answers = Map.of();

    BuildContext(WorkOrder order, BatchRun run, Path homeRoot, Path logs, Clock clock) {
        this.order = order;
        this.run = run;
        this.spec = order.specAt(homeRoot);
        this.task = order.task();
        this.homeRoot = homeRoot;
        this.logs = logs;
        this.gitLog = logs.resolve("git-" + order.project() + ".log");
        this.tally = new BuildTally(run, order, clock);
        this.clock = clock;
        this.failure = order.failureTail();
        WipJournal.entries(order.journal()).stream().map(String::strip).forEach(journal::add);
    }

    String batchId() {
        return run.batchId();
    }

    String project() {
        return order.project();
    }

    /** The spec goes to blocked/ with this reason, once the build is over. */
    void block(String why) {
        changes.add(new QueueChange.Block(why));
    }

    void change(QueueChange change) {
        changes.add(change);
    }

    /** Whether the build already asked for the spec to go to blocked/. */
    boolean blocked() {
        return changes.stream().anyMatch(c -> c instanceof QueueChange.Block);
    }

    /** One entry in wip.md about the task, with the agent's note and the follow-ups filed. */
    void journal(String outcome) {
        String note = tally.note;
        if (!tally.followUps.isEmpty()) {
            note = (note == null ? "" : note + "\n\n") + "Filed as follow-ups in next/: " + String.join(", ", tally.followUps);
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        changes.add(new QueueChange.Journal(now.toInstant(), task.text(), outcome, note));
        journal.add(WipJournal.entry(now, order.project(), order.spec().name(), task.text(), outcome, note).strip());
    }

    /** The latest journal entries, oldest first, for the prompt. */
    String recentJournal(int count) {
        return String.join("\n\n", journal.subList(Math.max(0, journal.size() - count), journal.size())).strip();
    }

    List<QueueChange> changes() {
        return List.copyOf(changes);
    }
}
