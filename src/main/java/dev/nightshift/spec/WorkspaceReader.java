package dev.nightshift.spec;

import dev.nightshift.config.ConfigException;
import dev.nightshift.config.GitRefNames;
import dev.nightshift.config.Home;
import dev.nightshift.config.ProjectSettings;
import dev.nightshift.config.SettingsFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads wip-specs: project folders, their project.yml and their spec files. A bad name, a bad
 * project.yml, a bad spec, a depends-on that can never be met or a link that leaves wip-specs is
 * reported and skipped; everything else is read.
 */
public final class WorkspaceReader {

    /** The project's own files that nightshift reads or writes; none may lead out of wip-specs. */
    private static final List<String> PROJECT_FILES = List.of("project.yml", "notes.md");

    private WorkspaceReader() {
    }

    public static Workspace read(Home home) {
        return read(home, null);
    }

    /** @param onlyProject when set, the other projects are not read at all */
    public static Workspace read(Home home, String onlyProject) {
        return read(home, onlyProject, true);
    }

    /**
     * The projects with their settings (and their settings' problems), but no spec read: for work
     * that needs no queue, such as the integration tests. Thousands of specs cost a read each,
     * even when their parse is remembered.
     */
    public static Workspace readSettings(Home home, String onlyProject) {
        return read(home, onlyProject, false);
    }

    private static Workspace read(Home home, String onlyProject, boolean withSpecs) {
        Path root = home.wipSpecs();
        List<FileProblem> problems = new ArrayList<>();
        List<ProjectQueue> projects = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new Workspace(projects, problems, false);
        }
        WipSpecsBoundary boundary = new WipSpecsBoundary(root);
        List<Path> projectDirs = new ArrayList<>();
        for (Path dir : sortedEntries(root)) {
            String name = dir.getFileName().toString();
            if (!Files.isDirectory(dir) || name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            if (onlyProject != null && !onlyProject.equals(name)) {
                continue;
            }
            Optional<String> badName = GitRefNames.nameProblem(name);
            if (badName.isPresent()) {
                problems.add(new FileProblem(null, dir, 0, "project folder name \"" + name + "\" is not allowed: it "
                        + badName.get() + "; skipped"));
                continue;
            }
            if (!boundary.contains(dir)) {
                problems.add(new FileProblem(name, dir, 0, "is a link that leaves wip-specs; skipped"));
                continue;
            }
            projectDirs.add(dir);
        }
        // Projects are read apart from each other, so on all cores at once: hundreds of projects
        // with thousands of specs are read in every phase and by status. Their order is kept.
        projects.addAll((projectDirs.size() > 1 ? projectDirs.parallelStream() : projectDirs.stream())
                .map(dir -> readProject(dir.getFileName().toString(), dir, boundary, withSpecs)).toList());
        return new Workspace(List.copyOf(projects), List.copyOf(problems), Files.exists(home.pauseFile()));
    }

    static ProjectQueue readProject(String name, Path dir, WipSpecsBoundary boundary) {
        return readProject(name, dir, boundary, true);
    }

    private static ProjectQueue readProject(String name, Path dir, WipSpecsBoundary boundary, boolean withSpecs) {
        List<FileProblem> problems = new ArrayList<>();
        ConfigException error = leavingLink(dir, boundary);
        ProjectSettings settings = null;
        if (error == null) {
            try {
                settings = readSettings(name, dir.resolve("project.yml"));
            } catch (ConfigException e) {
                error = e;
            }
        }
        if (error != null) {
            problems.add(new FileProblem(name, error.file(), error.line(),
                    (error.key() != null && !error.key().isEmpty() ? error.key() + ": " : "") + error.problem()
                            + "; the project is skipped until this is fixed"));
        }
        Map<SpecFolder, List<Spec>> specs = new EnumMap<>(SpecFolder.class);
        Set<String> knownNames = new HashSet<>();
        for (SpecFolder folder : SpecFolder.values()) {
            List<Spec> found = new ArrayList<>();
            Path folderDir = dir.resolve(folder.folderName());
            if (!withSpecs) {
                specs.put(folder, found);
                continue;
            }
            if (Files.isDirectory(folderDir) && boundary.contains(folderDir)) {
                for (Path file : sortedEntries(folderDir)) {
                    readSpec(name, folder, file, boundary, found, knownNames, problems);
                }
            } else if (Files.exists(folderDir) && !Files.isDirectory(folderDir)) {
                problems.add(new FileProblem(name, folderDir, 0, "is not a folder; specs go in " + folder.folderName()
                        + "/ as <name>.md files; skipped"));
            }
            specs.put(folder, found);
        }
        keepOutUnreachable(name, specs, knownNames, problems);
        specs.replaceAll((folder, list) -> List.copyOf(list));
        return new ProjectQueue(name, dir, settings, error, specs, List.copyOf(problems));
    }

