package dev.nightshift.schedule;

import dev.nightshift.batch.BatchLauncher;
import dev.nightshift.batch.BatchRequest;
import dev.nightshift.batch.BatchResult;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * What Quartz fires: it only launches a batch (the scheduler stores what should run, the launcher
 * runs it); the launcher gives it its own id.
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
        log.info("schedule fired{}", context.getScheduledFireTime() != null
                ? " (due " + context.getScheduledFireTime().toInstant() + ")" : "");
        try {
            BatchResult result = launcher.launch(BatchRequest.scheduled());
            log.info(result.message());
        } catch (RuntimeException e) {
            log.error("the scheduled batch could not run", e);
        }
    }
}
