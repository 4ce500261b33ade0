package dev.nightshift.testcount;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which JUnit XML reports did this test run write? Only those may be counted: a report that was
 * already there (planted by the agent, left by an earlier run, or committed) proves nothing about
 * this run. A file counts when it appeared or changed while the command ran, its time lies within
 * the run (not set into the future beforehand), and it is not a file of the commit's tree.
 */
final class WrittenReports {

    /** Folders that never hold a run's own reports, and are large. */
    private static final Set<String> SKIP = Set.of(".git", ".nightshift", "node_modules", ".venv", "venv",
            "__pycache__", ".gradle", ".idea");
    static final long MAX_REPORT_BYTES = 50L * 1024 * 1024;

    private final Path checkout;
    private final List<PathMatcher> globs;
    private final Map<Path, FileTime> before;

    /**
     * Takes note of the reports there before the run.
     *
     * @param globs the owner's {@code test-reports:} globs, relative to the checkout; empty: every {@code *.xml}
     */
    WrittenReports(Path checkout, List<String> globs) {
        this.checkout = checkout;
        this.globs = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        this.before = candidates();
    }

    /**
     * The reports the run wrote between {@code started} and {@code ended}, relative to the checkout,
     * sorted; the caller still takes out those the commit's tree holds.
     */
    Set<Path> after(Instant started, Instant ended) {
        // File systems keep times to the second or coarser: a report written in the run's first second counts.
        FileTime from = FileTime.from(started.truncatedTo(ChronoUnit.SECONDS));
        FileTime to = FileTime.from(ended.plusSeconds(1));
        Set<Path> written = new TreeSet<>();
        candidates().forEach((file, time) -> {
            boolean changed = !time.equals(before.get(file));
            if (changed && time.compareTo(from) >= 0 && time.compareTo(to) <= 0) {
                written.add(file);
            }
        });
        return written;
    }

    /** The candidates now, with their modification times; only regular files, links never followed. */
    Map<Path, FileTime> candidates() {
        Map<Path, FileTime> found = new HashMap<>();
        if (!Files.isDirectory(checkout)) {
            return found;
        }
        try {
            Files.walkFileTree(checkout, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return SKIP.contains(String.valueOf(d.getFileName())) && !d.equals(checkout)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path relative = checkout.relativize(file);
                    if (attrs.isRegularFile() && attrs.size() < MAX_REPORT_BYTES && wanted(relative)) {
                        found.put(relative, attrs.lastModifiedTime());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    private boolean wanted(Path relative) {
        if (globs.isEmpty()) {
            return relative.getFileName().toString().endsWith(".xml");
        }
        return globs.stream().anyMatch(g -> g.matches(relative));
    }
}