    /** project.yml, parsed again only when its text changed since the last read. */
    private static ProjectSettings readSettings(String project, Path file) {
        String text;
        java.time.Instant modified;
        try {
            text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            modified = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            // Missing, unreadable or not UTF-8: the settings reader names the problem.
            return SettingsFiles.readProject(file);
        }
        return SETTINGS.parse(new ParsedFiles.Key(project, "", file), text, modified,
                () -> SettingsFiles.readProject(file, text));
    }

    private static final ParsedFiles<ProjectSettings> SETTINGS = new ParsedFiles<>(ConfigException.class);

    /** A project file or queue folder that is a link out of wip-specs: nightshift would read or write through it. */
    private static ConfigException leavingLink(Path dir, WipSpecsBoundary boundary) {
        List<String> names = new ArrayList<>(PROJECT_FILES);
        for (SpecFolder folder : SpecFolder.values()) {
            names.add(folder.folderName());
        }
        for (String entry : names) {
            Path path = dir.resolve(entry);
            if (!boundary.contains(path)) {
                return new ConfigException(path, 0, null, "is a link that leaves wip-specs");
            }
        }
        return null;
    }

    private static void readSpec(String project, SpecFolder folder, Path file, WipSpecsBoundary boundary,
                                 List<Spec> found, Set<String> knownNames, List<FileProblem> problems) {
        String fileName = file.getFileName().toString();
        if (fileName.startsWith(".") || fileName.endsWith(".why.md") || fileName.contains(".md.replaced-")
                || ReviewFiles.isReviewFile(fileName)) {
            return;
        }
        // A plain file in a folder already found inside wip-specs is inside too: only a link needs
        // following, which costs a real-path walk per file on a queue of thousands.
        boolean link = Files.isSymbolicLink(file);
        if (link ? Files.isDirectory(file) : Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new FileProblem(project, file, 0, "is a folder; specs are files named <name>.md; skipped"));
            return;
        }
        if (!fileName.endsWith(".md")) {
            problems.add(new FileProblem(project, file, 0, "is not a spec: spec files are named <name>.md; skipped"));
            return;
        }
        String specName = fileName.substring(0, fileName.length() - 3);
        knownNames.add(specName);
        Optional<String> badName = GitRefNames.nameProblem(specName);
        if (badName.isPresent()) {
            problems.add(new FileProblem(project, file, 0, "spec name \"" + specName + "\" is not allowed: it "
                    + badName.get() + "; skipped"));
            return;
        }
        if (link && !boundary.contains(file)) {
            problems.add(new FileProblem(project, file, 0, "is a link that leaves wip-specs; skipped"));
            return;
        }
        try {
            Spec spec = SpecParser.read(project, folder, file);
            Optional<UneditedTemplate.Found> template = folder == SpecFolder.NEXT ? UneditedTemplate.find(spec) : Optional.empty();
            if (template.isPresent()) {
                problems.add(new FileProblem(project, file, template.get().line(), template.get().message()));
                return;
            }
            found.add(spec);
        } catch (SpecException e) {
            String message = e.getMessage();
            String prefix = e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": ";
            problems.add(new FileProblem(project, file, e.line(),
                    (message.startsWith(prefix) ? message.substring(prefix.length()) : message) + "; skipped"));
        }
    }

    /** Queued specs whose depends-on can never be met leave the queue, each with its reason. */
    private static void keepOutUnreachable(String project, Map<SpecFolder, List<Spec>> specs, Set<String> knownNames,
                                           List<FileProblem> problems) {
        List<Spec> queued = new ArrayList<>(specs.get(SpecFolder.ACTIVE));
        queued.addAll(specs.get(SpecFolder.NEXT));
        List<Spec> unfinished = new ArrayList<>(queued);
        unfinished.addAll(specs.get(SpecFolder.BLOCKED));
        Map<Spec, String> unreachable = DependencyProblems.find(queued, unfinished, knownNames);
        unreachable.forEach((spec, message) -> {
            specs.get(spec.folder()).remove(spec);
            problems.add(new FileProblem(project, spec.file(), DependencyProblems.lineOf(spec), message));
        });
    }

    private static List<Path> sortedEntries(Path dir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            return entries;
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return entries;
    }
}
