package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.ClusterRows;
import dev.nightshift.testing.TestHome;
import dev.nightshift.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Two daemons and two workers, each a process of its own with its own home and node name, on one
 * PostgreSQL: the daemons share one queue (the second home's wip-specs is the first one's, as a
 * shared file system would give it), the workers build. Each fire runs once across the cluster,
 * the builds of six projects are spread over both workers, and every pull request opens once.
 */
class WorkersIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(100);
    private static final Pattern FIRED = Pattern.compile("schedule fired \\(due ([^)]+)\\)");
    private static final List<String> PROJECTS = List.of("p1", "p2", "p3", "p4", "p5", "p6");

    @TempDir
    Path dir;

    private TestPostgres pg;
    private ClusterRows db;
    private final Map<String, Process> processes = new LinkedHashMap<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes.values()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void theBuildsOfSixProjectsSpreadOverTwoWorkersAndEachFireRunsOnceAcrossTheCluster() throws Exception {
        pg = TestPostgres.create();
        db = new ClusterRows(pg);
        TestHome a = TestHome.create(dir.resolve("a"));
        TestHome b = TestHome.create(dir.resolve("b"));
        // Every 30 s with a batch limit below the gap: a daemon refuses a schedule whose batch outlasts a gap.
        String daemons = "schedule: \"*/30 * * * * ?\"\ntimeouts: {batch: 29s, report: 3s}\n" + pg.settings();
        a.settings(daemons + agent(a) + "node: {name: node-a}\n");
        b.settings(daemons + agent(b) + "node: {name: node-b}\n");
        for (String project : PROJECTS) {
            // each project its own repository, as in life: one project's push never moves another's refs
            Path origin = dir.resolve("origins").resolve(project + ".git");
            TestHome.gitOut(dir, "clone", "--quiet", "--bare", a.origin().toString(), origin.toString());
            TestHome.write(a.root().resolve("wip-specs").resolve(project).resolve("project.yml"),
                    "repo: " + origin + "\nbase: main\ntest: bash tests/run.sh\n");
            a.spec(project, "next", "0001-" + project, "# Work of " + project + "\n");
        }
        shareQueue(a, b);
        List<String> workers = List.of("worker-1", "worker-2");
        for (String name : workers) {
            TestHome w = TestHome.create(dir.resolve(name));
            w.settings(pg.settings() + agent(w) + "build: {parallelism: 3}\nnode: {name: " + name + "}\n");
            shareQueue(a, w);
            processes.put(name, ChildNightshift.start(w, dir.resolve(name + ".log"), "worker"));
        }
        // the workers are heard from before the first fire, so that its builds go to them
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
                db.column("SELECT name FROM nodes WHERE role = 'worker'").containsAll(workers));
        processes.put("node-a", ChildNightshift.start(a, dir.resolve("node-a.log"), "daemon"));
        processes.put("node-b", ChildNightshift.start(b, dir.resolve("node-b.log"), "daemon"));

        // a batch builds all six, and a later fire runs too
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
                db.column("SELECT COUNT(*) FROM build_results WHERE outcome = 'PR_OPENED'").equals(List.of("6"))
                        && db.column("SELECT COUNT(*) FROM batches WHERE ended_at IS NOT NULL").stream()
                        .anyMatch(n -> Integer.parseInt(n) >= 2));
        for (Process process : processes.values()) {
            process.destroy();
        }

        // every build ran on a worker, and each worker built at least one
        List<List<String>> built = db.rows("SELECT project, node FROM build_results WHERE outcome = 'PR_OPENED'");
        assertThat(built).extracting(row -> row.get(0)).containsExactlyInAnyOrderElementsOf(PROJECTS);
        assertThat(built).extracting(row -> row.get(1)).allMatch(workers::contains).contains("worker-1", "worker-2");
        // each worker's work is in its own home: its clone, its logs
        for (List<String> row : built) {
            assertThat(dir.resolve(row.get(1)).resolve("home/.nightshift")).isDirectory();
        }
        // the batch that built them says where each build ran
        String note = db.column("SELECT note FROM batches b WHERE EXISTS (SELECT 1 FROM build_results r"
                + " WHERE r.batch_id = b.id AND r.outcome = 'PR_OPENED')").get(0);
        assertThat(note).contains("Builds sent to the cluster's workers").contains("p1 on worker-");

        // each pull request opened once, with its branch on the origin
        assertThat(db.rows("SELECT project, spec, COUNT(*) FROM pull_requests GROUP BY project, spec HAVING COUNT(*) > 1"))
                .isEmpty();
        assertThat(db.column("SELECT COUNT(*) FROM pull_requests")).containsExactly("6");
        for (String project : PROJECTS) {
            assertThat(TestHome.gitOut(dir.resolve("origins").resolve(project + ".git"), "branch", "--list",
                    "nightshift/0001-" + project)).contains("nightshift/0001-" + project);
        }

        // each scheduled fire time ran once across both daemons
        List<String> fires = new ArrayList<>();
        for (String log : List.of("node-a.log", "node-b.log")) {
            Matcher m = FIRED.matcher(Files.readString(dir.resolve(log), StandardCharsets.UTF_8));
            while (m.find()) {
                fires.add(m.group(1));
            }
        }
        assertThat(fires).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        for (String name : workers) {
            assertThat(Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8)).doesNotContain("Exception");
        }
    }

    /** The agent: really changes the working copy and takes a while, as an agent does. */
    private static String agent(TestHome home) {
        Path script = home.agent("agent.sh", "cat > /dev/null\necho \"work $$\" > \"work-$$.txt\"\nsleep 2\nexit 0\n");
        return "agent: {kind: generic, command: \"" + script + "\"}\n";
    }

    /** {@code other}'s wip-specs is {@code owner}'s, as a shared file system gives it. */
    private static void shareQueue(TestHome owner, TestHome other) throws IOException {
        try (Stream<Path> all = Files.walk(other.root().resolve("wip-specs"))) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.createSymbolicLink(other.root().resolve("wip-specs"), owner.root().resolve("wip-specs"));
    }
}
