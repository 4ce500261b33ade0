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
import java.util.List;
import java.util.Map;

/**
 * Reads wip-specs: project folders, their project.yml and their spec files. A bad name, a bad
 * project.yml or a bad spec is reported and skipped; everything else is read.
 */
public final class WorkspaceReader {

    private WorkspaceReader() {
    }

    public static Workspace read(Home home) {
        return read(home, null);
    }

    /** @param onlyProject when set, the other projects are not read at all */
    public static Workspace read(Home home, String onlyProject) {
        Path root = home.wipSpecs();
        List<FileProblem> problems = new ArrayList<>();
        List<ProjectQueue> projects = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new Workspace(projects, problems, false);
        }
        Path realRoot = realPath(root);
        for (Path dir : sortedEntries(root)) {
            String name = dir.getFileName().toString();
            if (!Files.isDirectory(dir) || name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            if (onlyProject != null && !onlyProject.equals(name)) {
                continue;
            }
            if (!GitRefNames.isSafeName(name)) {
                problems.add(new FileProblem(null, dir, 0, "project folder name \"" + name
                        + "\" is not allowed (use a-z, 0-9, '.', '_', '-', starting with a letter or digit); skipped"));
                continue;
            }
            if (!insideOf(realRoot, dir)) {
                problems.add(new FileProblem(name, dir, 0, "is a link that leaves wip-specs; skipped"));
                continue;
            }
            projects.add(readProject(name, dir, realRoot));
        }
        return new Workspace(List.copyOf(projects), List.copyOf(problems), Files.exists(home.pauseFile()));
    }

    static ProjectQueue readProject(String name, Path dir, Path realRoot) {
        List<FileProblem> problems = new ArrayList<>();
        ProjectSettings settings = null;
        ConfigException error = null;
        try {
            settings = SettingsFiles.readProject(dir.resolve("project.yml"));
        } catch (ConfigException e) {
            error = e;
            problems.add(new FileProblem(name, e.file(), e.line(),
                    (e.key() != null && !e.key().isEmpty() ? e.key() + ": " : "") + e.problem()
                            + "; the project is skipped until this is fixed"));
        }
        Map<SpecFolder, List<Spec>> specs = new EnumMap<>(SpecFolder.class);
        for (SpecFolder folder : SpecFolder.values()) {
            List<Spec> found = new ArrayList<>();
            Path folderDir = dir.resolve(folder.folderName());
            if (Files.isDirectory(folderDir)) {
                for (Path file : sortedEntries(folderDir)) {
                    readSpec(name, folder, file, realRoot, found, problems);
                }
            }
            specs.put(folder, List.copyOf(found));
        }
        return new ProjectQueue(name, dir, settings, error, specs, List.copyOf(problems));
    }

    private static void readSpec(String project, SpecFolder folder, Path file, Path realRoot, List<Spec> found,
                                 List<FileProblem> problems) {
        String fileName = file.getFileName().toString();
        if (fileName.startsWith(".") || !fileName.endsWith(".md") || fileName.endsWith(".why.md")
                || !Files.isRegularFile(file)) {
            return;
        }
        String specName = fileName.substring(0, fileName.length() - 3);
        if (!GitRefNames.isSafeName(specName)) {
            problems.add(new FileProblem(project, file, 0, "spec name \"" + specName
                    + "\" is not allowed (use a-z, 0-9, '.', '_', '-', starting with a letter or digit); skipped"));
            return;
        }
        if (!insideOf(realRoot, file)) {
            problems.add(new FileProblem(project, file, 0, "is a link that leaves wip-specs; skipped"));
            return;
        }
        try {
            found.add(SpecParser.read(project, folder, file));
        } catch (SpecException e) {
            String message = e.getMessage();
            String prefix = e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": ";
            problems.add(new FileProblem(project, file, e.line(),
                    (message.startsWith(prefix) ? message.substring(prefix.length()) : message) + "; skipped"));
        }
    }

    private static boolean insideOf(Path realRoot, Path path) {
        Path real = realPath(path);
        return real != null && realRoot != null && real.startsWith(realRoot);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return null;
        }
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
