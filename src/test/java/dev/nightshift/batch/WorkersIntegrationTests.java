package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.exec.ProcessTree;
import dev.nightshift.testing.Captured;
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
 * the builds of six projects are spread over both workers, and every pull request opens once,
 * even when a worker and the daemon holding the batch are killed mid-agent.
 */
class WorkersIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(240);
    private static final Pattern FIRED = Pattern.compile("schedule fired \\(due ([^)]+)\\)");
    private static final List<String> PROJECTS = List.of("p1", "p2", "p3", "p4", "p5", "p6");
    private static final List<String> WORKERS = List.of("worker-1", "worker-2");

    @TempDir
    Path dir;

    private TestPostgres pg;
    private ClusterRows db;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, TestHome> homes = new LinkedHashMap<>();

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
        TestHome queue = startCluster(2);

        // a batch builds all six, and a later fire runs too
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
                db.column("SELECT COUNT(*) FROM build_results WHERE outcome = 'PR_OPENED'").equals(List.of("6"))
                        && Integer.parseInt(db.column("SELECT COUNT(*) FROM batches WHERE ended_at IS NOT NULL").get(0)) >= 2);
        for (Process process : processes.values()) {
            process.destroy();
        }

        // every build ran on a worker, and each worker built at least one
        List<List<String>> built = db.rows("SELECT project, node FROM build_results WHERE outcome = 'PR_OPENED'");
        assertThat(built).extracting(row -> row.get(0)).containsExactlyInAnyOrderElementsOf(PROJECTS);
        assertThat(built).extracting(row -> row.get(1)).allMatch(WORKERS::contains).contains("worker-1", "worker-2");
        // the batch that built them says where each build ran
        String batch = db.column("SELECT batch_id FROM build_results WHERE outcome = 'PR_OPENED'").get(0);
        String note = db.column("SELECT note FROM batches WHERE id = '" + batch + "'").get(0);
        assertThat(note).contains("Builds sent to the cluster's workers").contains("p1 on worker-")
                .contains("Their logs are on each worker, in its reports/" + batch + "/logs/");
        TestHome daemon = homes.get(db.column("SELECT node FROM batches WHERE id = '" + batch + "'").get(0));
        assertThat(Files.readString(daemon.home().batchReports(batch).resolve("report.txt"), StandardCharsets.UTF_8))
                .contains("p1 on worker-").contains("p6 on worker-");
        // status lists the workers beside the daemons, each with the latest build it carried out
        Captured status = Captured.run(queue, "status");
        assertThat(status.out()).containsPattern("worker-1 +worker .*built p\\d in " + batch)
                .containsPattern("worker-2 +worker .*built p\\d in " + batch).containsPattern("node-[ab] +daemon");

        // the batch's node moved the specs in its queue; the workers have none
        assertThat(specs(queue.root().resolve("wip-specs"))).hasSize(6).allMatch(spec -> spec.contains("/active/"));
        for (String name : WORKERS) {
            assertThat(homes.get(name).root().resolve("wip-specs")).doesNotExist();
        }

        // each pull request opened once, with its branch on the project's repository
        assertThat(db.rows("SELECT project, spec, COUNT(*) FROM pull_requests GROUP BY project, spec HAVING COUNT(*) > 1"))
                .isEmpty();
        assertThat(db.column("SELECT COUNT(*) FROM pull_requests")).containsExactly("6");
        for (String project : PROJECTS) {
            assertThat(TestHome.gitOut(dir.resolve("origins").resolve(project + ".git"), "branch", "--list",
                    "nightshift/0001-" + project)).contains("nightshift/0001-" + project);
        }

        // each scheduled fire time ran once across both daemons
        assertThat(fires()).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        for (String name : WORKERS) {
            assertThat(Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8)).doesNotContain("Exception");
        }
    }

    @Test
    void aWorkerKilledMidAgentAndThenTheDaemonHoldingTheBatchLoseNoSpecAndBuildNothingTwice() throws Exception {
        TestHome queue = startCluster(6);
        List<String> specsBefore = specs(queue.root().resolve("wip-specs"));
        Path killedAgent = homes.get("worker-1").root().resolve("agents/agent.sh");

        // worker-1's agent is at work: kill -9 worker-1
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> !processesRunning(killedAgent).isEmpty()
                && !db.column("SELECT id FROM batches WHERE status = 'RUNNING'").isEmpty());
        String first = db.column("SELECT id FROM batches WHERE status = 'RUNNING'").get(0);
        processes.get("worker-1").destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        // its agent died with it: nothing of its builds is left running
        String workerMark = ProcessTree.batchPrefix(homes.get("worker-1").root(), first);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                processesRunning(killedAgent).isEmpty() && processesMarked(workerMark).isEmpty());

        // the batch gives its builds up at the build phase's deadline, naming the worker, not blaming the spec
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
                !db.column("SELECT status FROM batches WHERE id = '" + first + "'").equals(List.of("RUNNING")));
        List<List<String>> givenUp = db.rows("SELECT project, outcome, node, detail FROM build_results WHERE batch_id = '"
                + first + "' AND node = 'worker-1'");
        assertThat(givenUp).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get(1)).isEqualTo("FAILED");
            assertThat(row.get(3)).contains("worker worker-1").contains("not the spec's failure");
        });

        // the next batch sends them to worker-2: kill -9 the daemon holding it while worker-2's agent works
        Path survivingAgent = homes.get("worker-2").root().resolve("agents/agent.sh");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> !processesRunning(survivingAgent).isEmpty()
                && !db.column("SELECT id FROM batches WHERE status = 'RUNNING' AND id > '" + first + "'").isEmpty());
        List<String> dead = db.rows("SELECT id, node FROM batches WHERE status = 'RUNNING'").get(0);
        processes.get(dead.get(1)).destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        // the other daemon's next batch recovers the dead one; every spec ends with its branch and pull request
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
                db.column("SELECT status FROM batches WHERE id = '" + dead.get(0) + "'").equals(List.of("CRASHED"))
                        && db.column("SELECT COUNT(DISTINCT project) FROM pull_requests").equals(List.of("6"))
                        && db.column("SELECT COUNT(*) FROM batches WHERE status = 'RUNNING'").equals(List.of("0"))
                        && specs(queue.root().resolve("wip-specs")).stream().allMatch(spec -> spec.contains("/active/")));
        for (Process process : processes.values()) {
            process.destroy();
        }

        // no spec lost or duplicated; no pull request opened twice
        assertThat(specs(queue.root().resolve("wip-specs"))).hasSameSizeAs(specsBefore).doesNotHaveDuplicates();
        assertThat(db.rows("SELECT project, spec, COUNT(*) FROM pull_requests GROUP BY project, spec HAVING COUNT(*) > 1"))
                .isEmpty();
        assertThat(db.column("SELECT COUNT(*) FROM pull_requests")).containsExactly("6");
        // nothing built twice: what worker-2 finished for the dead batch was applied by the recovery, not built again
        assertThat(db.rows("""
                SELECT project, COUNT(*) FROM build_results WHERE outcome IN ('PR_OPENED', 'PR_UPDATED')
                GROUP BY project HAVING COUNT(*) > 1""")).isEmpty();
        // after the worker's kill, only the worker still alive built
        assertThat(db.column("SELECT DISTINCT node FROM build_results WHERE batch_id > '" + first + "'"))
                .containsOnly("worker-2");
        assertThat(fires()).doesNotHaveDuplicates();
    }

    /**
     * Two daemons (node-a, node-b, one queue) and two workers (worker-1, worker-2, their own homes),
     * the workers heard from before the daemons start, so that the first fire's builds go to them.
     * Six projects, each with its own repository and one spec queued.
     *
     * @return the home whose wip-specs is the queue
     */
    private TestHome startCluster(int agentSeconds) throws Exception {
        pg = TestPostgres.create();
        db = new ClusterRows(pg);
        TestHome a = TestHome.create(dir.resolve("node-a"));
        TestHome b = TestHome.create(dir.resolve("node-b"));
        // Every 30 s with a batch limit below the gap: a daemon refuses a schedule whose batch outlasts a gap.
        String daemons = "schedule: \"*/30 * * * * ?\"\ntimeouts: {batch: 29s, report: 3s}\n" + pg.settings();
        a.settings(daemons + agent(a, agentSeconds) + "node: {name: node-a}\n");
        b.settings(daemons + agent(b, agentSeconds) + "node: {name: node-b}\n");
        for (String project : PROJECTS) {
            // each project its own repository, as in life: one project's push never moves another's refs
            Path origin = dir.resolve("origins").resolve(project + ".git");
            TestHome.gitOut(dir, "clone", "--quiet", "--bare", a.origin().toString(), origin.toString());
            TestHome.write(a.root().resolve("wip-specs").resolve(project).resolve("project.yml"),
                    "repo: " + origin + "\nbase: main\ntest: bash tests/run.sh\n");
            a.spec(project, "next", "0001-" + project, "# Work of " + project + "\n");
        }
        shareQueue(a, b);
        for (String name : WORKERS) {
            TestHome w = TestHome.create(dir.resolve(name));
            w.settings(pg.settings() + agent(w, agentSeconds) + "build: {parallelism: 3}\nnode: {name: " + name + "}\n");
            // a worker has no queue: what it builds comes from the work order in the database
            deleteTree(w.root().resolve("wip-specs"));
            homes.put(name, w);
            processes.put(name, ChildNightshift.start(w, dir.resolve(name + ".log"), "worker"));
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
                db.column("SELECT name FROM nodes WHERE role = 'worker'").containsAll(WORKERS));
        homes.put("node-a", a);
        homes.put("node-b", b);
        processes.put("node-a", ChildNightshift.start(a, dir.resolve("node-a.log"), "daemon"));
        processes.put("node-b", ChildNightshift.start(b, dir.resolve("node-b.log"), "daemon"));
        return a;
    }

    /** The agent: really changes the working copy and takes a while, as an agent does. */
    private static String agent(TestHome home, int seconds) {
        Path script = home.agent("agent.sh", "cat > /dev/null\necho \"work $$\" > \"work-$$.txt\"\nsleep " + seconds
                + "\nexit 0\n");
        return "agent: {kind: generic, command: \"" + script + "\"}\n";
    }

    /** {@code other}'s wip-specs is {@code owner}'s, as a shared file system gives it. */
    private static void shareQueue(TestHome owner, TestHome other) throws IOException {
        deleteTree(other.root().resolve("wip-specs"));
        Files.createSymbolicLink(other.root().resolve("wip-specs"), owner.root().resolve("wip-specs"));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The fire times the daemons' logs name, one entry per fire. */
    private List<String> fires() throws IOException {
        List<String> fires = new ArrayList<>();
        for (String log : List.of("node-a.log", "node-b.log")) {
            Matcher m = FIRED.matcher(Files.readString(dir.resolve(log), StandardCharsets.UTF_8));
            while (m.find()) {
                fires.add(m.group(1));
            }
        }
        return fires;
    }

    /** The spec files in every queue folder, as project/folder/name, one entry per file found. */
    private static List<String> specs(Path wipSpecs) throws IOException {
        try (Stream<Path> files = Files.walk(wipSpecs)) {
            return files.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().endsWith(".why.md")
                            && p.getParent().getParent().getParent().equals(wipSpecs))
                    .map(p -> wipSpecs.relativize(p).toString()).sorted().toList();
        }
    }

    /** Processes whose command line names {@code script}. */
    private static List<Long> processesRunning(Path script) {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(args -> String.join(" ", args))
                .orElse("").contains(script.toString())).map(ProcessHandle::pid).toList();
    }

    /** Processes whose nightshift marker starts with {@code prefix}: a batch's processes on one home. */
    private static List<Long> processesMarked(String prefix) {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String env = new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8);
                    if (env.contains(ProcessTree.MARKER + "=" + prefix + "/")) {
                        found.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // ended while being read
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }
}
