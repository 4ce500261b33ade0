package dev.nightshift.cli;

import dev.nightshift.batch.BatchLauncher;
import dev.nightshift.batch.BatchRequest;
import dev.nightshift.batch.BatchResult;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.demo.DemoHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code nightshift demo}: a sample home in demo/ and one batch on it, offline. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Make a sample home in demo/ (a sample repository, two specs, an offline demo agent) "
                + "and run one batch on it.")
class DemoCommand implements Callable<Integer> {

    @ParentCommand
    NightshiftCommand parent;

    @Override
    public Integer call() {
        Path dir = parent.home().root().resolve("demo");
        System.out.println("making the demo home in " + dir);
        DemoHome.create(dir);
        Home demo = new Home(dir);
        NightshiftSettings settings = SettingsFiles.readGlobal(demo);
        BatchResult result;
        try (ConfigurableApplicationContext context = NightshiftContext.start(demo, settings, NightshiftContext.Purpose.BATCH)) {
            result = context.getBean(BatchLauncher.class).launch(new BatchRequest("demo", false, null));
        }
        System.out.println(result.message());
        Path text = demo.batchReports(result.batchId()).resolve("report.txt");
        if (result.batchId() != null && Files.exists(text)) {
            System.out.println();
            System.out.println("The report (also as HTML: demo/reports/" + result.batchId() + "/report.html; the email "
                    + "waits in demo/reports/outbox/ because the demo configures no SMTP server):");
            System.out.println();
            try {
                System.out.println(Files.readString(text));
            } catch (java.io.IOException e) {
                System.out.println("(could not read " + text + ")");
            }
        }
        return result.exitCode();
    }
}
