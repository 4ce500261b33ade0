package dev.nightshift.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Kills every process whose working folder is inside a folder: what an agent left running that
 * shed nightshift's marker variable and its process group (e.g. {@code env -u NIGHTSHIFT_RUN
 * setsid ...}) but still works in its copy. Run before the gate and before a working copy is
 * read, so nothing of the agent's changes files while nightshift reads or tests them.
 */
public final class FolderProcesses {

    private static final Path PROC = Path.of("/proc");
    private static final int ROUNDS = 10;

    private FolderProcesses() {
    }

    /** @return how many processes were killed */
    public static int killInside(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        long self = ProcessHandle.current().pid();
        int killed = 0;
        // a process may fork while it dies: look again until none is left
        for (int round = 0; round < ROUNDS; round++) {
            Set<ProcessHandle> found = new LinkedHashSet<>();
            try (Stream<Path> entries = Files.list(PROC)) {
                entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                        .mapToLong(Long::parseLong).filter(pid -> pid != self)
                        .filter(pid -> inside(pid, root))
                        .forEach(pid -> ProcessHandle.of(pid).ifPresent(found::add));
            } catch (IOException | RuntimeException e) {
                return killed;
            }
            found.removeIf(h -> !ProcessTree.running(h));
            if (found.isEmpty()) {
                break;
            }
            found.forEach(ProcessHandle::destroyForcibly);
            killed += found.size();
            long until = System.nanoTime() + 2_000_000_000L;
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

    private static boolean inside(long pid, Path root) {
        try {
            Path cwd = Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("cwd"));
            return cwd.startsWith(root);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
