package dev.nightshift.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.secret.SecretMasker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real commands in the real bubblewrap sandbox, through the one runner every command goes through. */
class SandboxTests {

    @TempDir
    Path dir;

    private final ProcessRunner runner = new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none());
    private final Map<String, String> env = new ProcessEnvironment(System.getenv(), Set.of()).forTools(Map.of());
    private Path home;
    private Path owner;
    private Path work;
    private Sandbox sandbox;

    @BeforeEach
    void aHomeAnOwnerAndAWorkingCopyInsideTheHome() throws IOException {
        home = Files.createDirectories(dir.resolve("nightshift-home"));
        Files.writeString(home.resolve("nightshift.yml"), "build: {max-deleted-lines: 400}\n");
        owner = Files.createDirectories(dir.resolve("owner"));
        Files.writeString(owner.resolve("id_ed25519"), "PRIVATE KEY\n");
        work = Files.createDirectories(home.resolve(".nightshift/worktrees/p/s"));
        sandbox = Sandbox.bubblewrap(Bubblewrap.find(System.getenv("PATH")), List.of(home, owner),
                home.resolve(".nightshift/sandbox"), true);
    }

    @Test
    void theWorkingCopyAndAScratchHomeAreWritableTheHomesHiddenAndTheRestReadOnly() throws IOException {
        Path outside = Files.createDirectories(Path.of("target").toAbsolutePath().resolve("sandbox-outside-" + UUID.randomUUID()));
        try {
            // The paths come as variables: a file the command line names itself is shown to it.
            Map<String, String> paths = Map.of("NS_HOME", home.toString(), "OWNER", owner.toString(),
                    "OUTSIDE", outside.toString());
            ProcessResult result = run(sandbox.forTests(spec("""
                    echo made > made.txt
                    echo "home=$HOME"
                    echo x > "$HOME/.config-of-the-tool" && echo "scratch writable"
                    ls -A "$NS_HOME" | wc -l | sed 's/^/home entries=/'
                    echo x > "$NS_HOME/nightshift.yml" 2>/dev/null || echo "hidden home read-only"
                    cat "$OWNER/id_ed25519" 2>/dev/null || echo "owner key unreadable"
                    echo x > "$OUTSIDE/planted" 2>/dev/null || echo "outside read-only"
                    """, paths)));

            assertThat(result.exitCode()).isZero();
            assertThat(Files.readString(work.resolve("made.txt"))).isEqualTo("made\n");
            String out = result.stdout();
            assertThat(out).contains("scratch writable", "owner key unreadable", "outside read-only", "hidden home read-only")
                    .doesNotContain("PRIVATE KEY");
            // The home shows only the folders the sandbox must mount inside it, never its files.
            assertThat(out).doesNotContain("home=" + System.getProperty("user.home") + "\n");
            Path scratch = Path.of(out.lines().filter(l -> l.startsWith("home=")).findFirst().orElseThrow().substring(5));
            assertThat(scratch).startsWithRaw(home.resolve(".nightshift/sandbox"));
            assertThat(scratch).as("deleted after the run").doesNotExist();
            assertThat(outside.resolve("planted")).doesNotExist();
            assertThat(out).contains("home entries=1");
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void noMountCanBeUndoneEvenWhenNightshiftRunsAsRootAndTheOwnersSocketsAreOutOfReach() throws IOException {
        // A sandbox started by root kept every capability: unmounting the empty folder over the home
        // showed the real one, and a remount made it writable.
        Path socketDir = Files.createDirectories(Path.of("/run/nightshift-test-" + UUID.randomUUID()));
        try {
            Files.writeString(socketDir.resolve("agent.sock"), "");
            Map<String, String> paths = Map.of("NS_HOME", home.toString(), "SOCKETS", socketDir.toString());
            ProcessResult result = run(sandbox.forTests(spec("""
                    umount -l "$NS_HOME" 2>/dev/null && echo "unmounted the hidden home"
                    mount -o remount,rw,bind / 2>/dev/null && echo "remounted the root writable"
                    cat "$NS_HOME/nightshift.yml" 2>/dev/null || echo "settings unreadable"
                    echo x > "$NS_HOME/planted" 2>/dev/null || echo "home not writable"
                    ls "$SOCKETS" 2>/dev/null || echo "no sockets of the owner"
                    grep CapEff /proc/self/status
                    """, paths)));

            String out = result.stdout();
            assertThat(out).doesNotContain("unmounted the hidden home", "remounted the root writable", "max-deleted-lines",
                    "agent.sock");
            assertThat(out).contains("settings unreadable", "home not writable", "no sockets of the owner",
                    "CapEff:\t0000000000000000");
            assertThat(home.resolve("planted")).doesNotExist();
        } finally {
            Files.deleteIfExists(socketDir.resolve("agent.sock"));
            Files.deleteIfExists(socketDir);
        }
    }

    @Test
    void aProcessThatLeftItsSessionAndDroppedTheMarkerDiesWithTheRun() throws IOException {
        String token = "3" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000) + ".25";
        ProcessResult result = run(sandbox.forTests(spec("""
                ( env -u NIGHTSHIFT_RUN setsid bash -c 'sleep %1$s & disown' & )
                env -u NIGHTSHIFT_RUN setsid sleep %1$s < /dev/null > /dev/null 2>&1 &
                sleep 1
                echo started
                """.formatted(token))));

        assertThat(result.stdout()).contains("started");
        assertThat(processesWith("sleep " + token)).as("escaped processes left alive").isEmpty();
    }

    @Test
    void withoutNetworkOnlyLoopbackIsLeft() {
        ProcessResult result = run(Sandbox.bubblewrap(Bubblewrap.find(System.getenv("PATH")), List.of(home, owner),
                home.resolve(".nightshift/sandbox"), false).forAgent(spec("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '"), List.of(), List.of()));

        assertThat(result.stdout().lines().toList()).containsExactly("lo");
    }

    @Test
    void withoutBubblewrapNothingConfinedStartsAndTheReasonNamesTheFix() throws IOException {
        Path noBwrap = Files.createDirectories(dir.resolve("bin"));
        Sandbox missing = Sandbox.bubblewrap(Bubblewrap.find(noBwrap.toString()), List.of(home), home.resolve("s"), true);

        ProcessResult result = run(missing.forTests(spec("echo ran > ran.txt")));

        assertThat(missing.problem()).get().asString().contains("apt-get install bubblewrap", "agent.sandbox: none");
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(work.resolve("ran.txt")).doesNotExist();
        assertThat(Files.readString(result.logFile())).contains("bubblewrap (bwrap) is not installed");
    }

    @Test
    void aProgramTheSandboxCannotStartIsReportedAsNotStarted() {
        ProcessResult result = run(sandbox.forTests(ProcessSpec.of("missing", List.of("no-such-program-here"), work, env,
                Duration.ofSeconds(60), dir.resolve("missing.log"))));

        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.tail()).contains(ProcessRunner.COULD_NOT_START + "no-such-program-here");
    }

    @Test
    void noneRunsTheCommandAsItIs() {
        ProcessSpec spec = spec("true");
        assertThat(Sandbox.none().forTests(spec)).isSameAs(spec);
        assertThat(Sandbox.none().problem()).isEmpty();
    }

    private ProcessSpec spec(String script) {
        return spec(script, Map.of());
    }

    private ProcessSpec spec(String script, Map<String, String> variables) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(variables);
        return ProcessSpec.of("script", List.of("bash", "-c", script), work, all, Duration.ofSeconds(120),
                dir.resolve("script.log")).capturingStdout();
    }

    @Test
    void aScriptTheOwnersCommandLineNamesIsShownReadOnlyThoughItLiesInTheHiddenHome() throws IOException {
        Path script = Files.writeString(Files.createDirectories(home.resolve("scripts")).resolve("check.sh"),
                "echo checked; echo x >> \"$0\" || echo \"script read-only\"\n");

        ProcessResult result = run(sandbox.forTests(spec("bash " + script)));

        assertThat(result.stdout()).contains("checked", "script read-only");
        assertThat(Files.readString(script)).doesNotContain("\nx\n");
    }

    private ProcessResult run(ProcessSpec spec) {
        return runner.run(spec);
    }

    private static List<Long> processesWith(String commandLine) throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> cmdline(p).map(c -> c.contains(commandLine)).orElse(false))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .toList();
        }
    }

    private static Optional<String> cmdline(Path proc) {
        try {
            return Optional.of(new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' '));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }
}
