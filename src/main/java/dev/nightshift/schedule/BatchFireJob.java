package dev.nightshift.schedule;

import dev.nightshift.batch.BatchLauncher;
import dev.nightshift.batch.BatchRequest;
import dev.nightshift.batch.BatchResult;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * What Quartz fires: it only launches a batch (the scheduler stores what should run, the launcher
 * runs it); the launcher gives it its own id. A
 * fire that catches up one missed while the daemon was down says so, in the log and the batch.
 */
@DisallowConcurrentExecution
public class BatchFireJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(BatchFireJob.class);

    private final BatchLauncher launcher;

    public BatchFireJob(BatchLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        Optional<String> catchUp = catchUp(context);
        log.info("schedule fired{}{}", context.getScheduledFireTime() != null
                ? " (due " + context.getScheduledFireTime().toInstant() + ")" : "", catchUp.map(c -> ": " + c).orElse(""));
        try {
            BatchResult result = launcher.launch(catchUp.map(BatchRequest::catchingUp).orElse(BatchRequest.scheduled()));
            log.info(result.message());
        } catch (RuntimeException e) {
            log.error("the scheduled batch could not run", e);
        }
    }

    private static Optional<String> catchUp(JobExecutionContext context) {
        Trigger trigger = context.getTrigger();
        Date scheduled = context.getScheduledFireTime();
        if (!(trigger instanceof CronTrigger cron) || scheduled == null) {
            return Optional.empty();
        }
        Date since = context.getPreviousFireTime() != null ? context.getPreviousFireTime() : trigger.getStartTime();
        return CatchUp.missedFire(cron.getCronExpression(), cron.getTimeZone(), scheduled.toInstant(),
                        since != null ? since.toInstant() : scheduled.toInstant())
                .map(missed -> CatchUp.note(missed, Instant.now(), cron.getTimeZone().toZoneId()));
    }
}
