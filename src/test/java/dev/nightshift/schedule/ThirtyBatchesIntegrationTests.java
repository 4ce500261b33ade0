package dev.nightshift.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.batch.BatchLauncher;
import dev.nightshift.batch.BatchLock;
import dev.nightshift.cli.NightshiftContext;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.listeners.JobListenerSupport;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Thirty working batches in one daemon (the real Quartz scheduler on a three-second schedule): every
 * batch builds five projects whose agents behave each in their own way (honest, failing its tests,
 * hanging past the limit, exiting non-zero, forking a child that outlives it), so every batch opens
 * its logs, runs processes, pushes and touches the database. Right after each batch (a Quartz job
 * listener, on the thread that ran it) the open descriptors and the threads are counted: after the
 * thirtieth they are those after the fifth, and no batch's log file stays open.
 */
class ThirtyBatchesIntegrationTests {

    private static final int BATCHES = 30;
    /** The batch after which the daemon is warm: every code path and every class-path jar was used once. */
    private static final int WARM = 5;

    @TempDir
    Path dir;

    @Test
    void thirtyWorkingBatchesLeaveTheOpenFilesAndThreadsOfTheFifthAndTheQueueWhole() throws Exception {
        TestHome home = home();
        List<Sample> samples = new CopyOnWriteArrayList<>();
        try (ConfigurableApplicationContext context = NightshiftContext.start(home.home(),
                SettingsFiles.readGlobal(home.home()), NightshiftContext.Purpose.DAEMON)) {
            context.getBean(Scheduler.class).getListenerManager().addJobListener(new JobListenerSupport() {
                @Override
                public String getName() {
                    return "samples";
                }

                @Override
                public void jobWasExecuted(JobExecutionContext job, JobExecutionException problem) {
                    samples.add(Sample.now(home.root()));
                }
            });
            context.getBean(DaemonSchedule.class).start();
            await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> samples.size() >= BATCHES);
            context.getBean(DaemonSchedule.class).stop();
            BatchLauncher launcher = context.getBean(BatchLauncher.class);
            await().atMost(Duration.ofMinutes(2)).until(() -> !launcher.busy());

            JdbcClient db = context.getBean(JdbcClient.class);
            assertThat(db.sql("SELECT COUNT(*) FROM batches WHERE status IN ('SUCCEEDED', 'FAILED')")
                    .query(Integer.class).single()).as("working batches, none idle, none crashed")
                    .isGreaterThanOrEqualTo(BATCHES);
            assertThat(db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single())
                    .as("every batch ran agents").isGreaterThanOrEqualTo(BATCHES * 3);
            assertThat(db.sql("SELECT spec FROM pull_requests GROUP BY project, spec HAVING COUNT(*) > 1")
                    .query(String.class).list()).as("no spec with two pull requests").isEmpty();
        }

        // The data itself: the file once H2 closed it with a full compaction.
        try (java.sql.Connection connection = dev.nightshift.store.Database.connect(home.home());
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        }
        long data = Files.size(home.root().resolve(".nightshift/db.mv.db"));
        String sizes = "database file after each batch: " + samples.stream().map(s -> Long.toString(s.database() / 1024))
                .collect(Collectors.joining(" ")) + " KB; compacted when closed: " + data / 1024 + " KB";
        System.out.println(sizes);
        // Measured without the compaction after each batch: 8.8 MB after batch 10, 18 MB after
        // batch 30 (470 KB per batch), against about 200 KB of data. With it: under 4 MB, growing
        // by about 40 KB per batch, in step with the data and H2's page layout.
        long grown = samples.get(BATCHES - 1).database() - samples.get(9).database();
        assertThat(grown / (BATCHES - 10)).as("bytes the open file grows per batch; " + sizes)
                .isLessThanOrEqualTo(150 * 1024);
        assertThat(samples.get(BATCHES - 1).database()).as("the open file; " + sizes).isLessThanOrEqualTo(8 << 20);
        assertThat(data / BATCHES).as("bytes per working batch, the schema's own share included").isLessThanOrEqualTo(50 * 1024);

        Sample warm = samples.get(WARM - 1);
        Sample last = samples.get(BATCHES - 1);
        String seen = "after each batch: " + samples.stream().map(s -> s.descriptors().size() + "/" + s.threads().size())
                .collect(Collectors.joining(" ")) + " (descriptors/threads)";
        System.out.println(seen);
        try (Stream<Path> batches = Files.list(home.root().resolve("reports"))) {
            assertThat(batches.filter(batch -> nonEmpty(batch.resolve("logs/phase-2-build.log"))).count())
                    .as("every batch's logs are written, closed after each").isGreaterThanOrEqualTo(BATCHES);
        }
        assertThat(samples.stream().flatMap(s -> s.intoHome().stream()).toList())
                .as("no batch's log file or prompt stays open after it; " + seen).isEmpty();
        assertThat(last.descriptors().size()).as(seen + "\nnew since batch " + WARM + ": " + added(warm.descriptors(),
                last.descriptors())).isLessThanOrEqualTo(warm.descriptors().size());
        assertThat(last.threads().size()).as(seen + "\nnew since batch " + WARM + ": " + added(warm.threads(), last.threads()))
                .isLessThanOrEqualTo(warm.threads().size());
        // Between, one thread more is allowed: a phase runs on a thread of its own (phase-report),
        // which may still be ending when the job returns; it ends by itself, as the last sample shows.
        assertThat(samples.subList(WARM, BATCHES)).as("no growth between: " + seen).allSatisfy(s -> {
            assertThat(s.descriptors().size()).isLessThanOrEqualTo(warm.descriptors().size());
            assertThat(s.threads().size()).isLessThanOrEqualTo(warm.threads().size() + 1);
        });

