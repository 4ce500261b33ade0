package dev.nightshift.cli;

import dev.nightshift.config.MailSettings;
import dev.nightshift.store.MailRepository;
import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Do reports wait in the outbox, since when, and why? Mail that cannot be sent must not be
 * silent: {@code status} says it, and what to do, for as long as a report waits.
 */
final class OutboxStatus {

    /** How many waiting batches {@code status} names; the count says the rest. */
    static final int NAMED = 3;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private OutboxStatus() {
    }

    /** The lines for {@code status}; none when nothing waits. */
    static List<String> lines(JdbcClient jdbc, MailSettings mail, ZoneId zone) {
        MailRepository.Waiting waiting = new MailRepository(jdbc).waiting(NAMED);
        if (waiting.count() == 0) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        String what = waiting.count() == 1 ? "1 report waits" : waiting.count() + " reports wait";
        lines.addAll(TerminalText.wrap("MAIL: ", what + " in reports/outbox/ since "
                + WHEN.format(waiting.since().atZone(zone)) + " (batch " + String.join(", ", waiting.batches())
                + (waiting.count() > waiting.batches().size() ? ", ..." : "") + ")"));
        String why = why(mail, waiting.lastError());
        lines.addAll(TerminalText.wrap("  ", why));
        lines.addAll(TerminalText.wrap("  ", "what to do: " + (mail.smtp() == null || mail.to().isEmpty()
                ? "set mail.to and mail.smtp in nightshift.yml" : "fix what the error names")
                + "; the next batch sends them, or `nightshift report --send` now"));
        return lines;
    }

    static void print(JdbcClient jdbc, MailSettings mail, PrintStream out) {
        List<String> lines = lines(jdbc, mail, ZoneId.systemDefault());
        if (!lines.isEmpty()) {
            out.println();
            lines.forEach(out::println);
        }
    }

    private static String why(MailSettings mail, String lastError) {
        if (mail.smtp() == null) {
            return "not sent: no mail.smtp in nightshift.yml";
        }
        if (mail.to().isEmpty()) {
            return "not sent: mail.to names no recipient";
        }
        return lastError != null ? "last error: " + lastError : "not tried yet: the next batch sends them";
    }
}
