package dev.nightshift.batch;

import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BatchStatus;
import dev.nightshift.store.Records;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * What a batch does when nightshift is told to stop (SIGTERM to the daemon or to a run): the
 * schedule stops firing, every running process dies with its tree, no agent starts any more, the
 * phases not yet begun are skipped, and the batch is recorded as stopped. Its lock goes with it.
 * All of it well inside the 10 seconds a service manager gives before it kills.
 *
 * <p>{@link StopSignals} runs it on SIGTERM before the JVM shuts down; a context closed while a
 * batch runs (in this JVM, without a signal) runs it first in that close.
 */
@Component
public class GracefulStop implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
    /** Long enough for the interrupted phase to keep its work (a git commit), short of the 10 s limit. */
    private static final Duration WAIT_FOR_BATCH = Duration.ofSeconds(6);
    private static final Duration TIME_LEFT_FOR_COMMANDS = Duration.ofSeconds(3);

    private final BatchLauncher launcher;
    private final RunningProcesses running;
    private final ProcessDeadline deadline;
    private final BatchRepository batches;
    private final ObjectProvider<Scheduler> scheduler;
    private final Clock clock;

    GracefulStop(BatchLauncher launcher, RunningProcesses running, ProcessDeadline deadline, BatchRepository batches,
                 ObjectProvider<Scheduler> scheduler, Clock clock) {
        this.launcher = launcher;
        this.running = running;
        this.deadline = deadline;
        this.batches = batches;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stop();
    }

    /** Stops firing, and stops the batch that runs now, if any; returns once it is recorded. */
    public void stop() {
        standBy();
        deadline.set(clock.instant().plus(TIME_LEFT_FOR_COMMANDS));
        // What the batch was doing when told to stop, read before its processes die: once they
        // do, its phase ends and the next one begins (and is skipped). Handed to the launcher
        // before the stop flag goes up, so the batch that ends because of the flag tells it right.
        Optional<String> told = launcher.current();
        String when = told.map(this::whenTold).orElse(null);
        told.ifPresent(id -> launcher.toldToStop(id, when));
        // The flag: from here on no batch and no agent starts, and every process running dies.
        int killed = running.stopAll();
        if (!launcher.busy()) {
            // A normal end: the batch finished before its context closed.
            return;
        }
        Optional<String> batch = launcher.current();
        batch.ifPresent(id -> log.warn("stopping: batch {} was told to stop {}; {} process(es) ended", id,
                id.equals(told.orElse(null)) && when != null ? when : "as it began", killed));
        if (!launcher.awaitEnd(WAIT_FOR_BATCH)) {
            batch.ifPresent(id -> {
                batches.addNote(id, note(id.equals(told.orElse(null)) ? when : null));
                batches.finish(id, BatchStatus.STOPPED, clock.instant());
            });
            log.warn("the batch did not end within {}s; recorded as stopped", WAIT_FOR_BATCH.toSeconds());
        }
    }

    /**
     * The batch's note for a stop: when it came ({@code during the build phase}, {@code after the
     * supervisor phase}; {@code null} when no phase had begun) and what that meant.
     */
    static String note(String when) {
        return "Stopped: nightshift was told to stop " + (when != null ? when : "as this batch began")
                + "; its processes were ended, no agent started after that and the phases not yet begun were skipped."
                + " Unfinished work stays on its branch for the next batch.";
    }

    /** When in the batch the stop came: during the phase that runs, after the last that ended, or null before any. */
    private String whenTold(String batchId) {
        List<Records.Phase> phases = batches.phases(batchId);
        return phases.stream().filter(p -> p.endedAt() == null).map(p -> "during the " + p.phase() + " phase")
                .reduce((first, later) -> later)
                .orElseGet(() -> phases.isEmpty() ? null : "after the " + phases.get(phases.size() - 1).phase() + " phase");
    }

    /**
     * After the stop, before the JVM exits (or the daemon restarts): the scheduler lets go of its
     * store while the database is open, without harming it (SchedulerShutdown).
     */
    public void shutDownSchedule() {
        Scheduler quartz = scheduler.getIfAvailable();
        try {
            if (quartz != null && !quartz.isShutdown()) {
                SchedulerShutdown.shutDown(quartz);
            }
        } catch (SchedulerException e) {
            log.debug("the schedule did not shut down cleanly: {}", e.getMessage());
        }
    }

    /** The daemon fires no new batch from now on; a run has no scheduler. */
    private void standBy() {
        Scheduler quartz = scheduler.getIfAvailable();
        if (quartz == null) {
            return;
        }
        try {
            if (quartz.isStarted() && !quartz.isShutdown()) {
                quartz.standby();
            }
        } catch (SchedulerException e) {
            log.warn("could not stop the schedule: {}", e.getMessage());
        }
    }
}
