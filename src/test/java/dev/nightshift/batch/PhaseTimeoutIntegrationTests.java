package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A phase that reaches its own hard limit: its processes die, it is recorded as timed out, the batch goes on. */
class PhaseTimeoutIntegrationTests {

    @TempDir
    Path dir;

    private static final String STUBBORN = """
            trap '' TERM
            echo $$ >> %1$s
            (trap '' TERM; sleep 600) & echo $! >> %1$s
            sleep 600
            """;

    @Test
    void aBuildPhasePastItsLimitIsTimedOutAndTheLaterPhasesStillRun() throws Exception {
        Path pids = dir.resolve("agent.pids");
        TestHome home = TestHome.create(dir);
        // the agent's own limit is long; the build phase's is short (10 s: enough to start it on a loaded machine)
        Path agent = home.agent("agent.sh", "cat > /dev/null\n" + STUBBORN.formatted(pids));
        // Unconfined: the stubborn processes write their pids (as this machine numbers them) to the test's folder.
        home.settings("agent: {kind: generic, command: \"" + agent + "\", sandbox: none}\ntimeouts: {build: 10s, agent: 30m}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-slow", "# Slow\n");

        assertThat(home.run("run")).isEqualTo(1);

        assertThat(phases(home)).containsEntry("supervisor", "COMPLETED").containsEntry("build", "TIMED_OUT")
                .containsEntry("maintenance", "COMPLETED").containsEntry("report", "COMPLETED");
        assertAllDead(pids);
        assertThat(home.db().sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("TIMED_OUT");
        assertThat(Files.readString(home.latestReport().resolve("report.txt")))
                .contains("PHASE 2: Build", "timed out");
    }

    @Test
    void anIntegrationPhasePastItsLimitIsTimedOutAndTheReportIsStillProduced() throws Exception {
        Path pids = dir.resolve("integration.pids");
        TestHome home = TestHome.create(dir);
        Path integration = home.agent("integration.sh", STUBBORN.formatted(pids));
        Path agent = home.agent("agent.sh", "cat > /dev/null\nexit 0\n");
        // Unconfined: the stubborn processes write their pids (as this machine numbers them) to the test's folder.
        home.settings("agent: {kind: generic, command: \"" + agent + "\", sandbox: none}\ntimeouts: {integration: 10s}\n");
        home.project("shop", "integration: " + integration + "\n");
        // active, all tasks done, waiting for review: the batch is not idle, and builds nothing
        home.spec("shop", "active", "0001-waiting", "# Waiting\n\n## Tasks\n- [x] Done already\n");

        assertThat(home.run("run")).isEqualTo(1);

        assertThat(phases(home)).containsEntry("integration", "TIMED_OUT").containsEntry("report", "COMPLETED");
        assertAllDead(pids);
        assertThat(home.latestReport().resolve("report.html")).exists();
        assertThat(Files.readString(home.latestReport().resolve("report.html"))).contains("Integration", "timed out");
    }

    private static Map<String, String> phases(TestHome home) {
        List<Map<String, Object>> rows = home.db().sql("SELECT phase, outcome FROM phase_results").query().listOfRows();
        return rows.stream().collect(Collectors.toMap(r -> (String) r.get("PHASE"), r -> (String) r.get("OUTCOME")));
    }

    private static void assertAllDead(Path pids) throws Exception {
        List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(started).isNotEmpty().allSatisfy(pid ->
                assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d", pid).isEmpty());
    }
}
