package dev.nightshift.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.TestHome;
import dev.nightshift.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons, each a process of its own with its own home and node name, on one PostgreSQL and
 * one queue (the second home's wip-specs is the first one's, as a shared file system would give
 * it): one Quartz cluster. Each fire of the schedule runs on one node; batches never overlap; the
 * daemon holding a batch is killed with SIGKILL mid-agent, the other node fires next and recovers
 * the dead batch; no spec is lost or duplicated and no pull request is opened twice.
 */
class ClusterIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(240);
    private static final Pattern FIRED = Pattern.compile("schedule fired \\(due ([^)]+)\\)");

    @TempDir
    Path dir;

    private TestPostgres pg;
    private final Map<String, Process> daemons = new HashMap<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process daemon : daemons.values()) {
            daemon.destroyForcibly();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void eachFireRunsOnceAcrossTheClusterAndTheOtherNodeRecoversTheBatchOfAKilledOne() throws Exception {
        pg = TestPostgres.create();
        TestHome a = TestHome.create(dir.resolve("a"));
        TestHome b = TestHome.create(dir.resolve("b"));
        // the agent really changes the worktree, then takes long enough for a kill to find it working
        Path agent = a.agent("agent.sh", "cat > /dev/null\necho \"work $$\" > \"work-$$.txt\"\nsleep 8\nexit 0\n");
        // Every 20 s with a batch limit below the gap: a daemon refuses a schedule whose batch outlasts a gap.
        String common = "schedule: \"*/20 * * * * ?\"\ntimeouts: {batch: 19s, report: 3s}\n"
                + "agent: {kind: generic, command: \"" + agent + "\"}\n"
                + "build: {max-attempts: 50}\n" + pg.settings();
        a.settings(common + "node: {name: node-a}\n");
        b.settings(common + "node: {name: node-b}\n");
        a.project("shop", "");
        a.project("web", "");
        a.spec("shop", "next", "0001-alpha", "# Alpha\n");
        a.spec("shop", "next", "0002-beta", "# Beta\n");
        a.spec("web", "next", "0001-gamma", "# Gamma\n");
        deleteTree(b.root().resolve("wip-specs"));
        Files.createSymbolicLink(b.root().resolve("wip-specs"), a.root().resolve("wip-specs"));
        List<String> specsBefore = specs(a.root().resolve("wip-specs"));

        daemons.put("node-a", ChildNightshift.start(a, dir.resolve("daemon-a.log"), "daemon"));
        daemons.put("node-b", ChildNightshift.start(b, dir.resolve("daemon-b.log"), "daemon"));

        // a batch with its agent at work: kill the daemon of the node that runs it
        String[] victim = new String[2];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<List<String>> working = rows("""
                    SELECT b.id, b.node FROM agent_runs r JOIN batches b ON b.id = r.batch_id
                    WHERE r.ended_at IS NULL AND b.status = 'RUNNING'""");
            if (working.isEmpty()) {
                return false;
            }
            victim[0] = working.get(0).get(0);
            victim[1] = working.get(0).get(1);
            return true;
        });
        String deadBatch = victim[0];
        String deadNode = victim[1];
        String survivor = deadNode.equals("node-a") ? "node-b" : "node-a";
        daemons.get(deadNode).destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        // the survivor takes the next fire, recovers the dead batch, and goes on with the queue
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
                !rows("SELECT id FROM batches WHERE status = 'CRASHED' AND id = '" + deadBatch + "'").isEmpty()
                        && !rows("SELECT id FROM batches WHERE node = '" + survivor + "' AND ended_at IS NOT NULL"
                        + " AND job_execution_id IS NOT NULL AND started_at > (SELECT started_at FROM batches WHERE id = '"
                        + deadBatch + "')").isEmpty());
        daemons.get(survivor).destroy();
        assertThat(daemons.get(survivor).waitFor(60, TimeUnit.SECONDS)).isTrue();

        // the recovery was done by a batch of the survivor, and says so
        String note = rows("SELECT note FROM batches WHERE id = '" + deadBatch + "'").get(0).get(0);
        Matcher by = Pattern.compile("recovered by batch (\\d{8}-\\d{6})").matcher(note);
        assertThat(by.find()).as(note).isTrue();
        assertThat(rows("SELECT node, status FROM batches WHERE id = '" + by.group(1) + "'").get(0))
                .containsExactly(survivor, "SUCCEEDED");
        String survivorLog = Files.readString(dir.resolve(survivor.equals("node-a") ? "daemon-a.log" : "daemon-b.log"),
                StandardCharsets.UTF_8);
        assertThat(survivorLog).doesNotContain("could not run").doesNotContain("Exception");
        TestHome survivorHome = survivor.equals("node-a") ? a : b;
        assertThat(Files.readString(survivorHome.home().batchReports(by.group(1)).resolve("report.txt"), StandardCharsets.UTF_8))
                .contains("Ran on node " + survivor + ".");

        // each scheduled fire time ran once across both nodes
        List<String> fires = new ArrayList<>();
        for (String log : List.of("daemon-a.log", "daemon-b.log")) {
            Matcher m = FIRED.matcher(Files.readString(dir.resolve(log), StandardCharsets.UTF_8));
            while (m.find()) {
                fires.add(m.group(1));
            }
        }
        assertThat(fires).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();

        // batches never overlapped: each started after the one before it ended (the dead one ended when recovered)
        List<List<String>> batches = rows("""
                SELECT id, CAST(EXTRACT(EPOCH FROM started_at) * 1000 AS BIGINT),
                       CAST(EXTRACT(EPOCH FROM ended_at) * 1000 AS BIGINT), node
                FROM batches WHERE job_execution_id IS NOT NULL AND id <> '%s' ORDER BY started_at""".formatted(deadBatch));
        for (int i = 1; i < batches.size(); i++) {
            assertThat(Long.parseLong(batches.get(i).get(1))).as("batch %s started after %s ended", batches.get(i).get(0),
                    batches.get(i - 1).get(0)).isGreaterThanOrEqualTo(Long.parseLong(batches.get(i - 1).get(2)));
        }
        assertThat(batches).allSatisfy(row -> assertThat(row.get(3)).isIn("node-a", "node-b"));

        // no spec lost or duplicated; no pull request opened twice
        assertThat(specs(a.root().resolve("wip-specs"))).hasSameElementsAs(specsBefore).doesNotHaveDuplicates();
        assertThat(rows("SELECT project, spec, COUNT(*) FROM pull_requests GROUP BY project, spec HAVING COUNT(*) > 1"))
                .isEmpty();
        assertThat(rows("SELECT COUNT(*) FROM pull_requests").get(0).get(0)).isNotEqualTo("0");
    }

    /** The spec names in every queue folder, one entry per file found. */
    private static List<String> specs(Path wipSpecs) throws IOException {
        try (Stream<Path> files = Files.walk(wipSpecs)) {
            return files.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().endsWith(".why.md")
                            && p.getParent().getParent().getParent().equals(wipSpecs))
                    .map(p -> p.getParent().getParent().getFileName() + "/" + p.getFileName()).sorted().toList();
        }
    }

    private List<List<String>> rows(String sql) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            if (!tableExists(c)) {
                return List.of();
            }
            try (ResultSet rs = st.executeQuery(sql)) {
                List<List<String>> out = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    /** Before the first daemon migrated the database there is nothing to read. */
    private static boolean tableExists(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, "nodes", null)) {
            return rs.next();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
