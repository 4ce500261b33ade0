package dev.nightshift.spec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A spec file as nightshift read it.
 *
 * @param name     the file name without {@code .md}; also the branch suffix {@code nightshift/<name>}
 * @param tasks    the items of its {@code ## Tasks} list; a spec without one is a single task
 * @param modified when the file last changed: among equal priorities the oldest runs first
 */
public record Spec(String project, String name, SpecFolder folder, Path file, String title,
                   SpecFrontMatter meta, List<SpecTask> tasks, boolean hasTaskList, String body,
                   Instant modified, String hash) {

    public String branch() {
        return "nightshift/" + name;
    }

    public List<SpecTask> openTasks() {
        return tasks.stream().filter(t -> !t.done()).toList();
    }

    /** The task to do now: the first unticked one. */
    public Optional<SpecTask> nextTask() {
        return tasks.stream().filter(t -> !t.done()).findFirst();
    }

    public Spec in(SpecFolder newFolder, Path newFile) {
        return new Spec(project, name, newFolder, newFile, title, meta, tasks, hasTaskList, body, modified, hash);
    }
}
