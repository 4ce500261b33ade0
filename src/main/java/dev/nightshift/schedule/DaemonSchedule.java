package dev.nightshift.schedule;

import dev.nightshift.config.Misfire;
import dev.nightshift.config.NightshiftSettings;
import java.util.Date;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The daemon's schedule in Quartz's JDBC store: the cron trigger from {@code schedule}, with the
 * misfire rule from {@code misfire}. A stored trigger is kept when it matches the settings, so
 * fires missed while the daemon was down are honoured (replacing it at every start would lose a missed fire).
 */
@Component
@Profile("daemon")
public class DaemonSchedule {

    static final JobKey JOB = JobKey.jobKey("batch", "nightshift");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("schedule", "nightshift");
    private static final Logger log = LoggerFactory.getLogger(DaemonSchedule.class);

    private final Scheduler scheduler;
    private final NightshiftSettings settings;

    public DaemonSchedule(Scheduler scheduler, NightshiftSettings settings) {
        this.scheduler = scheduler;
        this.settings = settings;
    }

    /** Installs (or updates) the trigger and starts firing; returns the next fire time. */
    public Date start() throws SchedulerException {
        JobDetail job = JobBuilder.newJob(BatchFireJob.class).withIdentity(JOB).storeDurably()
                .withDescription("one nightshift batch").build();
        scheduler.addJob(job, true);
        CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(settings.schedule().expression());
        cron = settings.misfire() == Misfire.SKIP ? cron.withMisfireHandlingInstructionDoNothing()
                : cron.withMisfireHandlingInstructionFireAndProceed();
        Trigger wanted = TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB).withSchedule(cron).build();
        Trigger stored = scheduler.getTrigger(TRIGGER);
        if (stored == null) {
            try {
                scheduler.scheduleJob(wanted);
            } catch (ObjectAlreadyExistsException anotherNodeFirst) {
                // A cluster's daemons starting together: the first one's trigger is the cluster's.
                log.info("another node of the cluster stored the schedule first; it is used");
            }
        } else if (!(stored instanceof CronTrigger storedCron)
                || !storedCron.getCronExpression().equals(settings.schedule().expression())
                || stored.getMisfireInstruction() != wanted.getMisfireInstruction()) {
            log.info("the schedule changed to \"{}\"; replacing the stored trigger", settings.schedule().expression());
            scheduler.rescheduleJob(TRIGGER, wanted);
        }
        scheduler.start();
        Date next = scheduler.getTrigger(TRIGGER).getNextFireTime();
        log.info("daemon started: schedule \"{}\", misfire {}, next fire {}", settings.schedule().expression(),
                settings.misfire().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), next);
        return next;
    }

    /** Stops firing; a batch already running is left to the caller to end. */
    public void stop() throws SchedulerException {
        scheduler.standby();
    }
}
