package dev.nightshift.cli;

import dev.nightshift.batch.BatchLauncher;
import dev.nightshift.batch.BatchLock;
import dev.nightshift.batch.BatchResult;
import dev.nightshift.batch.GracefulStop;
import dev.nightshift.batch.StopSignals;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.schedule.DaemonSchedule;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift daemon}: Quartz fires a batch on {@code schedule} until SIGTERM. It looks at
 * nightshift.yml every few seconds; when the file changed and is valid, it restarts its context
 * with the new settings between batches (never while one runs); while the new file is invalid it
 * says why, once, and keeps the settings it runs with.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "Fire a batch on the schedule of nightshift.yml until stopped (SIGTERM). A changed nightshift.yml "
                + "is picked up between batches; an invalid one is reported and the running settings are kept.")
class DaemonCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DaemonCommand.class);
    /** How often nightshift.yml is looked at: reading a small file costs nothing, and an edit is seen at once. */
    static final Duration LOOK_EVERY = Duration.ofSeconds(2);
    private static final Duration WAIT_STEP = Duration.ofMillis(200);

    @ParentCommand
    NightshiftCommand parent;

    /** Starting, restarting and stopping take turns: a SIGTERM never meets a half-made context. */
    private final Object lifecycle = new Object();
    private boolean stopping;
    private ConfigurableApplicationContext running;

    @Override
    public Integer call() throws Exception {
        Home home = parent.home();
        Optional<BatchLock> one = BatchLock.tryAcquire(home.daemonLockFile());
        if (one.isEmpty()) {
            // Two daemons would both fire every slot; the batch lock would only turn the second away.
            System.err.println("nightshift: a daemon already runs for this home (" + BatchLock.holder(home.daemonLockFile())
                    + "); stop it first, one is enough");
            return BatchResult.LOCKED;
        }
        try (BatchLock held = one.get()) {
            held.describe("daemon pid " + ProcessHandle.current().pid() + ", since "
                    + java.time.LocalDateTime.now().withNano(0));
            return runUntilStopped(home);
        }
    }

    private int runUntilStopped(Home home) throws Exception {
        SettingsWatch watch = SettingsWatch.start(home);
        NightshiftSettings settings = watch.initial();
        Check schedule = ScheduleCheck.check(settings, java.time.Instant.now());
        if (!schedule.ok()) {
            // A batch still running at the next fire would make that fire wait or be lost: doctor fails it too.
            System.err.println("nightshift: " + ScheduleCheck.refusal(schedule));
            return BatchResult.BAD_CONFIGURATION;
        }
        // Routed before the first context starts, so a SIGTERM during a start waits for it and then
        // stops it: the database stays open until the stop is recorded (StopSignals).
        StopSignals.route(this::stop);
        ConfigurableApplicationContext context;
        synchronized (lifecycle) {
            if (stopping) {
                return 0;
            }
            context = start(home, settings);
        }
        System.out.println("nightshift daemon: home " + home.root() + ", schedule \"" + settings.schedule().expression()
                + "\"; stop it with SIGTERM");
        while (true) {
            Optional<NightshiftSettings> changed = awaitChange(context, watch, settings);
            if (changed.isEmpty()) {
                return 0;
            }
            // Outside the turn-taking: a SIGTERM while a batch runs stops that batch as usual.
            try {
                awaitNoBatch(context);
            } catch (SchedulerException e) {
                synchronized (lifecycle) {
                    if (stopping) {
                        return 0;
                    }
                }
                throw e;
            }
            synchronized (lifecycle) {
                if (stopping) {
                    return 0;
                }
                context.getBean(GracefulStop.class).shutDownSchedule();
                context.close();
                settings = changed.get();
                context = start(home, settings);
            }
            log.info("restarted with the changed nightshift.yml: schedule \"{}\", agent {}", settings.schedule().expression(),
                    settings.agent().kind().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private ConfigurableApplicationContext start(Home home, NightshiftSettings settings) throws SchedulerException {
        ConfigurableApplicationContext context = NightshiftContext.start(home, settings, NightshiftContext.Purpose.DAEMON);
        running = context;
        context.getBean(DaemonSchedule.class).start();
        return context;
    }

    /** SIGTERM: stop firing, end the running batch cleanly, and let go of the store before the JVM exits. */
    private void stop() {
        synchronized (lifecycle) {
            stopping = true;
            if (running != null && running.isActive()) {
                GracefulStop stop = running.getBean(GracefulStop.class);
                stop.stop();
                stop.shutDownSchedule();
            }
        }
    }

    /** Looks at nightshift.yml until it changed into other valid settings; empty once the context closed. */
    private static Optional<NightshiftSettings> awaitChange(ConfigurableApplicationContext context, SettingsWatch watch,
                                                            NightshiftSettings current) throws InterruptedException {
        while (context.isActive()) {
            Thread.sleep(LOOK_EVERY.toMillis());
            SettingsWatch.Change change = watch.look();
            if (change instanceof SettingsWatch.Change.Invalid invalid) {
                log.error("nightshift.yml changed but cannot be used; the daemon keeps the settings it runs with until it"
                        + " is fixed: {}", invalid.problem().getMessage());
            } else if (change instanceof SettingsWatch.Change.Valid valid) {
                Check schedule = ScheduleCheck.check(valid.settings(), java.time.Instant.now());
                if (!schedule.ok()) {
                    log.error("nightshift.yml changed but cannot be used; the daemon keeps the settings it runs with until it"
                            + " is fixed: {}", ScheduleCheck.refusal(schedule));
                } else if (valid.settings().equals(current)) {
                    log.info("nightshift.yml changed; its settings are the ones in use, so nothing restarts");
                } else {
                    log.info("nightshift.yml changed: the daemon restarts with it as soon as no batch runs");
                    return Optional.of(valid.settings());
                }
            }
        }
        return Optional.empty();
    }

    /** Stops firing and waits until no batch runs: a restart never cuts one short. */
    private static void awaitNoBatch(ConfigurableApplicationContext context) throws SchedulerException, InterruptedException {
        context.getBean(DaemonSchedule.class).stop();
        Scheduler quartz = context.getBean(Scheduler.class);
        BatchLauncher launcher = context.getBean(BatchLauncher.class);
        boolean said = false;
        while (launcher.busy() || !quartz.getCurrentlyExecutingJobs().isEmpty()) {
            if (!said) {
                log.info("waiting for batch {} to end before the restart", launcher.current().orElse("(starting)"));
                said = true;
            }
            Thread.sleep(WAIT_STEP.toMillis());
        }
    }
}
