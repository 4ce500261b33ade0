package dev.nightshift.maintenance;

import dev.nightshift.io.AtomicFiles;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.Workspace;
import dev.nightshift.store.Records.SpecMove;
import dev.nightshift.store.SpecMoveRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps each project's notes.md, the project's memory that the agent reads: a dated line for every
 * spec that reached done/ in this batch is added at its end, the file written atomically. The
 * owner's own text is never changed, compacted or removed.
 */
@Component
class ProjectNotes {

    private static final Logger log = LoggerFactory.getLogger(ProjectNotes.class);

    private final SpecMoveRepository moves;
    private final Clock clock;

    public ProjectNotes(SpecMoveRepository moves, Clock clock) {
        this.moves = moves;
        this.clock = clock;
    }

    /** @return how many lines were appended */
    public int keep(BatchRun run, Workspace workspace) throws IOException {
        List<SpecMove> finished = moves.forBatch(run.batchId()).stream().filter(m -> "done".equals(m.toFolder())).toList();
        int appended = 0;
        for (SpecMove move : finished) {
            Optional<ProjectQueue> project = workspace.project(move.project());
            if (project.isEmpty()) {
                continue;
            }
            String title = project.get().find(move.spec()).map(Spec::title).orElse(move.spec());
            String line = "- " + LocalDate.now(clock) + ": done: " + move.spec() + " (\"" + title + "\")"
                    + (move.reason() != null ? "; " + move.reason() : "") + "\n";
            Path notes = project.get().notesFile();
            if (run.dryRun()) {
                log.info("DRY-RUN: would append to {}: {}", notes, line.strip());
                continue;
            }
            String current = Files.isRegularFile(notes) ? Files.readString(notes, StandardCharsets.UTF_8) : null;
            String prefix = current == null ? "# Notes on " + move.project() + "\n\nnightshift adds a line when a spec is done.\n\n"
                    : current.isEmpty() || current.endsWith("\n") ? "" : "\n";
            // The whole file anew, renamed over the old: a full disk or a crash never leaves it half-written.
            AtomicFiles.write(notes, (current == null ? "" : current) + prefix + line);
            appended++;
        }
        return appended;
    }
}
