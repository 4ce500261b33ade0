package dev.nightshift.batch;

import dev.nightshift.config.GitRefNames;
import dev.nightshift.config.Home;
import dev.nightshift.spec.FileProblem;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Can a batch be asked to work on this one project ({@code run --project P})? Only a project
 * folder of wip-specs with a name nightshift accepts and a valid project.yml: anything else is bad
 * usage, said before a batch is recorded, rather than a batch that fails, or "succeeds" at nothing.
 */
public final class ProjectFilter {

    private ProjectFilter() {
    }

    /**
     * Why {@code name} cannot be worked on, or empty when it can (or when no project was named).
     *
     * @param workspace wip-specs as read for {@code name}
     */
    public static Optional<String> problem(Home home, Workspace workspace, String name) {
        if (name == null) {
            return Optional.empty();
        }
        Optional<String> badName = GitRefNames.nameProblem(name);
        if (badName.isPresent()) {
            return Optional.of("--project \"" + name + "\" is not a project name nightshift accepts: it " + badName.get());
        }
        Optional<ProjectQueue> project = workspace.project(name);
        if (project.isEmpty()) {
            Path dir = home.wipSpecs().resolve(name);
            return Optional.of(workspace.problems().stream().filter(p -> dir.equals(p.file())).findFirst()
                    .map(FileProblem::toString).map(why -> "project " + name + " cannot run: " + why)
                    .orElseGet(() -> "there is no project " + name + " in " + home.wipSpecs() + knownProjects(home)));
        }
        if (!project.get().usable()) {
            return Optional.of("project " + name + " cannot run: " + project.get().settingsError().getMessage());
        }
        return Optional.empty();
    }

    private static String knownProjects(Home home) {
        if (!Files.isDirectory(home.wipSpecs())) {
            return " (there is no wip-specs folder)";
        }
        try (Stream<Path> entries = Files.list(home.wipSpecs())) {
            List<String> names = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(GitRefNames::isSafeName).sorted().toList();
            return names.isEmpty() ? " (it has no project yet)" : " (its projects: " + String.join(", ", names) + ")";
        } catch (IOException e) {
            return "";
        }
    }
}
