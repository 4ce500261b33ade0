package dev.nightshift.report;

import dev.nightshift.config.Home;
import dev.nightshift.config.MailSettings;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SmtpSettings;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.io.AtomicFiles;
import dev.nightshift.io.RootCause;
import dev.nightshift.store.MailRepository;
import dev.nightshift.store.Records.MailDelivery;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends reports by SMTP through an outbox: each report is first written to
 * {@code reports/outbox/<batch>.eml}, then sent, oldest first, and moved out of the outbox once
 * delivered. A report that cannot go out waits there for the next batch; none goes out twice.
 */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private static final int TIMEOUT_MILLIS = 15_000;

    /** What a flush of the outbox did. */
    public record Delivery(int sent, int waiting, String problem) {
        public String describe() {
            if (problem != null) {
                return sent + " sent, " + waiting + " waiting in reports/outbox/ (" + problem + ")";
            }
            return sent + " sent" + (waiting > 0 ? ", " + waiting + " waiting in reports/outbox/" : "");
        }
    }

    private final Home home;
    private final MailSettings settings;
    private final MailRepository mails;
    private final ProcessEnvironment environment;
    private final Clock clock;

    public Mailer(Home home, NightshiftSettings settings, MailRepository mails, ProcessEnvironment environment,
                  Clock clock) {
        this.home = home;
        this.settings = settings.mail();
        this.mails = mails;
        this.environment = environment;
        this.clock = clock;
    }

    /** Writes the report as one multipart message (text and HTML alternatives) into the outbox. */
    public Path queue(String batchId, String subject, String html, String text) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(settings.from());
            if (!settings.to().isEmpty()) {
                helper.setTo(settings.to().toArray(String[]::new));
            }
            helper.setSubject(subject);
            helper.setSentDate(Date.from(clock.instant()));
            helper.setText(text, html);
            // Names the batch for mail filters, and tells two reports of the same minute apart.
            message.setHeader("X-Nightshift-Batch", batchId);
            message.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            Path eml = home.outbox().resolve(batchId + ".eml");
            for (int copy = 2; Files.exists(eml); copy++) {
                eml = home.outbox().resolve(batchId + "-" + copy + ".eml");
            }
            AtomicFiles.write(eml, bytes.toByteArray());
            mails.queue(batchId, home.root().relativize(eml).toString(), subject, clock.instant());
            return eml;
        } catch (MessagingException e) {
            throw new IllegalStateException("could not build the report email: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report email to the outbox", e);
        }
    }

    /** Whether a report of this batch waits in the outbox now: sending it again needs no new copy. */
    public boolean waiting(String batchId) {
        return mails.queued().stream().anyMatch(d -> d.batchId().equals(batchId) && Files.exists(home.root().resolve(d.file())));
    }

    /** Sends every queued report, oldest first; stops at the first failure (the server is likely down). */
    public Delivery flush() {
        var queued = mails.queued();
        if (queued.isEmpty()) {
            return new Delivery(0, 0, null);
        }
        SmtpSettings smtp = settings.smtp();
        if (smtp == null) {
            return new Delivery(0, queued.size(), "no mail.smtp in nightshift.yml");
        }
        if (settings.to().isEmpty()) {
            return new Delivery(0, queued.size(), "mail.to names no recipient");
        }
        JavaMailSenderImpl sender = SmtpSender.of(smtp, environment, Duration.ofMillis(TIMEOUT_MILLIS));
        int sent = 0;
        for (MailDelivery delivery : queued) {
            Path eml = home.root().resolve(delivery.file());
            Path delivered = home.batchReports(delivery.batchId()).resolve("report.eml");
            if (!Files.exists(eml)) {
                // Moved out of the outbox only after a send: the process died before recording it.
                if (Files.exists(delivered)) {
                    mails.sent(delivery.id(), home.root().relativize(delivered).toString(), clock.instant());
                } else {
                    mails.lost(delivery.id(), "the file " + delivery.file() + " is gone from the outbox; nothing to send");
                }
                continue;
            }
            try (InputStream in = Files.newInputStream(eml)) {
                MimeMessage message = new MimeMessage(sender.getSession(), in);
                // Addressed as the settings say now: an owner who changed mail.to meanwhile gets it there.
                message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", settings.to())));
                message.setFrom(new InternetAddress(settings.from()));
                sender.send(message);
            } catch (MailException | MessagingException | IOException e) {
                String problem = "SMTP " + smtp.host() + ":" + smtp.port() + ": " + RootCause.message(e);
                mails.failed(delivery.id(), problem);
                log.warn("the report of batch {} could not be sent; it waits in the outbox: {}", delivery.batchId(), problem);
                return new Delivery(sent, queued.size() - sent, problem);
            }
            try {
                Files.createDirectories(delivered.getParent());
                Files.move(eml, delivered, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                log.warn("sent {}, but could not move it out of the outbox: {}", eml, e.getMessage());
            }
            mails.sent(delivery.id(), home.root().relativize(delivered).toString(), clock.instant());
            log.info("sent the report of batch {} to {}", delivery.batchId(), String.join(", ", settings.to()));
            sent++;
        }
        return new Delivery(sent, 0, null);
    }

}
