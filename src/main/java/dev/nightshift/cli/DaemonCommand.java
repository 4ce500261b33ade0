package dev.nightshift.cli;

import dev.nightshift.batch.GracefulStop;
import dev.nightshift.batch.StopSignals;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.schedule.DaemonSchedule;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code nightshift daemon}: Quartz fires a batch on {@code schedule} until SIGTERM. */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "Fire a batch on the schedule of nightshift.yml until stopped (SIGTERM).")
class DaemonCommand implements Callable<Integer> {

    @ParentCommand
    NightshiftCommand parent;

    @Override
    public Integer call() throws Exception {
        Home home = parent.home();
        NightshiftSettings settings = SettingsFiles.readGlobal(home);
        CountDownLatch stopped = new CountDownLatch(1);
        ConfigurableApplicationContext context = NightshiftContext.start(home, settings, NightshiftContext.Purpose.DAEMON);
        context.addApplicationListener(event -> {
            if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                stopped.countDown();
            }
        });
        // SIGTERM: stop firing, end the running batch cleanly, then exit (GracefulStop).
        GracefulStop stop = context.getBean(GracefulStop.class);
        StopSignals.route(() -> {
            stop.stop();
            stop.shutDownSchedule();
        });
        context.getBean(DaemonSchedule.class).start();
        System.out.println("nightshift daemon: home " + home.root() + ", schedule \"" + settings.schedule().expression()
                + "\"; stop it with SIGTERM");
        stopped.await();
        return 0;
    }
}
