package dev.nightshift.batch;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the daemon's Quartz scheduler lets go of its store without harming the database.
 *
 * <p>Quartz 2.5 ends its scheduler thread and its misfire handler with {@link Thread#interrupt()}.
 * A thread interrupted while it writes to H2 closes H2's file channel
 * ({@code ClosedByInterruptException}), and H2 then closes the whole database: the daemon logged
 * "Couldn't rollback jdbc connection. The database has been closed" with a stack trace on some
 * SIGTERMs, and a scheduler thread caught that way retried its store forever. So the scheduler is
 * put in standby first, both threads are given a moment to come to rest in their own waits (where
 * an interrupt only wakes them), and only then shut down.
 */
final class SchedulerShutdown {

    private static final Logger log = LoggerFactory.getLogger(SchedulerShutdown.class);
    /** Long enough for a store transaction to finish; short of the 10 s a service manager gives. */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    /** For the threads to end once told to: they only leave their loops. */
    private static final Duration JOIN = Duration.ofSeconds(1);
    private static final long STEP_MILLIS = 20;

    private SchedulerShutdown() {
    }

    /**
     * Stops firing, waits until the scheduler's threads rest (its worker too: a job that just
     * ended still records that in the store), then shuts it down without waiting for a job. A batch
     * that would not end in time is not waited for: its thread may still touch the store as the
     * JVM exits, which H2 then reports; the stop was recorded before (GracefulStop).
     */
    static void shutDown(Scheduler quartz) throws SchedulerException {
        if (quartz.isShutdown()) {
            return;
        }
        quartz.standby();
        String name = quartz.getSchedulerName();
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name + "_QuartzSchedulerThread") || t.getName().startsWith(name + "_Worker-")
                        || t.getName().startsWith("QuartzScheduler_" + name + "-") && t.getName().endsWith("_MisfireHandler"))
                .toList();
        long until = System.nanoTime() + SETTLE.toNanos();
        while (!threads.stream().allMatch(SchedulerShutdown::resting) && System.nanoTime() < until
                && !Thread.currentThread().isInterrupted()) {
            pause(STEP_MILLIS);
        }
        threads.stream().filter(Predicate.not(SchedulerShutdown::resting)).forEach(t ->
                log.debug("{} is still at work; shutting the scheduler down anyway", t.getName()));
        quartz.shutdown(false);
        long joinUntil = System.nanoTime() + JOIN.toNanos();
        for (Thread t : threads) {
            long left = (joinUntil - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** In Quartz's own wait (Object.wait or Thread.sleep in its run loop), not in a store call. */
    static boolean resting(Thread thread) {
        if (!thread.isAlive()) {
            return true;
        }
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        StackTraceElement[] stack = thread.getStackTrace();
        // The wait itself, then directly the thread's run loop: no store call in between.
        int run = -1;
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getMethodName().equals("run") && stack[i].getClassName().startsWith("org.quartz.")) {
                run = i;
                break;
            }
        }
        return run > 0 && Arrays.stream(stack, 0, run).allMatch(frame -> frame.getClassName().startsWith("java.lang."));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
