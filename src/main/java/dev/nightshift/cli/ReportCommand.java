package dev.nightshift.cli;

import dev.nightshift.batch.BatchLock;
import dev.nightshift.batch.BatchResult;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.report.Mailer;
import dev.nightshift.report.ReportPhase;
import dev.nightshift.report.StandaloneReports;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.Database;
import dev.nightshift.store.MailRepository;
import dev.nightshift.store.MailStatus;
import dev.nightshift.store.Records;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift report [BATCH] [--send]}: renders a past batch's report again from the
 * database, prints its text, and with {@code --send} mails it through the outbox. Needs no Spring
 * context; sending takes the batch lock, so that a batch's own mail and this one never race.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render a past batch's report again (default: the latest batch that ran its phases, not idle, "
                + "paused or a dry run) and print it; "
                + "--send also mails it.",
        footer = {"", "Exit codes: 0 rendered (and sent); 1 the mail could not be sent (it waits in reports/outbox/);",
                "2 no such batch or bad usage; 3 a batch holds the lock (try --send again later)."})
class ReportCommand implements Callable<Integer> {

    /** How many waiting batches a send names; a count says the rest. */
    static final int WAITING_NAMED = 10;

    @ParentCommand
    NightshiftCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "BATCH", description = "The batch id (yyyyMMdd-HHmmss).")
    String batch;

    @Option(names = "--send", description = "Mail the report now: the copy that waits in reports/outbox/ if there is"
            + " one, else a new copy.")
    boolean send;

    @Override
    public Integer call() throws IOException {
        Home home = parent.home();
        NightshiftSettings settings = SettingsFiles.readGlobal(home);
        if (send && settings.mail().smtp() == null) {
            System.err.println("nightshift: cannot send: no mail.smtp in " + home.root().relativize(home.settingsFile())
                    + " (each report waits in reports/outbox/ until one is set)");
            return BatchResult.BAD_CONFIGURATION;
        }
        if (send && settings.mail().to().isEmpty()) {
            System.err.println("nightshift: cannot send: no mail.to in " + home.root().relativize(home.settingsFile()));
            return BatchResult.BAD_CONFIGURATION;
        }
        if (!Database.exists(home)) {
            System.err.println("nightshift: no batch has run yet in this home, so there is no report");
            return BatchResult.BAD_CONFIGURATION;
        }
        if (!send) {
            try (Database.Held db = Database.hold(home)) {
                return render(home, settings, db.jdbc());
            }
        }
        // Sending takes the lock before anything is rendered: a running batch sends its own mail.
        Optional<BatchLock> lock = BatchLock.tryAcquire(home, settings);
        if (lock.isEmpty()) {
            System.err.println("nightshift: a batch holds the lock (" + BatchLock.holder(home)
                    + "); it sends its own mail: try --send again when it is done");
            return BatchResult.LOCKED;
        }
        try (BatchLock held = lock.get(); Database.Held db = Database.hold(home)) {
            return render(home, settings, db.jdbc());
        }
    }

    private int render(Home home, NightshiftSettings settings, JdbcClient jdbc) throws IOException {
        Optional<String> id = chosen(new BatchRepository(jdbc, SecretMasker.none()));
        if (id.isEmpty()) {
            System.err.println("nightshift: " + (batch == null ? "no batch has run its phases yet (idle, paused and"
                    + " dry-run batches are left out; name one to see its report)"
                    : "no batch " + batch + "; `nightshift status` lists the last ones"));
            return BatchResult.BAD_CONFIGURATION;
        }
        if (batch == null) {
            System.out.println("batch " + id.get() + ": the latest that ran its phases (idle, paused and dry-run batches"
                    + " are left out; name one to see its report)");
            System.out.println();
        }
        ReportPhase reports = StandaloneReports.phase(home, jdbc, settings, Clock.systemDefaultZone());
        Path dir = reports.render(id.get());
        System.out.println(Files.readString(dir.resolve("report.txt"), StandardCharsets.UTF_8));
        System.out.println("saved to " + home.root().relativize(dir.resolve("report.html")) + " and report.txt");
        if (!send) {
            return BatchResult.OK;
        }
        boolean waiting = reports.mailWaiting(id.get());
        Mailer.Delivery delivery = reports.send(id.get());
        System.out.println("mail: " + (waiting ? "its report was waiting in reports/outbox/, so that copy went: " : "")
                + delivery.describe());
        sentAndWaiting(jdbc, id.get()).forEach(System.out::println);
        return delivery.problem() == null && delivery.waiting() == 0 ? BatchResult.OK : BatchResult.SOMETHING_FAILED;
    }

    /** Which batch's report went, and which still wait: a send that leaves others behind says so. */
    static List<String> sentAndWaiting(JdbcClient jdbc, String batchId) {
        MailRepository mails = new MailRepository(jdbc);
        boolean sent = mails.forBatch(batchId).map(d -> d.status() == MailStatus.SENT).orElse(false);
        List<String> lines = new ArrayList<>();
        lines.add(sent ? "sent: the report of batch " + batchId : "not sent: the report of batch " + batchId
                + " waits in reports/outbox/");
        MailRepository.Waiting waiting = mails.waiting(WAITING_NAMED);
        List<String> others = waiting.batches().stream().filter(b -> !b.equals(batchId)).toList();
        int more = waiting.count() - waiting.batches().size();
        if (!others.isEmpty() || more > 0) {
            lines.addAll(TerminalText.wrap("still waiting in reports/outbox/: ", (others.isEmpty() ? "" : "batch "
                    + String.join(", ", others)) + (more > 0 ? (others.isEmpty() ? "" : " and ") + more + " more" : "")
                    + (waiting.lastError() != null ? " (last error: " + waiting.lastError() + ")" : "")));
        } else if (sent) {
            lines.add("nothing else waits in reports/outbox/");
        }
        return lines;
    }

    private Optional<String> chosen(BatchRepository batches) {
        if (batch != null) {
            return batches.find(batch).map(Records.Batch::id);
        }
        // Idle, paused and dry-run batches happen every two hours and have little to say: the
        // report a user means is the last one in which work happened.
        return batches.latestWorking(1).stream().map(Records.Batch::id).findFirst();
    }
}
