package dev.nightshift.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nightshift.testing.TestHome;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Report mail through the outbox: late but never lost, and never twice; idle batches per when-idle. */
class OutboxIntegrationTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    /** Adds a test and a line per task, as an agent would. */
    private static final String WORKING_AGENT = """
            cat > /dev/null
            n=$(ls tests/test_feature_*.sh 2>/dev/null | wc -l)
            printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature_$((n+1)).sh
            echo "$NIGHTSHIFT_TASK" >> FEATURES.md
            """;

    @TempDir
    Path dir;

    @Test
    void aReportThatCouldNotBeSentWaitsInTheOutboxAndGoesOutOnceWithTheNextBatch() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        TestHome home = home("mail: {to: [owner@example.com], smtp: {host: 127.0.0.1, port: %d}}".formatted(port));
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] One\n- [ ] Two\n");

        // SMTP is down for the first batch
        assertThat(home.run("run")).isZero();
        String first = batchIds(home).get(0);
        assertThat(outbox(home)).containsExactly(first + ".eml");
        var db = home.db();
        assertThat(db.sql("SELECT status || ' ' || attempts FROM mail_deliveries").query(String.class).single())
                .isEqualTo("QUEUED 1");
        assertThat(db.sql("SELECT last_error FROM mail_deliveries").query(String.class).single())
                .startsWith("SMTP 127.0.0.1:" + port + ": ");

        // meanwhile the owner names another address: the waiting report goes where mail goes now
        String agentLine = Files.readString(home.home().settingsFile()).lines().findFirst().orElseThrow();
        home.settings(agentLine + "\nmail: {to: [night@example.org], smtp: {host: 127.0.0.1, port: %d}}\n".formatted(port));
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        try {
            assertThat(home.run("run")).isZero();
            String second = batchIds(home).get(1);

            assertThat(Stream.of(server.getReceivedMessages()).map(OutboxIntegrationTests::batchOf))
                    .as("the waiting report first, then the new one, each once").containsExactly(first, second);
            for (MimeMessage message : server.getReceivedMessages()) {
                assertThat(message.getHeader("To", ",")).isEqualTo("night@example.org");
            }
            assertThat(outbox(home)).isEmpty();
            assertThat(db.sql("SELECT status FROM mail_deliveries ORDER BY id").query(String.class).list())
                    .containsExactly("SENT", "SENT");
            assertThat(home.exists("reports/" + first + "/report.eml")).isTrue();

            // nothing left to do (waiting for the merge): nothing new is sent, nothing is sent again
            assertThat(home.run("run")).isZero();
            assertThat(server.getReceivedMessages()).hasSize(2);
        } finally {
            server.stop();
        }
    }

    @Test
    void whenIdleSkipSendsNothingForABatchInWhichNothingHappenedAndSendDoes() throws Exception {
        TestHome home = home("build: {max-open-prs: 1}\nmail: {to: [owner@example.com], smtp: {host: localhost, port: %d}}"
                .formatted(smtp.getSmtp().getPort()));
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        assertThat(home.run("run")).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(1);

        assertThat(home.run("run")).isZero();

        assertThat(smtp.getReceivedMessages()).as("when-idle: skip").hasSize(1);
        String idle = batchIds(home).get(1);
        assertThat(Files.readString(home.root().resolve("reports/" + idle + "/report.txt")))
                .contains("[nightshift] nothing built · ", "shop: no spec is ready: 0001-feature: all tasks done, waiting for the owner to merge")
                .as("a standing condition is in the saved report, but is no event to mail about")
                .contains("NEEDS YOU", "shop: 1 open PRs, at max-open-prs (1)");
        assertThat(home.db().sql("SELECT COUNT(*) FROM mail_deliveries").query(Integer.class).single()).isEqualTo(1);

        home.settings(Files.readString(home.root().resolve("nightshift.yml")).replace("}}", "}, when-idle: send}"));
        assertThat(home.run("run")).isZero();

        assertThat(smtp.getReceivedMessages()).as("when-idle: send").hasSize(2);
        assertThat(smtp.getReceivedMessages()[1].getSubject()).startsWith("[nightshift] nothing built · ");
    }

    private TestHome home(String mail) {
        TestHome home = TestHome.create(dir);
        home.settings("agent: {kind: generic, command: \"%s\"}\n%s\n".formatted(home.agent("agent.sh", WORKING_AGENT), mail));
        home.project("shop", "");
        return home;
    }

    private static List<String> batchIds(TestHome home) {
        return home.db().sql("SELECT id FROM batches ORDER BY id").query(String.class).list();
    }

    private static List<String> outbox(TestHome home) throws Exception {
        try (var files = Files.list(home.root().resolve("reports/outbox"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String batchOf(MimeMessage message) {
        try {
            return message.getHeader("X-Nightshift-Batch", null);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
