package dev.nightshift.exec;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Kills a command with everything it started: its process group (each command runs under
 * {@code setsid}), its descendants, and every process whose environment carries its marker —
 * the last catches programs that left the group with a {@code setsid} of their own, as agent
 * CLIs do to run their shell tools.
 */
public final class ProcessTree {

    /** The environment variable every child of nightshift carries; its value names the batch and run. */
    public static final String MARKER = "NIGHTSHIFT_RUN";

    private static final Path PROC = Path.of("/proc");
    private static final Duration GRACE = Duration.ofMillis(1000);
    private static final Duration REAP_WAIT = Duration.ofSeconds(2);

    private ProcessTree() {
    }

    /**
     * SIGTERM to all, a short grace, then SIGKILL to whatever is left, repeated while new
     * processes keep appearing (a tree that forks while it dies).
     *
     * @param pid         the command's own process (its group leader)
     * @param markerValue the value of {@link #MARKER} given to the command
     * @return how many processes were signalled
     */
    public static int kill(long pid, String markerValue) {
        Set<ProcessHandle> members = members(pid, markerValue, true);
        if (members.isEmpty()) {
            return 0;
        }
        members.forEach(ProcessHandle::destroy);
        long waitUntil = System.nanoTime() + GRACE.toNanos();
        while (System.nanoTime() < waitUntil && members.stream().anyMatch(ProcessTree::running)) {
            sleep(50);
        }
        int signalled = members.size();
        Set<ProcessHandle> all = new LinkedHashSet<>(members);
        for (int round = 0; round < 20; round++) {
            Set<ProcessHandle> left = members(pid, markerValue, true);
            if (left.isEmpty()) {
                break;
            }
            // Leaves before the root: a parent still alive reaps its killed children at once,
            // where an orphan waits for init to reap it.
            left.stream().filter(h -> h.pid() != pid).forEach(ProcessHandle::destroyForcibly);
            sleep(30);
            left.stream().filter(h -> h.pid() == pid).forEach(ProcessHandle::destroyForcibly);
            all.addAll(left);
            signalled += left.size();
            sleep(50);
        }
        awaitReaped(all);
        return signalled;
    }

    /** A killed orphan stays a zombie until its new parent reaps it; outside checkers still see it. */
    private static void awaitReaped(Set<ProcessHandle> killed) {
        long until = System.nanoTime() + REAP_WAIT.toNanos();
        while (System.nanoTime() < until && killed.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(20);
        }
    }

    /**
     * The marker prefix of one batch of one home: {@code <batchId>@<hash of the home's path>}. Two
     * homes on one machine can start a batch in the same second; the home part keeps the recovery
     * of one from killing the other's processes.
     */
    public static String batchPrefix(Path home, String batchId) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(home.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return batchId + "@" + java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kills every process whose marker starts with {@code prefix}: all children of a batch that died. */
    public static int killByMarkerPrefix(String prefix) {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        forEachProcess(p -> {
            String value = markerOf(p);
            if (value != null && value.startsWith(prefix)) {
                ProcessHandle.of(p).ifPresent(found::add);
            }
        });
        found.removeIf(h -> !running(h));
        found.forEach(ProcessHandle::destroyForcibly);
        return found.size();
    }

    /** The live processes of a command: group, descendants and marker carriers. */
    public static Set<ProcessHandle> members(long pid, String markerValue, boolean aliveOnly) {
        Set<ProcessHandle> members = new LinkedHashSet<>();
        ProcessHandle.of(pid).ifPresent(root -> {
            members.add(root);
            root.descendants().forEach(members::add);
        });
        long self = ProcessHandle.current().pid();
        // Runs after every command, over every process of the machine: a handle is made only for
        // a match, and /proc is read plainly (issue 6: this sweep cost 5-14 ms a command).
        forEachProcess(p -> {
            if (p != self && (processGroupOf(p) == pid || (markerValue != null && markerValue.equals(markerOf(p))))) {
                ProcessHandle.of(p).ifPresent(handle -> {
                    members.add(handle);
                    handle.descendants().forEach(members::add);
                });
            }
        });
        members.removeIf(h -> h.pid() == ProcessHandle.current().pid());
        if (aliveOnly) {
            members.removeIf(h -> !running(h));
        }
        return members;
    }

    /** Alive and not a zombie: a killed process whose parent has not reaped it yet is gone for us. */
    static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        String stat = read(handle.pid(), "stat");
        int state = stat == null ? -1 : stat.lastIndexOf(')') + 2;
        if (state < 2 || state >= stat.length()) {
            return !Files.isDirectory(PROC);
        }
        return stat.charAt(state) != 'Z';
    }

    interface ProcessVisitor {
        void visit(long pid);
    }

    static void forEachProcess(ProcessVisitor visitor) {
        String[] names = PROC.toFile().list();
        if (names == null) {
            return;
        }
        for (String name : names) {
            if (isNumber(name)) {
                // /proc changes under our feet; a process that is gone reads as nothing.
                visitor.visit(Long.parseLong(name));
            }
        }
    }

    /** The process group of a process, from /proc/&lt;pid&gt;/stat; -1 when it is gone. */
    static long processGroupOf(long pid) {
        String stat = read(pid, "stat");
        if (stat == null) {
            return -1;
        }
        try {
            // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 4);
            return Long.parseLong(fields[2]);
        } catch (RuntimeException unexpected) {
            return -1;
        }
    }

    /** The value of {@link #MARKER} in a process's environment, or {@code null}. */
    static String markerOf(long pid) {
        byte[] environ = readBytes(pid, "environ");
        if (environ == null) {
            return null;
        }
        byte[] prefix = (MARKER + "=").getBytes(StandardCharsets.US_ASCII);
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start >= prefix.length && Arrays.equals(environ, start, start + prefix.length, prefix, 0, prefix.length)) {
                    return new String(environ, start + prefix.length, i - start - prefix.length, StandardCharsets.UTF_8);
                }
                start = i + 1;
            }
        }
        return null;
    }

    private static String read(long pid, String file) {
        byte[] bytes = readBytes(pid, file);
        return bytes == null ? null : new String(bytes, StandardCharsets.US_ASCII);
    }

    /** A /proc file's bytes, or {@code null} when the process is gone or not ours to read. */
    private static byte[] readBytes(long pid, String file) {
        try (FileInputStream in = new FileInputStream("/proc/" + pid + "/" + file)) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private static boolean isNumber(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
