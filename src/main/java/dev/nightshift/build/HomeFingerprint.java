package dev.nightshift.build;

import dev.nightshift.config.Home;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.git.Git;
import dev.nightshift.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Did anything change, while the agent or its tests ran, that only the owner may change and that
 * nightshift itself never writes during a run? The home's settings ({@code nightshift.yml}, every
 * {@code project.yml}), its {@code prompts/} and {@code scripts/}, the database file's presence and
 * identity, nightshift's clone's {@code .git/config} and hooks, and the remote's branches and tags
 * (a push nightshift made itself is recorded with {@link #pushed} and does not count). Without a
 * sandbox, an agent can reach all of these; this check is what then stands between it and a push.
 */
@Component
class HomeFingerprint {

    /**
     * What was seen: one value per thing watched, and the text of the settings files, to put them
     * back should the agent change them.
     */
    public record Print(Map<String, String> items, Map<Path, String> settings) {
    }

    private static final String REMOTE = "the remote's ";
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final long MAX_SETTINGS_BYTES = 1024 * 1024;

    private final Home home;
    private final Git git;
    private final Set<String> ownPushes = ConcurrentHashMap.newKeySet();

    public HomeFingerprint(Home home, Git git) {
        this.home = home;
        this.git = git;
    }

    /** Records a push of nightshift's own, so the remote's change it makes is not taken for the agent's. */
    public void pushed(String ref, String commit) {
        ownPushes.add(ref + " " + commit);
    }

    private static final String OWN_REFS = "refs/nightshift/";
    private static final String SPEC_BRANCHES = "refs/heads/nightshift/";

    public Print take(Path clone, Path gitLog) {
        Map<String, String> items = new TreeMap<>();
        Map<Path, String> settings = new HashMap<>();
        items.put("nightshift.yml", content(home.settingsFile()));
        text(home.settingsFile()).ifPresent(t -> settings.put(home.settingsFile(), t));
        try (Stream<Path> projects = Files.list(home.wipSpecs())) {
            for (Path project : projects.sorted().toList()) {
                if (Files.isDirectory(project, LinkOption.NOFOLLOW_LINKS)) {
                    Path file = project.resolve("project.yml");
                    items.put("wip-specs/" + project.getFileName() + "/project.yml", content(file));
                    text(file).ifPresent(t -> settings.put(file, t));
                }
            }
        } catch (IOException e) {
            items.put("wip-specs/", "unreadable");
        }
        items.put("prompts/", tree(home.root().resolve("prompts")));
        items.put("scripts/", tree(home.root().resolve("scripts")));
        items.put(".nightshift/ (the database file)", identity(home.state().resolve("db.mv.db")));
        items.put(".nightshift/db.password", content(home.databasePassword()));
        items.put("nightshift's clone's .git/config", content(clone.resolve(".git").resolve("config")));
        items.put("nightshift's clone's .git/hooks/", tree(clone.resolve(".git").resolve("hooks")));
        // The guards judge a candidate against the clone's record of what was published, and git
        // reads grafts and alternates as history: none of it changes while an agent or its tests run.
        items.put("nightshift's clone's .git/info/grafts", content(clone.resolve(".git/info/grafts")));
        items.put("nightshift's clone's .git/objects/info/alternates", content(clone.resolve(".git/objects/info/alternates")));
        ProcessResult ownRefs = git.run(clone, gitLog, "for-each-ref", "--format=%(refname) %(objectname)");
        items.put("nightshift's clone's refs", ownRefs.succeeded() ? ownRefs.stdout().lines()
                // nightshift's own refs move while it merges base in and checks out for the gate
                .filter(l -> !l.startsWith(OWN_REFS) && !l.startsWith(SPEC_BRANCHES)).reduce("", (a, b) -> a + b + "\n") : "unreadable");
        ProcessResult refs = git.run(clone, gitLog, "ls-remote", "--heads", "--tags", "origin");
        if (refs.succeeded()) {
            refs.stdout().lines().map(l -> l.split("\t", 2)).filter(f -> f.length == 2)
                    .forEach(f -> items.put(REMOTE + f[1].strip(), f[0].strip()));
        } else {
            items.put(REMOTE + "refs", "unreachable");
        }
        return new Print(Map.copyOf(items), Map.copyOf(settings));
    }

    /**
     * The print also watching these files of the home, each named by its path in the home and
     * put back like the settings when it changed.
     */
    public Print alsoWatching(Print print, List<Path> files) {
        Map<String, String> items = new TreeMap<>(print.items());
        Map<Path, String> settings = new HashMap<>(print.settings());
        for (Path file : files) {
            items.put(home.root().relativize(file).toString(), content(file));
            text(file).ifPresent(t -> settings.put(file, t));
        }
        return new Print(Map.copyOf(items), Map.copyOf(settings));
    }

    /**
     * Writes back every settings file whose text is no longer what {@code before} saw, so that the
     * next batch does not trust what the agent wrote.
     *
     * @return the files put back, relative to the home
     */
    public List<String> putBack(Print before, String batchId) {
        List<String> restored = new ArrayList<>();
        // Nothing is lost: what the file held instead is kept in the batch's report folder, which no
        // batch reads as settings, so an owner's own edit made during the run can be taken back.
        Path keptIn = home.batchLogs(batchId).resolveSibling("changed-settings");
        for (Map.Entry<Path, String> file : before.settings().entrySet()) {
            Optional<String> now = text(file.getKey());
            if (!now.equals(Optional.of(file.getValue()))) {
                try {
                    String relative = home.root().relativize(file.getKey()).toString();
                    if (now.isPresent()) {
                        AtomicFiles.write(keptIn.resolve(relative), now.get());
                    }
                    AtomicFiles.write(file.getKey(), file.getValue());
                    restored.add(relative);
                } catch (IOException e) {
                    // named as changed all the same; the owner puts it right
                }
            }
        }
        return restored;
    }

    /** The text of a small regular file (not a link), if it is one. */
    private static Optional<String> text(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || attributes.size() > MAX_SETTINGS_BYTES) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The things that changed from {@code before} to {@code after}, named for the owner; empty when none. */
    public List<String> changed(Print before, Print after) {
        Set<String> names = new TreeSet<>(before.items().keySet());
        names.addAll(after.items().keySet());
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            String was = before.items().getOrDefault(name, "absent");
            String now = after.items().getOrDefault(name, "absent");
            if (was.equals(now)) {
                continue;
            }
            if (name.startsWith(REMOTE) && (ownPushes.contains(name.substring(REMOTE.length()) + " " + now)
                    || now.equals("unreachable") || was.equals("unreachable"))) {
                continue;
            }
            changed.add(name + (now.equals("absent") ? " (removed)" : was.equals("absent") ? " (added)" : " (changed)"));
        }
        return changed;
    }

    private static String content(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                return "link to " + Files.readSymbolicLink(file);
            }
            if (!attributes.isRegularFile()) {
                return attributes.isDirectory() ? "folder" : "other";
            }
            if (attributes.size() > MAX_FILE_BYTES) {
                return "size " + attributes.size() + ", modified " + attributes.lastModifiedTime();
            }
            MessageDigest digest = sha256();
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                digest.update(in.readAllBytes());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return "absent";
        }
    }

    /** Which file it is, not what it holds: nightshift writes the database all the time. */
    private static String identity(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? "file " + attributes.fileKey() : "not a file";
        } catch (IOException e) {
            return "absent";
        }
    }

    /** Every path under a folder with its content, links as links. */
    private static String tree(Path folder) {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return "absent";
        }
        MessageDigest digest = sha256();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted().toList()) {
                digest.update((folder.relativize(path) + "\0" + content(path) + "\0").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return "unreadable";
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
