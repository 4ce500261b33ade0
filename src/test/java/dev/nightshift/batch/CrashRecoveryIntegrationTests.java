package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A batch killed with SIGKILL in the middle of each of its five phases, as a real process, then
 * run again: the second batch completes and names the recovery, no process of the first survives,
 * no spec is lost or duplicated, its work is kept, and there is still one pull request.
 */
class CrashRecoveryIntegrationTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private Path hooks;
    private Path pids;

    /**
     * Each phase is held at a moment of real work by a process that sleeps (and records its pid)
     * once a flag file exists; the report phase by an SMTP server that accepts and never answers.
     */
    @ParameterizedTest(name = "killed during the {0} phase")
    @ValueSource(strings = {"supervisor", "build", "maintenance", "integration", "report"})
    void aBatchKilledMidPhaseLeavesNothingThatBlocksTheNext(String phase) throws Exception {
        TestHome home = home();
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] First part\n- [ ] Second part\n");

        // batch 1, whole: task one, the branch and the pull request
        assertThat(home.run("run")).isZero();
        assertThat(home.db().sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isEqualTo(1);

        // batch 2, a child process, held in the phase and killed there
        Files.createFile(hooks.resolve("hang-" + phase));
        if (phase.equals("maintenance")) {
            // a finished spec whose worktree maintenance will remove: the moment to hold it
            home.spec("shop", "done", "0000-old", "# Old\n");
            Files.createDirectories(home.home().worktree("shop", "0000-old"));
        }
        if (phase.equals("integration")) {
            home.project("shop", "integration: bash " + hooks.resolve("integration.sh") + "\n");
        }
        String batch2;
        try (ServerSocket silentSmtp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            if (phase.equals("report")) {
                home.settings(settings(silentSmtp.getLocalPort()));
            }
            Process child = startRun(home);
            awaitHeld(phase, silentSmtp, child);
            batch2 = runningBatchIn(home.db(), phase);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            System.out.println("killed batch " + batch2 + " during its " + phase + " phase (exit " + child.exitValue() + ")");
        }
        List<Long> leftover = recordedPids();
        if (!phase.equals("report")) {
            assertThat(leftover).as("the held processes outlived their batch").anyMatch(CrashRecoveryIntegrationTests::running);
        }
        if (phase.equals("build")) {
            assertThat(leftIn(home.home().prompts(), batch2)).as("the killed agent's prompt, before the recovery")
                    .isNotEmpty();
        }
        home.settings(settings(smtp.getSmtp().getPort()));

        // batch 3, whole: recovers, completes, reports the recovery
        assertThat(home.run("run")).as("the batch after the crash").isZero();

        JdbcClient db = home.db();
        String batch3 = db.sql("SELECT id FROM batches ORDER BY id DESC LIMIT 1").query(String.class).single();
        assertThat(db.sql("SELECT status FROM batches WHERE id = ?").param(batch2).query(String.class).single()).isEqualTo("CRASHED");
        assertThat(db.sql("SELECT status FROM batches WHERE id = ?").param(batch3).query(String.class).single()).isEqualTo("SUCCEEDED");
        assertThat(db.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTED', 'STARTING', 'STOPPING')")
                .query(Integer.class).single()).as("no execution left running").isZero();
        String recovery = "Recovered from batch " + batch2 + ", whose process died during the " + phase + " phase";
        assertThat(Files.readString(home.latestReport().resolve("report.txt"))).contains(recovery);
        assertThat(Files.readString(home.latestReport().resolve("report.html"))).contains(recovery);
        assertThat(recordedPids()).as("no process of the killed batch survives").noneMatch(CrashRecoveryIntegrationTests::running);

        assertThat(leftIn(home.home().prompts(), batch2)).as("no prompt or scratch file of the dead batch").isEmpty();
        assertThat(leftIn(home.home().state().resolve("review"), batch2)).as("no review folder of the dead batch").isEmpty();
        assertThat(specCopies(home, "0001-feature")).as("the spec is neither lost nor duplicated")
                .containsExactly("wip-specs/shop/active/0001-feature.md");
        assertThat(home.read("wip-specs/shop/active/0001-feature.md")).contains("- [x] First part", "- [x] Second part");
        assertThat(db.sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).as("still one PR").isEqualTo(1);
        assertThat(TestHome.gitOut(home.origin(), "show", "nightshift/0001-feature:FEATURES.md"))
                .contains("First part", "Second part");
        if (phase.equals("build")) {
            assertThat(TestHome.gitOut(home.origin(), "show", "nightshift/0001-feature:PARTIAL.md"))
                    .as("the killed agent's unfinished work was kept and went out with the next batch")
                    .contains("half of Second part");
            assertThat(TestHome.gitOut(home.origin(), "log", "--format=%s", "nightshift/0001-feature"))
                    .as("the commit of the recovered work says where it came from")
                    .contains("nightshift: work recovered from batch " + batch2 + ", which died: unfinished \"Second part\"");
        }
        if (phase.equals("report")) {
            assertThat(home.root().resolve("reports/outbox")).as("the killed batch's report went out with the next")
                    .isEmptyDirectory();
        }
    }

    private TestHome home() throws IOException {
        TestHome home = TestHome.create(dir);
        hooks = Files.createDirectories(dir.resolve("hooks"));
        pids = dir.resolve("pids");
        String hold = "hold() { rm -f %1$s/hang-$1; echo $$ >> %2$s; sleep 600 & echo $! >> %2$s; touch %1$s/held-$1; wait; }\n"
                .formatted(hooks, pids);
        home.agent("agent.sh", hold + """
                cat > /dev/null
                if [ -e %1$s/hang-build ]; then echo "half of $NIGHTSHIFT_TASK" >> PARTIAL.md; hold build; fi
                n=$(ls tests/test_feature_*.sh 2>/dev/null | wc -l)
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature_$((n+1)).sh
                echo "$NIGHTSHIFT_TASK" >> FEATURES.md
                """.formatted(hooks));
        executable(hooks.resolve("integration.sh"), hold + "[ -e %s/hang-integration ] && hold integration\nexit 0\n".formatted(hooks));
        executable(dir.resolve("bin/git"), "#!/usr/bin/env bash\n" + hold + """
                if [ "$1 $2" = "merge-base --is-ancestor" ] && [ -e %1$s/hang-supervisor ]; then hold supervisor; fi
                if [ "$1 $2" = "worktree remove" ] && [ -e %1$s/hang-maintenance ]; then hold maintenance; fi
                exec %2$s "$@"
                """.formatted(hooks, realGit()));
        home.settings(settings(smtp.getSmtp().getPort()));
        home.project("shop", "");
        return home;
    }

    /** Unconfined: the held processes record their pids and flags in the test's folder, outside any sandbox's reach. */
    private String settings(int smtpPort) {
        return """
                agent: {kind: generic, command: "%s", sandbox: none}
                mail: {to: [owner@example.com], smtp: {host: localhost, port: %d}}
                """.formatted(dir.resolve("home/agents/agent.sh"), smtpPort);
    }

    /** `nightshift run` as a process of its own, with the git wrapper first on its PATH. */
    private Process startRun(TestHome home) throws IOException {
        ProcessBuilder builder = ChildNightshift.builder(home, dir.resolve("child.log"), "run");
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        return builder.start();
    }

    private void awaitHeld(String phase, ServerSocket silentSmtp, Process child) throws Exception {
        if (phase.equals("report")) {
            silentSmtp.setSoTimeout((int) PATIENCE.toMillis());
            Socket connection = silentSmtp.accept();
            connection.setSoLinger(false, 0);
            return;
        }
        Path held = hooks.resolve("held-" + phase);
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (!Files.exists(held)) {
            assertThat(child.isAlive()).as("the child is still running (see child.log)").isTrue();
            assertThat(System.nanoTime()).as("held in the " + phase + " phase in time").isLessThan(until);
            Thread.sleep(100);
        }
    }

    /** The batch the child runs, checked to be inside {@code phase} right now. */
    private static String runningBatchIn(JdbcClient db, String phase) {
        String batch = db.sql("SELECT id FROM batches WHERE status = 'RUNNING'").query(String.class).single();
        assertThat(db.sql("SELECT COUNT(*) FROM phase_results WHERE batch_id = ? AND phase = ? AND ended_at IS NULL")
                .params(batch, phase).query(Integer.class).single()).as("inside the " + phase + " phase").isEqualTo(1);
        return batch;
    }

    private List<Long> recordedPids() throws IOException {
        if (!Files.exists(pids)) {
            return List.of();
        }
        return Files.readAllLines(pids).stream().filter(l -> !l.isBlank()).map(String::strip).map(Long::parseLong).toList();
    }

    /** Alive and not a zombie waiting to be reaped. */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    private static List<String> specCopies(TestHome home, String spec) throws IOException {
        List<String> copies = new ArrayList<>();
        Path wipSpecs = home.root().resolve("wip-specs");
        try (Stream<Path> files = Files.walk(wipSpecs)) {
            files.filter(f -> f.getFileName().toString().startsWith(spec + ".md"))
                    .forEach(f -> copies.add(home.root().relativize(f).toString()));
        }
        return copies;
    }

    /** What {@code folder} holds of {@code batch}: entries named after its runs' markers ({@code <batch>@...}). */
    private static List<String> leftIn(Path folder, String batch) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.contains(batch)).toList();
        }
    }

    private static String realGit() throws IOException {
        for (String dirName : System.getenv("PATH").split(":")) {
            Path git = Path.of(dirName, "git");
            if (Files.isExecutable(git)) {
                return git.toString();
            }
        }
        throw new IOException("no git on PATH");
    }

    private static void executable(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text.startsWith("#!") ? text : "#!/usr/bin/env bash\n" + text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
