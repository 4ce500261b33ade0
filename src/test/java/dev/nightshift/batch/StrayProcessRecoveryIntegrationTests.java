package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch killed with -9 while its unconfined agent ({@code agent.sandbox: none}) had left a
 * process behind that dropped the marker and left its group: the next batch still finds it, by its
 * working folder inside the home's worktrees, and kills it.
 */
class StrayProcessRecoveryIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    @Test
    void aProcessWithoutTheMarkerWorkingInAWorktreeDiesWithTheRecovery() throws Exception {
        TestHome home = TestHome.create(dir);
        Path held = dir.resolve("held");
        Path strayPid = dir.resolve("stray.pid");
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                ( env -u NIGHTSHIFT_RUN setsid bash -c 'sleep 600 & echo $! > %2$s; disown' & )
                while [ ! -s %2$s ]; do sleep 0.1; done
                touch %1$s
                sleep 600
                """.formatted(held, strayPid));
        home.settings("agent: {kind: generic, command: \"" + agent + "\", sandbox: none}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        Process child = ChildNightshift.start(home, dir.resolve("child.log"), "run");
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (!Files.exists(held)) {
            assertThat(child.isAlive()).as("the batch is still running (see child.log)").isTrue();
            assertThat(System.nanoTime()).as("the agent started in time").isLessThan(until);
            Thread.sleep(100);
        }
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long stray = Long.parseLong(Files.readString(strayPid).strip());
        assertThat(CrashRecoveryIntegrationTests.running(stray)).as("the stray outlived its batch").isTrue();
        assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(stray), "cwd")).toString())
                .startsWith(home.root().resolve(".nightshift/worktrees").toString());
        assertThat(new String(Files.readAllBytes(Path.of("/proc", Long.toString(stray), "environ"))))
                .as("it dropped the marker").doesNotContain("NIGHTSHIFT_RUN=");

        home.settings("agent: {kind: generic, command: \"true\", sandbox: none}\n");
        home.run("run");

        assertThat(CrashRecoveryIntegrationTests.running(stray)).as("the stray was killed by the recovery").isFalse();
        assertThat(Files.readString(home.latestReport().resolve("report.txt"))).contains("leftover process(es) killed");
    }
}
