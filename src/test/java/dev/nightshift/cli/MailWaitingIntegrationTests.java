package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nightshift.store.Database;
import dev.nightshift.testing.Captured;
import dev.nightshift.testing.SeededHistory;
import dev.nightshift.testing.TestHome;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Mail that cannot be sent is not silent: status says what waits, since when and why; report --send names the batches. */
class MailWaitingIntegrationTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final String EARLIER = "20260111-140000";

    @TempDir
    Path dir;

    @Test
    void statusShowsTheWaitingReportsAndTheLastErrorAndReportSendNamesWhatWentAndWhatWaits() throws Exception {
        TestHome home = TestHome.create(dir);
        try (Database.Held db = Database.hold(home.home())) {
            SeededHistory.seed(db.jdbc());
        }
        String quiet = Captured.run(home, "status").out();
        assertThat(quiet).as("nothing waits: nothing said").doesNotContain("MAIL:");
        assertThat(quiet).as("no daemon, no crontab line for this home")
                .contains("\nschedule: no schedule is installed: no batch runs unless you run one");

        int down;
        try (ServerSocket closed = new ServerSocket(0)) {
            down = closed.getLocalPort();
        }
        home.settings("mail: {to: [owner@example.com], smtp: {host: localhost, port: %d}}\n".formatted(down));
        assertThat(Captured.run(home, "report", EARLIER, "--send").exit()).isEqualTo(1);
        Captured failed = Captured.run(home, "report", "--send");

        assertThat(failed.exit()).isEqualTo(1);
        assertThat(flat(failed.out())).contains("not sent: the report of batch " + SeededHistory.BATCH + " waits in reports/outbox/",
                "still waiting in reports/outbox/: batch " + EARLIER + " (last error: SMTP localhost:" + down + ": ");
        String status = Captured.run(home, "status").out();
        assertThat(flat(status)).containsPattern("MAIL: 2 reports wait in reports/outbox/ since \\d{2}-\\d{2} \\d{2}:\\d{2} \\(batch "
                + EARLIER + ", " + SeededHistory.BATCH + "\\) last error: SMTP localhost:" + down + ": ");
        assertThat(flat(status)).contains("what to do: fix what the error names; the next batch sends them, or `nightshift report --send` now");

        home.settings("mail: {to: [owner@example.com]}\n");
        assertThat(flat(Captured.run(home, "status").out())).as("without smtp, that is the reason")
                .contains(" not sent: no mail.smtp in nightshift.yml", "what to do: set mail.to and mail.smtp in nightshift.yml");

        home.settings("mail: {to: [owner@example.com], smtp: {host: localhost, port: %d}}\n".formatted(smtp.getSmtp().getPort()));
        Captured sent = Captured.run(home, "report", "--send");

        assertThat(sent.exit()).isZero();
        assertThat(sent.lines()).contains("sent: the report of batch " + SeededHistory.BATCH, "nothing else waits in reports/outbox/");
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(Captured.run(home, "status").out()).doesNotContain("MAIL:");
    }

    /** The text with its line wraps undone. */
    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
