package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nightshift.batch.BatchLock;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecParser;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BatchStatus;
import dev.nightshift.store.Database;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.testing.SeededHistory;
import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** prs, report, spec new, and --help on every command. */
class CommandsIntegrationTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void prsListsThePullRequestsNightshiftOpenedWithTheirState() {
        TestHome home = TestHome.create(dir);
        assertThat(Captured.run(home, "prs").out()).contains("no pull request yet");
        PullRequestRepository prs = new PullRequestRepository(home.db(), SecretMasker.none());
        Instant t = Instant.parse("2026-01-13T14:00:00Z");
        prs.insert("shop", "0004-billing", "github", 12, "https://github.com/me/shop/pull/12", "nightshift/0004-billing",
                "Billing", "a", "b", t);
        long merged = prs.insert("api", "0001-auth", "local", 1, "local:api#1", "nightshift/0001-auth", "Auth", "c", "d", t);
        prs.updateState(merged, PullRequestState.MERGED, t.plusSeconds(60));
        long closed = prs.insert("api", "0002-sum", "local", 2, "local:api#2", "nightshift/0002-sum", "Sum", "e", "f", t);
        prs.updateState(closed, PullRequestState.CLOSED, t.plusSeconds(120));

        Captured all = Captured.run(home, "prs");

