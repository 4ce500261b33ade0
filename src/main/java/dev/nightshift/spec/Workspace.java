package dev.nightshift.spec;

import java.util.List;
import java.util.Optional;

/** Every project of a home's wip-specs, and the problems found while reading them. */
public record Workspace(List<ProjectQueue> projects, List<FileProblem> problems, boolean paused) {

    public Optional<ProjectQueue> project(String name) {
        return projects.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Nothing queued or active anywhere: the idle no-op. */
    public boolean idle() {
        return projects.stream().noneMatch(ProjectQueue::hasOpenWork);
    }

    public List<FileProblem> allProblems() {
        List<FileProblem> all = new java.util.ArrayList<>(problems);
        projects.forEach(p -> all.addAll(p.problems()));
        return all;
    }
}
