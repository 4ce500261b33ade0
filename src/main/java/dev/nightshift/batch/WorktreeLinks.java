package dev.nightshift.batch;

import dev.nightshift.config.Home;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Do this home's worktrees link to this home's clones? git writes both links as absolute paths:
 * a worktree's {@code .git} file names its clone's {@code .git/worktrees/<id>}, which names the
 * worktree back. A home moved or copied to another folder keeps the old paths, and a copy then
 * commits into the original's clone and pushes from there. So at a batch's start every link is
 * pointed back into this home, and a link that cannot be (its other end is not in this home) is
 * dropped: the worktree is made again from its branch, which lives in the clone.
 */
@Component
public class WorktreeLinks {

    private static final Logger log = LoggerFactory.getLogger(WorktreeLinks.class);
    private static final String GITDIR = "gitdir: ";

    private final Home home;

    public WorktreeLinks(Home home) {
        this.home = home;
    }

    /** @return how many links were pointed back into this home or dropped */
    public int repair() {
        int changed = 0;
        for (Path project : folders(home.worktrees())) {
            changed += repair(project, home.clone(project.getFileName().toString()).resolve(".git").resolve("worktrees"));
        }
        if (changed > 0) {
            log.info("{} worktree link(s) pointed elsewhere (the home was moved or copied); repaired to {}", changed,
                    home.root());
        }
        return changed;
    }

    private int repair(Path projectWorktrees, Path admin) {
        int changed = 0;
        Set<Path> claimed = new HashSet<>();
        for (Path worktree : folders(projectWorktrees)) {
            Path dotGit = worktree.resolve(".git");
            if (!Files.isRegularFile(dotGit)) {
                continue;
            }
            String linked = read(dotGit).strip();
            if (!linked.startsWith(GITDIR)) {
                continue;
            }
            Path entry = admin.resolve(Path.of(linked.substring(GITDIR.length())).getFileName().toString());
            if (!Files.isDirectory(entry)) {
                // Its clone here knows no such worktree: what it holds came from elsewhere.
                deleteTree(worktree);
                changed++;
                continue;
            }
            claimed.add(entry);
            changed += write(dotGit, GITDIR + entry.toAbsolutePath() + "\n") ? 1 : 0;
            write(entry.resolve("gitdir"), dotGit.toAbsolutePath() + "\n");
        }
        for (Path entry : folders(admin)) {
            Path back = Files.isRegularFile(entry.resolve("gitdir")) ? Path.of(read(entry.resolve("gitdir")).strip()) : null;
            if (!claimed.contains(entry) && back != null && !inHome(back)) {
                // A worktree of the folder this home was copied from: it would block its branch here.
                deleteTree(entry);
                changed++;
            }
        }
        return changed;
    }

    private boolean inHome(Path path) {
        Path root = home.root().toAbsolutePath().normalize();
        try {
            return path.startsWith(root) || path.startsWith(root.toRealPath());
        } catch (IOException e) {
            return path.startsWith(root);
        }
    }

    private static List<Path> folders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether the file's text changed */
    private static boolean write(Path file, String text) {
        if (text.equals(read(file))) {
            return false;
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
