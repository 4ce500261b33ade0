package dev.nightshift.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.secret.SecretMasker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTests {

    @TempDir
    Path dir;

    private final ProcessRunner runner = new ProcessRunner(new RunningProcesses(), new ProcessDeadline(),
            SecretMasker.forVariables(List.of("MY_TOKEN"), Map.of("MY_TOKEN", "hunter2-very-secret")));

    private final Map<String, String> env = new ProcessEnvironment(System.getenv(), Set.of()).forTools(Map.of());

    @Test
    void aTreeThatIgnoresTermAndEscapesItsGroupDiesAtTheLimit() throws IOException {
        Path pids = dir.resolve("pids");
        // given a command whose children ignore SIGTERM, and one that leaves the process group
        Path script = script("tree.sh", """
                #!/usr/bin/env bash
                trap '' TERM
                (trap '' TERM; sleep 300) &
                echo $! >> "$1"
                setsid bash -c 'trap "" TERM; sleep 300' &
                echo $! >> "$1"
                echo $$ >> "$1"
                sleep 300
                """);

        // when it runs past its two-second limit
        ProcessResult result = runner.run(ProcessSpec.of("tree", List.of(script.toString(), pids.toString()), dir, env,
                Duration.ofSeconds(2), dir.resolve("tree.log")));

        System.out.println("the tree with a 2s limit ended after " + result.elapsed().toMillis() + " ms");
        // then it is reported as timed out, and none of its processes survives
        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isNotZero();
        List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(started).hasSize(3);
        assertThat(started).allSatisfy(pid ->
                assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d", pid).isEmpty());
        assertThat(Files.readString(dir.resolve("tree.log"))).contains("reached its limit");
    }

    @Test
    void outputGoesToTheLogWithSecretsMaskedAndTheTailIsKept() throws IOException {
        ProcessResult result = runner.run(ProcessSpec.of("echo", List.of("bash", "-c",
                "for i in $(seq 1 100); do echo line $i; done; echo token hunter2-very-secret; echo AKIAABCDEFGHIJKLMNOP >&2; exit 3"),
                dir, env, Duration.ofSeconds(20), dir.resolve("echo.log")));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.timedOut()).isFalse();
        String log = Files.readString(dir.resolve("echo.log"));
        assertThat(log).contains("line 1\n", "line 100", "token [secret]").doesNotContain("hunter2", "AKIAABCDEFGHIJKLMNOP");
        assertThat(result.tail()).contains("line 100").doesNotContain("line 1\n").doesNotContain("hunter2");
    }

    @Test
    void standardInputIsFedThenClosedAndTheEnvironmentIsOnlyWhatWasGiven() {
        ProcessResult result = runner.run(ProcessSpec.of("cat", List.of("bash", "-c", "cat; env | sort"), dir,
                Map.of("PATH", System.getenv("PATH"), "ONLY_THIS", "yes"), Duration.ofSeconds(20),
                dir.resolve("cat.log")).withStdin("the prompt\n").capturingStdout());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout()).contains("the prompt", "ONLY_THIS=yes", ProcessTree.MARKER + "=")
                .doesNotContain("HOME=");
    }

    @Test
    void aCommandThatLeavesABackgroundProcessHoldingItsOutputKeepsItsOwnExitAndTheProcessDies() throws IOException {
        Path pid = dir.resolve("pid");
        // like a test run that starts a server and leaves it: the server holds stdout open
        for (int code : new int[] {0, 3}) {
            ProcessResult result = runner.run(ProcessSpec.of("bg", List.of("bash", "-c",
                    "echo tests passed; (sleep 300 & echo $! > " + pid + "); exit " + code),
                    dir, env, Duration.ofSeconds(60), dir.resolve("bg.log")));

            assertThat(result.exitCode()).isEqualTo(code);
            assertThat(result.timedOut()).isFalse();
            long left = Long.parseLong(Files.readString(pid).strip());
            assertThat(ProcessHandle.of(left).filter(ProcessHandle::isAlive)).as("the process it left").isEmpty();
            assertThat(Files.readString(dir.resolve("bg.log"))).contains("tests passed", "left process(es) running");
        }
    }

    @Test
    void aCommandThatDoesNotExistFailsWithoutHanging() {
        ProcessResult result = runner.run(ProcessSpec.of("missing", List.of("/no/such/binary"), dir, env,
                Duration.ofSeconds(20), dir.resolve("missing.log")));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.timedOut()).isFalse();
    }

    @Test
    void recoveringOneHomeLeavesAnotherHomesProcessesOfTheSameSecondAlone() throws Exception {
        // two homes whose batches started in the same second
        String mine = ProcessTree.batchPrefix(dir.resolve("home-a"), "20261121-140000");
        String theirs = ProcessTree.batchPrefix(dir.resolve("home-b"), "20261121-140000");
        assertThat(mine).isNotEqualTo(theirs).startsWith("20261121-140000@");
        ProcessRunner runnerA = new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none());
        ProcessRunner runnerB = new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none());
        runnerA.markBatch(mine);
        runnerB.markBatch(theirs);
        Path pids = dir.resolve("pids");
        var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (ProcessRunner runner : List.of(runnerA, runnerB)) {
                executor.submit(() -> runner.run(ProcessSpec.of("sleeper", List.of("bash", "-c",
                        "echo $NIGHTSHIFT_RUN $$ >> " + pids + "; sleep 60"), dir, env, Duration.ofSeconds(90),
                        dir.resolve("sleep.log"))));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> Files.exists(pids) && Files.readAllLines(pids).size() == 2);

            // when home A recovers a batch of that id
            int killed = ProcessTree.killByMarkerPrefix(mine + "/");

            // then only home A's process is gone (SIGKILL is delivered asynchronously: wait for it to land)
            assertThat(killed).isPositive();
            List<String> lines = Files.readAllLines(pids);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream()
                    .filter(line -> line.startsWith(mine + "/"))
                    .noneMatch(line -> ProcessHandle.of(Long.parseLong(line.split(" ")[1])).map(ProcessTree::running).orElse(false)));
            for (String line : lines) {
                long pid = Long.parseLong(line.split(" ")[1]);
                boolean alive = ProcessHandle.of(pid).map(ProcessTree::running).orElse(false);
                assertThat(alive).as(line).isEqualTo(line.startsWith(theirs + "/"));
            }
        } finally {
            ProcessTree.killByMarkerPrefix(theirs + "/");
            executor.shutdown();
        }
    }

    private Path script(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void aLoggedCommandIsQuotedSoPastingItRunsTheSame() {
        assertThat(String.join(" ", java.util.List.of("bash", "-c", "python3 -m unittest").stream()
                .map(ProcessRunner::quoted).toList())).isEqualTo("bash -c 'python3 -m unittest'");
        assertThat(ProcessRunner.quoted("it's")).isEqualTo("'it'\\''s'");
        assertThat(ProcessRunner.quoted("")).isEqualTo("''");
    }
}
