package dev.nightshift.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.Database;
import dev.nightshift.store.SpecMoveRepository;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project's notes.md gets a line per finished spec, written whole or not at all. */
class ProjectNotesTests {

    private static final Instant T = Instant.parse("2026-01-13T14:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aFinishedSpecIsAddedByWritingTheNotesAnewNeverInPlace() throws Exception {
        TestHome.write(dir.resolve("wip-specs/shop/project.yml"), "repo: /tmp/x.git\ntest: true\n");
        TestHome.write(dir.resolve("wip-specs/shop/done/0001-cart.md"), "# Cart\n");
        Path notes = dir.resolve("wip-specs/shop/notes.md");
        TestHome.write(notes, "# Shop\n\nThe owner's words.");
        // A second name for the notes as they are now: a reader that opened them before the write.
        Path before = dir.resolve("notes-as-read.md");
        Files.createLink(before, notes);

        try (Database.Held held = Database.hold(new Home(dir))) {
            SpecMoveRepository moves = new SpecMoveRepository(held.jdbc(), SecretMasker.none());
            moves.record("b1", "shop", "0001-cart", "active", "done", "PR #1 was merged", T);
            ProjectNotes projectNotes = new ProjectNotes(moves, Clock.fixed(T, ZoneOffset.UTC));

            int added = projectNotes.keep(new BatchRun("b1", false, null, T, "cli"), WorkspaceReader.read(new Home(dir)));

            assertThat(added).isOne();
        }
        assertThat(notes).content().isEqualTo("# Shop\n\nThe owner's words.\n- 2026-01-13: done: 0001-cart (\"Cart\");"
                + " PR #1 was merged\n");
        assertThat(before).as("the old file was replaced whole, not appended to").content()
                .isEqualTo("# Shop\n\nThe owner's words.");
        try (var left = Files.list(notes.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left beside it")
                    .containsExactlyInAnyOrder("project.yml", "notes.md", "done");
        }
    }
}
