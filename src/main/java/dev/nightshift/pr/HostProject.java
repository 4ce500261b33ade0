package dev.nightshift.pr;

import dev.nightshift.config.ProjectSettings;
import java.nio.file.Path;

/** What a host needs to know of a project: its settings, nightshift's clone of the repository, and a log for git. */
public record HostProject(String name, ProjectSettings settings, Path repository, Path gitLog) {
}
