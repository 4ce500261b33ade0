package dev.nightshift.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phase 3 in real batches. */
class MaintenanceIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void aHealthCheckThatIsUpThenDownThenHangsIsRecordedAndEachFailureNeedsTheOwner() throws Exception {
        try (HealthServer server = new HealthServer()) {
            TestHome home = TestHome.create(dir);
            home.settings("agent: {kind: generic, command: \"%s\"}\n".formatted(home.agent("agent.sh", "cat > /dev/null")));
            home.project("shop", """
                    health:
                      - url: %s
                        expect: 200
                        body: "status: ok"
                        timeout: 1s
                    """.formatted(server.url()));
            // queued but never ready (it waits for a blocked spec): the batch runs its phases and no agent
            home.spec("shop", "blocked", "0000-first", "# First\n");
            home.spec("shop", "next", "0001-later", "---\ndepends-on: [0000-first]\n---\n# Later\n");

            assertThat(home.run("run")).isZero();
            String up = needsYou(home);
            server.mode(HealthServer.Mode.ERROR);
            assertThat(home.run("run")).isZero();
            String down = needsYou(home);
            server.mode(HealthServer.Mode.HANG);
            assertThat(home.run("run")).isZero();
            String hung = needsYou(home);

            var db = home.db();
            assertThat(db.sql("SELECT outcome || ' ' || COALESCE(status_code, 0) FROM health_checks ORDER BY id")
                    .query(String.class).list()).containsExactly("UP 200", "DOWN 500", "TIMED_OUT 0");
            assertThat(db.sql("SELECT latency_ms FROM health_checks ORDER BY id").query(Long.class).list())
                    .allSatisfy(ms -> assertThat(ms).isNotNull().isNotNegative());
            assertThat(up).doesNotContain(server.url());
            assertThat(down).contains("shop: " + server.url() + " is down (HTTP 500, expected 200)");
            assertThat(hung).contains("shop: " + server.url() + " timed out (no answer within 1.0s)")
                    .as("the supervisor's risk from the batch before is not repeated").containsOnlyOnce(server.url());
            assertThat(db.sql("SELECT kind || ': ' || reason FROM risks ORDER BY id").query(String.class).list())
                    .containsExactly("HEALTH_FAILING: in the last check, " + server.url() + " is down (HTTP 500, expected 200)");
            String report = Files.readString(home.latestReport().resolve("report.txt"));
            assertThat(report).contains("HEALTH CHECKS", "shop " + server.url() + ": timed out");
        }
    }

    /** The needs-you section of the newest report's text, or empty when it has none. */
    private static String needsYou(TestHome home) throws Exception {
        String text = Files.readString(home.latestReport().resolve("report.txt"));
        int start = text.indexOf("NEEDS YOU");
        return start < 0 ? "" : text.substring(start, text.indexOf("PROJECTS"));
    }
}