        assertThat(specCopies(home)).as("every spec exactly once across the queue folders").allSatisfy((spec, copies) ->
                assertThat(copies).as(spec).hasSize(1));
        assertThat(specCopies(home)).hasSize(5);
        assertThat(markedProcesses(home)).as("no process of any batch outlives it").isEmpty();
        Optional<BatchLock> lock = BatchLock.tryAcquire(home.home().lockFile());
        assertThat(lock).as("the lock is free").isPresent();
        lock.get().close();
    }

    private TestHome home() {
        TestHome home = TestHome.create(dir);
        // One agent, five behaviours by project. Each honest run adds a passing test, so the gate
        // counts more tests than base and the pull request grows by one task per batch.
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                case "$NIGHTSHIFT_PROJECT" in
                  failing) printf '#!/usr/bin/env bash\\nfalse\\n' > tests/test_broken.sh; exit 0 ;;
                  hanging) sleep 600; exit 0 ;;
                  crashing) echo "the agent fell over" >&2; exit 7 ;;
                  forking) setsid sleep 600 < /dev/null > /dev/null 2>&1 & ;;
                esac
                n=$(ls tests/test_feature_*.sh 2>/dev/null | wc -l)
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature_$((n+1)).sh
                echo "$NIGHTSHIFT_TASK" >> FEATURES.md
                """);
        home.settings("""
                schedule: "*/3 * * * * ?"
                agent: {kind: generic, command: "%s"}
                timeouts: {agent: 2s, tests: 30s}
                build: {parallelism: 5, fix-attempts: 0, max-attempts: 1000, max-open-prs: 5}
                """.formatted(agent));
        String tasks = "## Tasks\n" + Stream.iterate(1, i -> i + 1).limit(BATCHES + 10)
                .map(i -> "- [ ] Part " + i + "\n").collect(Collectors.joining());
        for (String project : List.of("honest", "failing", "hanging", "crashing", "forking")) {
            home.project(project, "");
            home.spec(project, "next", "0001-" + project, "# Work of " + project + "\n\n" + tasks);
        }
        return home;
    }

    /** What the process holds open right after a batch. */
    record Sample(List<String> descriptors, List<String> threads, List<String> intoHome, long database) {

        static Sample now(Path home) {
            List<String> descriptors = new ArrayList<>();
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                for (Path fd : fds.toList()) {
                    try {
                        descriptors.add(Files.readSymbolicLink(fd).toString());
                    } catch (IOException closedMeanwhile) {
                        // the listing's own descriptor, closed by the time it is read
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            // The class path's jars are opened once, on first use of a class in them: not per batch.
            descriptors.removeIf(target -> target.endsWith(".jar"));
            // The listing's own descriptor.
            descriptors.removeIf(target -> target.equals("/proc/" + ProcessHandle.current().pid() + "/fd"));
            List<String> intoHome = descriptors.stream().filter(target -> target.startsWith(home.toString())
                    && !target.startsWith(home.resolve(".nightshift").toString() + "/db")
                    && !target.equals(home.resolve(".nightshift/daemon.lock").toString())).toList();
            // Pools of the JDK that keep an idle thread for a while after it last worked (the
            // process reaper: 60 s; the common fork-join pool): their count depends on when the
            // sample is taken, not on what a batch leaves behind.
            List<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(name -> !name.startsWith("process reaper") && !name.startsWith("ForkJoinPool.commonPool"))
                    .sorted().toList();
            try {
                return new Sample(descriptors, threads, intoHome, Files.size(home.resolve(".nightshift/db.mv.db")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean nonEmpty(Path file) {
        try {
            return Files.size(file) > 0;
        } catch (IOException missing) {
            return false;
        }
    }

    private static String added(List<String> before, List<String> after) {
        Map<String, Long> counts = new TreeMap<>(after.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())));
        before.forEach(s -> counts.computeIfPresent(s, (k, n) -> n > 1 ? n - 1 : null));
        return counts.toString();
    }

    private static Map<String, List<String>> specCopies(TestHome home) throws IOException {
        try (Stream<Path> files = Files.walk(home.root().resolve("wip-specs"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("0001-") && f.toString().endsWith(".md")
                            && !f.toString().endsWith(".why.md"))
                    .collect(Collectors.groupingBy(f -> f.getFileName().toString(), TreeMap::new,
                            Collectors.mapping(f -> home.root().relativize(f).toString(), Collectors.toList())));
        }
    }

    /** Live processes started by any batch of this home (their environment carries its marker). */
    private static List<Long> markedProcesses(TestHome home) throws IOException {
        String suffix = dev.nightshift.exec.ProcessTree.batchPrefix(home.root(), "x").substring(1);
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String environ = Files.readString(proc.resolve("environ"), java.nio.charset.StandardCharsets.ISO_8859_1);
                    if (environ.contains(dev.nightshift.exec.ProcessTree.MARKER + "=") && environ.contains(suffix + "/")) {
                        found.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException goneOrNotOurs) {
                    // ended meanwhile, or another user's
                }
            }
        }
        return found;
    }
}