        assertThat(all.exit()).isZero();
        assertThat(all.lines().get(0)).matches("PROJECT +PR +STATE +SPEC +OPENED");
        assertThat(all.lines()).filteredOn(l -> !l.startsWith(" ") && !l.startsWith("PROJECT")).satisfiesExactly(
                l -> assertThat(l).matches("shop +#12 +open +0004-billing +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}"),
                l -> assertThat(l).matches("api +#2 +closed +0002-sum .*"),
                l -> assertThat(l).matches("api +#1 +merged +0001-auth .*"));
        assertThat(all.out()).contains("    https://github.com/me/shop/pull/12", "    local, branch nightshift/0001-auth");
        assertThat(Captured.run(home, "prs", "--project", "shop").out()).contains("0004-billing").doesNotContain("0001-auth");
    }

    @Test
    void prsFitsEightyColumnsWithoutCuttingASentenceAndAllKeepsFullLines() {
        TestHome home = TestHome.create(dir);
        PullRequestRepository prs = new PullRequestRepository(home.db(), SecretMasker.none());
        String spec = "0012-customer-invoices-with-stripe-webhooks";
        prs.insert("billing-service", spec, "local", 7, "local:billing-service#7", "nightshift/" + spec, "Invoices", "a", "b",
                Instant.parse("2026-01-13T14:00:00Z"));

        Captured fitted = Captured.run(home, "prs");

        assertThat(fitted.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        assertThat(String.join(" ", fitted.lines()).replaceAll("\\s+", " "))
                .contains("local, branch nightshift/" + spec + " (merged once it is in base on the remote)");
        assertThat(fitted.lines()).filteredOn(l -> l.startsWith("    ")).hasSizeGreaterThan(1)
                .allSatisfy(l -> assertThat(l).doesNotContain("…"));

        Captured full = Captured.run(home, "prs", "--all");

        assertThat(full.lines()).contains("    local, branch nightshift/" + spec + " (merged once it is in base on the remote)");
        assertThat(full.lines()).anySatisfy(l -> assertThat(l).matches("billing-service +#7 +open +" + spec + " +2026-01-13 \\d{2}:\\d{2}"));
    }

    @Test
    void reportRendersAPastBatchAgainAndSendsItOnce() throws Exception {
        TestHome home = TestHome.create(dir);
        home.settings("mail: {to: [owner@example.com], smtp: {host: localhost, port: %d}}\n".formatted(smtp.getSmtp().getPort()));
        try (Database.Held db = Database.hold(home.home())) {
            SeededHistory.seed(db.jdbc());
            // later batches with nothing to report: idle, paused, a dry run, and one still running
            BatchRepository batches = new BatchRepository(db.jdbc(), SecretMasker.none());
            String[] later = {"20260113-160000", "20260113-180000", "20260113-200000", "20260113-220000"};
            BatchStatus[] how = {BatchStatus.IDLE, BatchStatus.PAUSED, BatchStatus.SUCCEEDED, BatchStatus.RUNNING};
            for (int i = 0; i < later.length; i++) {
                Instant at = SeededHistory.START.plusSeconds(7200L * (i + 1));
                batches.start(later[i], at, "schedule", i == 2, null, 1);
                if (how[i] != BatchStatus.RUNNING) {
                    batches.finish(later[i], how[i], at.plusSeconds(1));
                }
            }
        }

        Captured latest = Captured.run(home, "report");

        assertThat(latest.exit()).isZero();
        assertThat(latest.lines().get(0)).isEqualTo("batch 20260113-140000: the latest that ran its phases (idle, paused"
                + " and dry-run batches are left out; name one to see its report)");
        assertThat(latest.lines().get(2)).startsWith("[nightshift] 1/3 succeeded, 2 failed, 1 closed without merge · 2026-01-13 ");
        assertThat(latest.out())
                .contains("NEEDS YOU", "PR #12 (opened)", "saved to reports/20260113-140000/report.html and report.txt");
        assertThat(home.read("reports/20260113-140000/report.html")).contains("Needs you", ">History<").doesNotContain("<svg");
        assertThat(smtp.getReceivedMessages()).as("no mail without --send").isEmpty();

        Captured earlier = Captured.run(home, "report", "20260111-140000");
        assertThat(earlier.out()).startsWith("[nightshift] 0/1 succeeded, 1 failed · 2026-01-11 ");
        assertThat(home.root().resolve("reports/latest")).as("an old batch does not become the latest").doesNotExist();

        Captured sent = Captured.run(home, "report", "20260113-140000", "--send");
        assertThat(sent.exit()).isZero();
        assertThat(sent.out()).contains("mail: 1 sent");
        assertThat(smtp.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(m.getHeader("X-Nightshift-Batch", null)).isEqualTo("20260113-140000"));

        Captured unknown = Captured.run(home, "report", "20990101-000000");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no batch 20990101-000000");

        try (BatchLock held = BatchLock.tryAcquire(home.home().lockFile()).orElseThrow()) {
            Captured locked = Captured.run(home, "report", "--send");
            assertThat(locked.exit()).isEqualTo(3);
            assertThat(locked.err()).contains("a batch holds the lock");
            assertThat(locked.out()).as("refused before anything is rendered").isEmpty();
        }
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void reportSendSendsTheCopyWaitingInTheOutboxInsteadOfQueuingAnother() throws Exception {
        TestHome home = TestHome.create(dir);
        home.settings("mail: {to: [owner@example.com]}\n");
        try (Database.Held db = Database.hold(home.home())) {
            SeededHistory.seed(db.jdbc());
        }

        // no SMTP: nothing to send with, said before anything is rendered or queued
        Captured noSmtp = Captured.run(home, "report", "--send");
        assertThat(noSmtp.exit()).isEqualTo(2);
        assertThat(noSmtp.err()).isEqualTo("nightshift: cannot send: no mail.smtp in nightshift.yml (each report waits"
                + " in reports/outbox/ until one is set)" + System.lineSeparator());
        assertThat(noSmtp.out()).isEmpty();
        assertThat(outbox(home)).isEmpty();

        // an SMTP server that is down: the report waits, and asking again adds no second copy
        int down;
        try (ServerSocket closed = new ServerSocket(0)) {
            down = closed.getLocalPort();
        }
        home.settings("mail: {to: [owner@example.com], smtp: {host: localhost, port: %d}}\n".formatted(down));
        assertThat(Captured.run(home, "report", "--send").exit()).isEqualTo(1);
        Captured again = Captured.run(home, "report", "--send");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.out()).contains("mail: its report was waiting in reports/outbox/, so that copy went: 0 sent,"
                + " 1 waiting in reports/outbox/");
        assertThat(outbox(home)).containsExactly(SeededHistory.BATCH + ".eml");

        home.settings("mail: {to: [owner@example.com], smtp: {host: localhost, port: %d}}\n".formatted(smtp.getSmtp().getPort()));
        Captured sent = Captured.run(home, "report", "--send");

        assertThat(sent.exit()).isZero();
        assertThat(sent.out()).contains("mail: its report was waiting in reports/outbox/, so that copy went: 1 sent");
        assertThat(smtp.getReceivedMessages()).as("the waiting copy, once").hasSize(1);
        assertThat(outbox(home)).isEmpty();
        assertThat(home.db().sql("SELECT status FROM mail_deliveries").query(String.class).list()).containsExactly("SENT");

        // sent already: asked again, a new copy goes out
        Captured resent = Captured.run(home, "report", "--send");
        assertThat(resent.out()).contains("mail: 1 sent").doesNotContain("was waiting");
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    private static List<String> outbox(TestHome home) throws Exception {
        Path outbox = home.root().resolve("reports/outbox");
        if (!Files.exists(outbox)) {
            return List.of();
        }
        try (var files = Files.list(outbox)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void specNewWritesTheNextNumberedSpecFromTheTemplate() throws Exception {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "next", "0001-first", "# First\n");
        home.spec("shop", "done", "0007-shipped", "# Shipped\n");

        Captured created = Captured.run(home, "spec", "new", "shop", "Stripe billing: webhooks & refunds (v2)!");

        assertThat(created.exit()).isZero();
        Path file = home.root().resolve("wip-specs/shop/next/0008-stripe-billing-webhooks-refunds-v2.md");
        assertThat(created.lines()).containsExactly("wrote wip-specs/shop/next/0008-stripe-billing-webhooks-refunds-v2.md",
                "edit it: until its text and task replace the template's, batches skip it as a problem");
        Spec spec = SpecParser.read("shop", SpecFolder.NEXT, file);
        assertThat(spec.title()).isEqualTo("Stripe billing: webhooks & refunds (v2)!");
        assertThat(spec.meta().effectivePriority()).isEqualTo(5);
        assertThat(spec.tasks()).hasSize(1);
        assertThat(Files.readString(file)).contains("## Acceptance");
        assertThat(Captured.run(home, "status").out()).as("the unedited template is named as a problem, not queued")
                .contains("0008-stripe-billing-webhooks-refunds-v2.md:8:", "still holds the spec template's text");

        assertThat(Captured.run(home, "spec", "new", "shop", "Ünïcode café").out())
                .contains("wip-specs/shop/next/0009-unicode-cafe.md");
        Captured noProject = Captured.run(home, "spec", "new", "nowhere", "Title");
        assertThat(noProject.exit()).isEqualTo(2);
        assertThat(noProject.err()).contains("there is no project \"nowhere\"", "create wip-specs/nowhere/project.yml first");
        Captured badName = Captured.run(home, "spec", "new", "Calc App", "Title");
        assertThat(badName.exit()).isEqualTo(2);
        assertThat(badName.err()).isEqualTo("nightshift: \"Calc App\" is not a project name nightshift accepts"
                + " ([a-z0-9][a-z0-9._-]*, e.g. calc-app)" + System.lineSeparator());
        assertThat(Captured.run(home, "spec", "new", "shop", "  ").exit()).isEqualTo(2);
        assertThat(Captured.run(home, "spec", "new", "shop").exit()).as("a missing title is bad usage").isEqualTo(2);
    }

    @Test
    void doctorReachesTheSmtpServerOrSaysWhatToDo() throws Exception {
        TestHome home = TestHome.create(dir);
        String agent = home.agent("agent.sh", "true").toString();
        home.project("shop", "");
        home.settings("agent: {kind: generic, command: \"%s\"}\nmail: {to: [me@example.com], smtp: {host: localhost, port: %d}}\n"
                .formatted(agent, smtp.getSmtp().getPort()));

        Captured up = Captured.run(home, "doctor");

        assertThat(up.exit()).as(up.out()).isZero();
        assertThat(up.lines()).contains("OK    mail: SMTP localhost:" + smtp.getSmtp().getPort() + " answers");

        int closed;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        home.settings("agent: {kind: generic, command: \"%s\"}\nmail: {to: [me@example.com], smtp: {host: 127.0.0.1, port: %d}}\n"
                .formatted(agent, closed));
        Captured down = Captured.run(home, "doctor");

        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.lines()).anySatisfy(l -> assertThat(l).startsWith("FAIL  mail: SMTP 127.0.0.1:" + closed
                + " cannot be reached: ").endsWith("-> check mail.smtp in nightshift.yml; until then reports wait in reports/outbox/"));
    }

    @Test
    void everyCommandHasHelp() {
        TestHome home = TestHome.create(dir);
        for (List<String> command : List.of(List.<String>of(), List.of("run"), List.of("daemon"), List.of("status"),
                List.of("doctor"), List.of("prs"), List.of("report"), List.of("spec"), List.of("spec", "new"),
                List.of("pause"), List.of("resume"), List.of("demo"))) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            Captured help = Captured.run(home, args);
            String name = String.join(" ", command);
            assertThat(help.exit()).as(name).isZero();
            assertThat(help.out()).as(name).startsWith(("Usage: nightshift " + name).strip());
            assertThat(help.out().replaceAll("\\s+", " ")).as(name).contains("--home DIR The nightshift home (default:"
                    + " $NIGHTSHIFT_HOME, else the current directory). Through scripts/nightshift the default is its"
                    + " checkout: the launcher sets NIGHTSHIFT_HOME to it unless you did.");
        }
        assertThat(Captured.run(home, "run", "--project", "nowhere").err()).as("--project P is read as well")
                .contains("there is no project nowhere");
    }
}
