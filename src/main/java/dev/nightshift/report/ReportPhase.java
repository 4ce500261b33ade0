package dev.nightshift.report;

import dev.nightshift.config.Home;
import dev.nightshift.config.MailSettings;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.io.AtomicFiles;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.phase.Phase;
import dev.nightshift.phase.PhaseWork;
import dev.nightshift.phase.PhaseReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Phase 5: render the batch's report from the database, save it under {@code reports/<batch>/},
 * and mail it (through the outbox). Under {@code when-idle: skip} a batch in which nothing
 * happened sends nothing.
 */
@Component
public class ReportPhase implements PhaseWork {

    private static final Logger log = LoggerFactory.getLogger(ReportPhase.class);

    private final Home home;
    private final MailSettings mail;
    private final ReportData data;
    private final ReportRenderer renderer;
    private final Mailer mailer;
    private final Webhook webhook;

    public ReportPhase(Home home, NightshiftSettings settings, ReportData data, ReportRenderer renderer, Mailer mailer,
                       Webhook webhook) {
        this.home = home;
        this.mail = settings.mail();
        this.data = data;
        this.renderer = renderer;
        this.mailer = mailer;
        this.webhook = webhook;
    }

    @Override
    public Phase phase() {
        return Phase.REPORT;
    }

    @Override
    public PhaseReport run(BatchRun run) throws IOException {
        ReportModel model = data.load(run.batchId());
        String html = renderer.html(model);
        String text = renderer.text(model);
        Path dir = save(run.batchId(), html, text, true);
        String saved = "saved to " + home.root().relativize(dir) + "/";
        if (run.dryRun()) {
            log.info("DRY-RUN: would mail \"{}\"", model.subject());
            if (webhook.enabled()) {
                log.info("DRY-RUN: would post \"{}\" to notify.webhook", model.subject());
            }
            return PhaseReport.done(saved + "; dry run: not mailed" + (webhook.enabled() ? " or posted" : ""));
        }
        if (nothingHappened(model) && mail.whenIdle() == MailSettings.WhenIdle.SKIP) {
            Mailer.Delivery earlier = mailer.flush();
            Mailer.Delivery posted = webhook.flush();
            return PhaseReport.done(saved + "; nothing happened, no mail (when-idle: skip)"
                    + (earlier.sent() + earlier.waiting() > 0 ? "; earlier reports: " + earlier.describe() : "")
                    + (posted.sent() + posted.waiting() > 0 ? "; earlier webhook messages: " + posted.describe() : ""));
        }
        mailer.queue(run.batchId(), model.subject(), html, text);
        String done = saved + "; mail: " + mailer.flush().describe();
        if (webhook.enabled()) {
            webhook.queue(run.batchId(), model.subject(), model.needsYou());
        }
        Mailer.Delivery posted = webhook.flush();
        return PhaseReport.done(done + (posted.sent() + posted.waiting() > 0 ? "; webhook: " + posted.describe() : ""));
    }

    /** Renders a past batch's report again (the {@code report} command); reports/latest stays where it is. */
    public Path render(String batchId) throws IOException {
        ReportModel model = data.load(batchId);
        return save(batchId, renderer.html(model), renderer.text(model), false);
    }

    /**
     * Mails a past batch's report now (the {@code report --send} command): the copy that still
     * waits in the outbox when there is one, else a new copy. A report already sent is sent again
     * only when asked again, never queued twice.
     */
    public Mailer.Delivery send(String batchId) throws IOException {
        ReportModel model = data.load(batchId);
        String html = renderer.html(model);
        String text = renderer.text(model);
        save(batchId, html, text, false);
        if (!mailer.waiting(batchId)) {
            mailer.queue(batchId, model.subject(), html, text);
        }
        return mailer.flush();
    }

    /** Whether this batch's report waits in the outbox (not sent yet). */
    public boolean mailWaiting(String batchId) {
        return mailer.waiting(batchId);
    }

    private Path save(String batchId, String html, String text, boolean newest) throws IOException {
        Path dir = home.batchReports(batchId);
        AtomicFiles.write(dir.resolve("report.html"), html);
        AtomicFiles.write(dir.resolve("report.txt"), text);
        if (newest) {
            pointLatestAt(batchId);
        }
        return dir;
    }

    private void pointLatestAt(String batchId) {
        Path latest = home.reports().resolve("latest");
        Path temp = home.reports().resolve(".latest-" + batchId);
        try {
            Files.deleteIfExists(temp);
            Files.createSymbolicLink(temp, Path.of(batchId));
            Files.move(temp, latest, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // best effort: some file systems have no symbolic links
            log.debug("could not point reports/latest at {}: {}", batchId, e.getMessage());
        }
    }

    /** Standing conditions (a red base, spend near the budget) do not make a batch eventful by themselves. */
    static boolean nothingHappened(ReportModel model) {
        return !model.eventful();
    }
}
