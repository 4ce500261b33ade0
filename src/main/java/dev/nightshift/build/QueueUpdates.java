package dev.nightshift.build;

import dev.nightshift.config.Home;
import dev.nightshift.order.QueueChange;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.pr.LocalPullRequestHost;
import dev.nightshift.spec.FollowUps;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecMover;
import dev.nightshift.spec.SpecTicker;
import dev.nightshift.spec.WipJournal;
import dev.nightshift.spec.ReviewFiles;
import dev.nightshift.spec.WorkspaceReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place a build's writes to the owner's queue happen: the spec's moves (to blocked/ with
 * its reason, to active/), its ticked task, the follow-ups filed into next/ and the entries in
 * wip.md, applied in the order the build asked for them, after the build, on the machine that
 * holds the home. The spec is looked up where it is now, in next/ or active/; one the owner moved
 * elsewhere meanwhile is left where the owner put it.
 */
@Component
class QueueUpdates {

    private static final Logger log = LoggerFactory.getLogger(QueueUpdates.class);

    private final Home home;
    private final SpecMover mover;
    private final SpecTicker ticker;
    private final FollowUps followUps;
    private final WipJournal journal;
    private final Clock clock;

    public QueueUpdates(Home home, SpecMover mover, SpecTicker ticker, FollowUps followUps, WipJournal journal,
                        Clock clock) {
        this.home = home;
        this.mover = mover;
        this.ticker = ticker;
        this.followUps = followUps;
        this.journal = journal;
        this.clock = clock;
    }

    /** Applies what the build of {@code order} asked for; with {@code dryRun} only says what it would do. */
    public void apply(WorkOrder order, List<QueueChange> changes, boolean dryRun) {
        if (changes.isEmpty()) {
            return;
        }
        Optional<ProjectQueue> project = WorkspaceReader.read(home, order.project()).project(order.project());
        Optional<Spec> spec = project.flatMap(p -> p.find(order.spec().name()))
                .filter(s -> s.folder() == SpecFolder.NEXT || s.folder() == SpecFolder.ACTIVE);
        String name = order.project() + "/" + order.spec().name();
        for (QueueChange change : changes) {
            if (change instanceof QueueChange.Block block) {
                spec = spec.map(s -> mover.move(s, SpecFolder.BLOCKED, block.reason(), order.batchId(), dryRun))
                        .or(() -> gone(name, "blocked/"));
            } else if (change instanceof QueueChange.Activate activate) {
                spec = spec.map(s -> s.folder() == SpecFolder.NEXT
                        ? mover.move(s, SpecFolder.ACTIVE, activate.reason(), order.batchId(), dryRun) : s)
                        .or(() -> gone(name, "active/"));
            } else if (change instanceof QueueChange.Tick tick) {
                spec.ifPresentOrElse(s -> ticker.tick(s, tick.task(), dryRun), () -> gone(name, "a ticked task"));
            } else if (change instanceof QueueChange.FileFollowUp followUp && project.isPresent()) {
                if (dryRun) {
                    log.info("DRY-RUN: would file the follow-up {}/next/{}.md", order.project(), followUp.name());
                } else {
                    followUps.write(project.get(), new FollowUps.Filing(followUp.name(), followUp.text()));
                }
            } else if (change instanceof QueueChange.SettleReview settle && project.isPresent()) {
                Path review = ReviewFiles.reviewOf(project.get().dir(), order.spec().name());
                if (dryRun) {
                    log.info("DRY-RUN: would move {} to its .review.done.md with the answers", review);
                } else if (settle.read() != null && !ReviewFiles.read(review).stream()
                        .map(LocalPullRequestHost::keyOf).allMatch(settle.read()::contains)) {
                    // Settling would put away, unanswered and never read, what the owner wrote while the batch ran.
                    log.info("{}: {} has points written since the batch read it; it stays for the next batch",
                            name, review.getFileName());
                } else {
                    ReviewFiles.settle(review, settle.answers())
                            .ifPresent(done -> log.info("{}: the review is answered, see {}", name, done.getFileName()));
                }
            } else if (change instanceof QueueChange.Journal entry && !dryRun) {
                journal.append(ZonedDateTime.ofInstant(entry.at(), clock.getZone()), order.project(),
                        order.spec().name(), entry.task(), entry.outcome(), entry.note());
            }
        }
    }

    private static Optional<Spec> gone(String name, String what) {
        log.warn("{} is no longer in next/ or active/; it is left where it is (not moved to {})", name, what);
        return Optional.empty();
    }
}
