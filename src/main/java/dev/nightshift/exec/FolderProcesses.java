package dev.nightshift.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Kills every process whose working folder is inside a folder: what an agent left running that
 * shed nightshift's marker variable and its process group (e.g. {@code env -u NIGHTSHIFT_RUN
 * setsid ...}) but still works in its copy. Run before the gate and before a working copy is read,
 * so nothing of the agent's changes files while nightshift reads or tests them; and by crash
 * recovery over the whole state folder, for what a batch killed with kill -9 left behind.
 */
public final class FolderProcesses {

    private static final int ROUNDS = 10;
    private static final long REAP_WAIT_NANOS = 2_000_000_000L;
    /** The kernel marks a working folder deleted since with this suffix; it still counts. */
    private static final String DELETED = " (deleted)";

    private FolderProcesses() {
    }

    /**
     * Kills every process but this one and its ancestors whose working folder is {@code folder} or
     * inside it, also when that folder has been deleted since.
     *
     * @return how many processes were killed
     */
    public static int killInside(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        Set<Long> spared = new LinkedHashSet<>();
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current()); p.isPresent(); p = p.get().parent()) {
            spared.add(p.get().pid());
        }
        int killed = 0;
        // A process may fork while it dies: look again until none is left.
        for (int round = 0; round < ROUNDS; round++) {
            Set<ProcessHandle> found = new LinkedHashSet<>();
            ProcessTree.forEachProcess(pid -> {
                if (!spared.contains(pid) && inside(workingFolder(pid), root)) {
                    ProcessHandle.of(pid).filter(ProcessTree::running).ifPresent(found::add);
                }
            });
            if (found.isEmpty()) {
                break;
            }
            found.forEach(ProcessHandle::destroyForcibly);
            killed += found.size();
            long until = System.nanoTime() + REAP_WAIT_NANOS;
            while (System.nanoTime() < until && found.stream().anyMatch(ProcessTree::running)) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return killed;
                }
            }
        }
        return killed;
    }

    /** {@code /proc/<pid>/cwd}, or {@code null} when the process is gone or not ours to look at. */
    static String workingFolder(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).toString();
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    static boolean inside(String workingFolder, Path root) {
        if (workingFolder == null || !workingFolder.startsWith("/")) {
            return false;
        }
        String path = workingFolder.endsWith(DELETED)
                ? workingFolder.substring(0, workingFolder.length() - DELETED.length()) : workingFolder;
        return Path.of(path).normalize().startsWith(root);
    }
}
