package dev.nightshift.spec;

import dev.nightshift.config.ConfigException;
import dev.nightshift.config.ProjectSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One project folder of wip-specs: its settings (or why they could not be read) and its specs by
 * folder.
 */
public record ProjectQueue(String name, Path dir, ProjectSettings settings, ConfigException settingsError,
                           Map<SpecFolder, List<Spec>> specs, List<FileProblem> problems) {

    public boolean usable() {
        return settings != null;
    }

    public List<Spec> in(SpecFolder folder) {
        return specs.getOrDefault(folder, List.of());
    }

    public Optional<Spec> find(String specName) {
        return specs.values().stream().flatMap(List::stream).filter(s -> s.name().equals(specName)).findFirst();
    }

    /** Queued or active: work that is not finished. */
    public boolean hasOpenWork() {
        return !in(SpecFolder.NEXT).isEmpty() || !in(SpecFolder.ACTIVE).isEmpty();
    }

    public List<Spec> all() {
        List<Spec> all = new ArrayList<>();
        specs.values().forEach(all::addAll);
        all.sort(Comparator.comparing(Spec::name));
        return all;
    }

    public Path notesFile() {
        return dir.resolve("notes.md");
    }

    public Path folder(SpecFolder folder) {
        return dir.resolve(folder.folderName());
    }
}
