package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

/** The real Quartz threads are found and seen at rest, so that their interrupt never lands in a store call. */
class SchedulerShutdownTests {

    @Test
    void aSchedulerInStandbyRestsAndShutsDownWithItsThreadsEnded() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "restTest");
        properties.setProperty("org.quartz.threadPool.threadCount", "1");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        Scheduler quartz = new StdSchedulerFactory(properties).getScheduler();
        quartz.start();
        Thread schedulerThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("restTest_QuartzSchedulerThread")).findFirst().orElseThrow();
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("restTest_Worker-")).findFirst().orElseThrow();

        quartz.standby();
        await().atMost(Duration.ofSeconds(5)).until(() -> SchedulerShutdown.resting(schedulerThread));
        await().atMost(Duration.ofSeconds(5)).until(() -> SchedulerShutdown.resting(worker));

        SchedulerShutdown.shutDown(quartz);

        assertThat(quartz.isShutdown()).isTrue();
        assertThat(schedulerThread.isAlive()).as("ended before shutDown returned").isFalse();
    }

    @Test
    void aThreadThatWaitsOutsideQuartzsOwnLoopIsNotAtRest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread elsewhere = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "not-quartz");
        elsewhere.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> elsewhere.getState() == Thread.State.WAITING);
            assertThat(SchedulerShutdown.resting(elsewhere)).isFalse();
            assertThat(SchedulerShutdown.resting(Thread.currentThread())).as("a running thread").isFalse();
        } finally {
            release.countDown();
            elsewhere.join();
        }
        assertThat(SchedulerShutdown.resting(elsewhere)).as("an ended thread").isTrue();
    }
}
