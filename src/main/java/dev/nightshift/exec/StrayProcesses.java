package dev.nightshift.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which processes still work inside a folder? A batch that died (kill -9) can leave processes that
 * dropped the marker variable and left their group ({@code env -u NIGHTSHIFT_RUN setsid ...}),
 * mostly in {@code agent.sandbox: none} mode (a sandbox dies with the batch). What gives them
 * away is their working folder: a worktree or working copy in nightshift's state folder.
 */
public final class StrayProcesses {

    private static final Duration REAP_WAIT = Duration.ofSeconds(5);

    private StrayProcesses() {
    }

    /**
     * Kills every process (but this one and its ancestors) whose working folder is {@code folder}
     * or inside it, also when that folder has been deleted since.
     *
     * @return how many were killed
     */
    public static int killWorkingIn(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        Set<Long> spared = new LinkedHashSet<>();
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current()); p.isPresent(); p = p.get().parent()) {
            spared.add(p.get().pid());
        }
        Set<ProcessHandle> found = new LinkedHashSet<>();
        ProcessTree.forEachProcess(pid -> {
            if (!spared.contains(pid) && inside(workingFolder(pid), root)) {
                ProcessHandle.of(pid).filter(ProcessTree::running).ifPresent(found::add);
            }
        });
        found.forEach(ProcessHandle::destroyForcibly);
        long until = System.nanoTime() + REAP_WAIT.toNanos();
        while (System.nanoTime() < until && found.stream().anyMatch(ProcessTree::running)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return found.size();
    }

    /** {@code /proc/<pid>/cwd}, or {@code null} when the process is gone or not ours to look at. */
    static String workingFolder(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).toString();
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /** The kernel marks a working folder deleted since with a " (deleted)" suffix; it still counts. */
    static boolean inside(String workingFolder, Path root) {
        if (workingFolder == null || !workingFolder.startsWith("/")) {
            return false;
        }
        String path = workingFolder.endsWith(" (deleted)")
                ? workingFolder.substring(0, workingFolder.length() - " (deleted)".length()) : workingFolder;
        return Path.of(path).normalize().startsWith(root);
    }
}
