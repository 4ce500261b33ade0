package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `nightshift daemon` as a real process, living through changes to nightshift.yml: paused ticks
 * say so once and leave no report folder; a changed agent command is picked up between batches; an
 * invalid file is reported once and the running settings are kept; SIGTERM then ends it without an
 * error or a stack trace.
 */
class DaemonReloadIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void theDaemonPicksUpAChangedNightshiftYmlBetweenBatchesAndKeepsItsSettingsWhileTheFileIsInvalid() throws Exception {
        TestHome home = TestHome.create(dir);
        Path runs = dir.resolve("runs.log");
        // Each agent only says it ran: every batch runs the whole job, and no spec is ever done.
        Path first = home.agent("agent-a.sh", "cat > /dev/null\necho a >> " + runs + "\n");
        Path second = home.agent("agent-b.sh", "cat > /dev/null\necho b >> " + runs + "\n");
        // Every 10 s, with a batch limit below the gap: a daemon refuses a schedule whose batch outlasts a gap.
        String common = "schedule: \"*/10 * * * * ?\"\ntimeouts: {batch: 9s, report: 2s}\nbuild: {max-attempts: 1000}\n";
        // Unconfined: the agents say they ran in the test's folder, where a sandbox would hide it.
        home.settings(common + "agent: {kind: generic, command: \"" + first + "\", sandbox: none}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        TestHome.write(home.home().pauseFile(), "paused for the test\n");
        Path log = dir.resolve("daemon.log");

        Process daemon = ChildNightshift.start(home, log, "daemon");
        try {
            // paused: each tick says so once, and makes no report folder
            awaitThat(daemon, log, () -> count(read(log), "paused: ") >= 2);
            List<String> paused = matches(read(log), "batch (\\d{8}-\\d{6}) paused: ");
            assertThat(paused).as("one line per paused batch").doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(2);
            assertThat(home.root().resolve("reports")).as("no report folder for a paused batch").doesNotExist();

            Files.delete(home.home().pauseFile());
            awaitThat(daemon, log, () -> read(runs).contains("a"));

            pauseBetweenBatches(home, daemon, log);
            home.settings(common + "agent: {kind: generic, command: \"" + second + "\", sandbox: none}\n");
            awaitThat(daemon, log, () -> read(log).contains("restarted with the changed nightshift.yml"));
            Files.delete(home.home().pauseFile());
            awaitThat(daemon, log, () -> read(runs).contains("b"));
            assertThat(read(runs)).as("the new agent only once the old one's batches ended").matches("(a\n)+(b\n)+");
            assertThat(read(log)).contains("nightshift.yml changed: the daemon restarts with it as soon as no batch runs",
                    "restarted with the changed nightshift.yml: schedule \"*/10 * * * * ?\", agent generic");

            pauseBetweenBatches(home, daemon, log);
            home.settings(common + "agent: {kind: generic, comand: \"" + first + "\"}\n");
            String invalid = "ERROR nightshift.yml changed but cannot be used; the daemon keeps the settings it runs with"
                    + " until it is fixed: " + home.home().settingsFile() + ":4: agent.comand: unknown key (known here:"
                    + " command, env, kind, prices, sandbox, sandbox-network)";
            awaitThat(daemon, log, () -> read(log).contains(invalid));
            Files.delete(home.home().pauseFile());
            long before = count(read(runs), "b");
            awaitThat(daemon, log, () -> count(read(runs), "b") >= before + 2);
            assertThat(read(runs)).as("the running settings are kept").matches("(a\n)+(b\n)+");
            assertThat(count(read(log), invalid)).as("said once, not at every look").isEqualTo(1);

            long sent = System.nanoTime();
            daemon.destroy();  // SIGTERM
            assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - sent);
            System.out.println("the daemon stopped " + took.toMillis() + " ms after SIGTERM (exit " + daemon.exitValue() + ")");
            assertThat(took).as("stopped within 10 s of SIGTERM").isLessThan(Duration.ofSeconds(10));
        } finally {
            daemon.destroyForcibly();
        }
        assertThat(read(log)).as("no error but the invalid file's, no stack trace").doesNotContain("Exception", "\tat ",
                "rollback", "already closed", "has been closed");
        assertThat(count(read(log), "ERROR")).isEqualTo(1);
    }

    /**
     * The owner's edits are made while no batch runs: a settings file that changes while an agent
     * runs holds that agent's work (the agent could have written it), which is not this test's
     * subject.
     */
    private static void pauseBetweenBatches(TestHome home, Process daemon, Path log) throws InterruptedException {
        long paused = count(read(log), "paused: ");
        TestHome.write(home.home().pauseFile(), "paused for the owner's edit\n");
        awaitThat(daemon, log, () -> count(read(log), "paused: ") > paused);
    }

    private static void awaitThat(Process daemon, Path log, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(daemon.isAlive()).as(() -> "the daemon runs; its log:\n" + read(log)).isTrue();
            assertThat(System.nanoTime()).as(() -> "in time; the daemon's log:\n" + read(log)).isLessThan(until);
            Thread.sleep(200);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static long count(String text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }

    private static List<String> matches(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.results().map(r -> r.group(1)).toList();
    }
}
