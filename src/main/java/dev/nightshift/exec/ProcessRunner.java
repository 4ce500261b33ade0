package dev.nightshift.exec;

import dev.nightshift.secret.SecretMasker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.Executor;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs every external command nightshift starts (agent, git, tests) the same way: in its own
 * process group, with a reduced environment, standard input closed or fed then closed, output
 * to a masked log file, and a timeout at which the whole tree dies.
 */
@Component
public class ProcessRunner {

    private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);
    private static final Duration PUMP_STOP = Duration.ofSeconds(2);
    private static final boolean HAS_SETSID = Files.isExecutable(Path.of("/usr/bin/setsid"))
            || Files.isExecutable(Path.of("/bin/setsid"));
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** How the log (and the result's tail) says that a command could not be started, before its reason. */
    public static final String COULD_NOT_START = "nightshift: could not start ";
    private static final String SETSID_FAILED = "setsid: failed to execute ";

    private final RunningProcesses running;
    private final ProcessDeadline deadline;
    private final SecretMasker masker;
    private volatile String markerPrefix = "adhoc-" + ProcessHandle.current().pid();

    public ProcessRunner(RunningProcesses running, ProcessDeadline deadline, SecretMasker masker) {
        this.running = running;
        this.deadline = deadline;
        this.masker = masker;
    }

    /**
     * Every marker of this batch's processes starts with the batch's prefix
     * ({@link ProcessTree#batchPrefix}), so a later batch of the same home can find leftovers.
     */
    public void markBatch(String batchPrefix) {
        this.markerPrefix = batchPrefix;
    }

    public String markerPrefix() {
        return markerPrefix;
    }

    /** Whether nightshift is stopping: no new agent run may start (see {@link RunningProcesses#stopAll()}). */
    public boolean stopping() {
        return running.stopping();
    }

    /** A fresh marker for one command; give it to the command as {@link ProcessTree#MARKER}. */
    public String newMarker() {
        return markerPrefix + "/" + SEQUENCE.incrementAndGet();
    }

    public ProcessResult run(ProcessSpec spec) {
        return run(spec, newMarker());
    }

    /** Runs the command with the given marker in its environment (the agent also sees it as NIGHTSHIFT_RUN). */
    public ProcessResult run(ProcessSpec spec, String marker) {
        Duration timeout = deadline.clamp(spec.timeout());
        Map<String, String> env = new HashMap<>(spec.env());
        env.put(ProcessTree.MARKER, marker);
        Confinement confinement = spec.confinement();
        if (confinement != null && confinement.bwrap() == null) {
            return notStarted(spec, confinement.missing());
        }
        try (ScratchHome scratch = confinement == null ? null : ScratchHome.create(confinement.scratchRoot())) {
            List<String> words = spec.command();
            if (scratch != null) {
                env.put("HOME", scratch.path().toString());
                words = BubblewrapArguments.command(confinement, spec.workDir(), scratch.path(), words);
            }
            return run(spec, marker, timeout, env, words);
        }
    }

    private ProcessResult notStarted(ProcessSpec spec, String why) {
        try (LogSink sink = new LogSink(spec.logFile(), masker, false)) {
            sink.note(COULD_NOT_START + spec.command().get(0) + ": " + why);
            return new ProcessResult(-1, false, Duration.ZERO, sink.tail(), "", spec.logFile());
        }
    }

    private ProcessResult run(ProcessSpec spec, String marker, Duration timeout, Map<String, String> env,
                              List<String> words) {
        CommandLine command = commandLine(words);
        AtomicReference<Process> process = new AtomicReference<>();
        DefaultExecutor executor = new DefaultExecutor() {
            @Override
            protected Process launch(CommandLine cl, Map<String, String> environment, Path dir) throws IOException {
                Process p = super.launch(cl, environment, dir);
                process.set(p);
                return p;
            }
        };
        executor.setWorkingDirectory(spec.workDir().toFile());
        executor.setExitValues(null);

        Instant start = Instant.now();
        AtomicBoolean timedOut = new AtomicBoolean();
        try (LogSink sink = new LogSink(spec.logFile(), masker, spec.captureStdout())) {
            sink.note("$ " + masker.mask(String.join(" ", shorten(spec.command()))) + "    # in " + spec.workDir()
                    + ", timeout " + timeout.toSeconds() + "s"
                    + (spec.confinement() != null ? ", in the bubblewrap sandbox (HOME " + env.get("HOME") + ")" : ""));
            PumpStreamHandler streams = new PumpStreamHandler(sink.stream(true), sink.stream(false),
                    spec.stdin() == null ? null : new ByteArrayInputStream(spec.stdin().getBytes(StandardCharsets.UTF_8)));
            streams.setStopTimeout(PUMP_STOP);
            executor.setStreamHandler(streams);

            Completion handler = new Completion();
            try {
                executor.execute(command, env, handler);
            } catch (IOException e) {
                sink.note(COULD_NOT_START + spec.command().get(0) + ": " + e.getMessage());
                return new ProcessResult(-1, false, Duration.between(start, Instant.now()), sink.tail(), "", spec.logFile());
            }
            long pid = waitForPid(process, handler);
            int leftBehind = 0;
            if (pid > 0) {
                running.started(pid, marker, () -> timedOut.set(true));
            }
            try {
                handler.waitFor(timeout);
                if (!handler.hasResult()) {
                    timedOut.set(true);
                    sink.note("nightshift: " + spec.label() + " reached its limit of " + timeout.toSeconds()
                            + "s; killing its process tree");
                    int killed = pid > 0 ? ProcessTree.kill(pid, marker) : 0;
                    sink.note("nightshift: signalled " + killed + " process(es)");
                    handler.waitFor(PUMP_STOP.multipliedBy(3));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                timedOut.set(true);
                if (pid > 0) {
                    ProcessTree.kill(pid, marker);
                }
            } finally {
                if (pid > 0) {
                    // Anything the command left running in the background dies with it.
                    leftBehind = ProcessTree.kill(pid, marker);
                    running.ended(pid);
                }
            }
            int exit = handler.hasResult() ? handler.getExitValue() : 137;
            if (exit == Executor.INVALID_EXITVALUE && process.get() != null && !process.get().isAlive()) {
                // The command ended, but something it left in the background held its output open
                // past the pumps' stop timeout: commons-exec then reports no exit value. The
                // command's own is the one that counts; what it left behind was killed above.
                exit = process.get().exitValue();
                sink.note("nightshift: " + spec.label() + " left process(es) running that held its output; they were killed");
            } else if (leftBehind > 0 && !timedOut.get()) {
                // Said whether or not the pumps waited for them: that depends on the machine's load.
                sink.note("nightshift: " + spec.label() + " left process(es) running after it ended (" + leftBehind
                        + "); they were killed");
            }
            String notStarted = timedOut.get() ? null : spec.confinement() != null
                    ? SandboxStart.failure(exit, sink.tail()) : wrapperCouldNotStart(exit, sink.tail());
            if (notStarted != null) {
                // setsid ran but could not execute the command (not found, not executable): the
                // command itself never started, as when the JVM cannot launch it (exit -1).
                sink.note(COULD_NOT_START + spec.command().get(0) + ": " + notStarted);
                exit = -1;
            }
            Duration elapsed = Duration.between(start, Instant.now());
            sink.note("nightshift: exit " + exit + (timedOut.get() ? " (timed out)" : "") + " after "
                    + elapsed.toMillis() + " ms");
            log.debug("{} ended with {} after {} ms", spec.label(), exit, elapsed.toMillis());
            return new ProcessResult(exit, timedOut.get(), elapsed, sink.tail(), sink.captured(), spec.logFile());
        }
    }

    /** The reason setsid gave for not executing the command (exit 126 or 127), or {@code null}. */
    private static String wrapperCouldNotStart(int exit, String tail) {
        if (!HAS_SETSID || (exit != 126 && exit != 127)) {
            return null;
        }
        return tail.lines().filter(l -> l.startsWith(SETSID_FAILED)).findFirst()
                .map(l -> l.substring(l.lastIndexOf(": ") + 2).strip()).orElse(null);
    }

    private static CommandLine commandLine(List<String> words) {
        List<String> all = new ArrayList<>();
        if (HAS_SETSID) {
            // Its own session and process group: the whole tree can be signalled at once.
            all.add("setsid");
            all.add("-w");
        }
        all.addAll(words);
        CommandLine command = new CommandLine(all.get(0));
        for (String word : all.subList(1, all.size())) {
            command.addArgument(word, false);
        }
        return command;
    }

    /** Wakes the waiting thread the moment the command ends (commons-exec's own handler polls every 50 ms). */
    private static final class Completion implements ExecuteResultHandler {
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();

        @Override
        public void onProcessComplete(int exitValue) {
            exit.complete(exitValue);
        }

        @Override
        public void onProcessFailed(ExecuteException e) {
            exit.complete(e.getExitValue());
        }

        boolean hasResult() {
            return exit.isDone();
        }

        int getExitValue() {
            return exit.join();
        }

        void waitFor(Duration timeout) throws InterruptedException {
            try {
                exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException notYet) {
                // the caller looks at hasResult()
            }
        }
    }

    private static long waitForPid(AtomicReference<Process> process, Completion handler) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (process.get() == null && !handler.hasResult() && System.nanoTime() < until) {
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Process p = process.get();
        return p == null ? -1 : p.pid();
    }

    /** A long prompt argument would drown the log's first line. */
    /** A word as a shell reads it back: pasting the logged line runs the same command. */
    static String quoted(String word) {
        return !word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static List<String> shorten(List<String> words) {
        List<String> shown = new ArrayList<>();
        for (String word : words) {
            shown.add(word.length() > 200 ? word.substring(0, 60).replace('\n', ' ') + "…(" + word.length() + " chars)"
                    : quoted(word));
        }
        return shown;
    }
}
