package dev.nightshift.cli;

import dev.nightshift.batch.BatchLauncher;
import dev.nightshift.batch.BatchRequest;
import dev.nightshift.batch.BatchResult;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SandboxMode;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.demo.DemoHome;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code nightshift demo}: a sample home in demo/ and one batch on it, offline. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Make a sample home in demo/ (a sample repository, two specs, an offline demo agent) "
                + "and run one batch on it.",
        footer = {"", "Exit codes: 0 the batch ran and nothing failed; 1 something failed; 2 demo/ exists and was not"
                + " made by the demo, or no home; 3 a batch holds the demo's lock."})
class DemoCommand implements Callable<Integer> {

    @ParentCommand
    NightshiftCommand parent;

    @Override
    public Integer call() {
        Path dir = parent.home().root().resolve("demo");
        // The owner's folder is never replaced: one line, no stack trace, nothing touched.
        DemoHome.refusal(dir).ifPresent(refused -> {
            throw new UsageProblem(refused);
        });
        System.out.println("making the demo home in " + dir);
        DemoHome.create(dir);
        Home demo = new Home(dir);
        NightshiftSettings settings = SettingsFiles.readGlobal(demo);
        System.out.println(settings.agent().sandbox() == SandboxMode.BWRAP
                ? "the demo agent and the tests run in the bubblewrap sandbox (agent.sandbox: bwrap)"
                : "bubblewrap is not installed: the demo agent and the tests run unconfined (agent.sandbox: none in"
                + " demo/nightshift.yml; apt-get install bubblewrap to confine them)");
        BatchResult result;
        try (ConfigurableApplicationContext context = NightshiftContext.start(demo, settings, NightshiftContext.Purpose.BATCH)) {
            result = context.getBean(BatchLauncher.class).launch(new BatchRequest("demo", false, null));
        }
        print(demo, result, System.out);
        return result.exitCode();
    }

    /** The outcome and, when a batch ran and saved one, its report. */
    static void print(Home demo, BatchResult result, PrintStream out) {
        out.println(result.message());
        // No batch id: none ran (another held the lock), so there is no report to show.
        if (result.batchId() == null) {
            return;
        }
        Path text = demo.batchReports(result.batchId()).resolve("report.txt");
        if (!Files.exists(text)) {
            return;
        }
        out.println();
        out.println("The report (also as HTML: demo/reports/" + result.batchId() + "/report.html; the email "
                + "waits in demo/reports/outbox/ because the demo configures no SMTP server):");
        out.println();
        try {
            out.println(Files.readString(text));
        } catch (java.io.IOException e) {
            out.println("(could not read " + text + ")");
        }
    }
}
