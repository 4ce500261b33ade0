package dev.nightshift.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.nightshift.config.Home;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.Database;
import dev.nightshift.store.Observations.SpecIndexChange;
import dev.nightshift.store.SpecChange;
import dev.nightshift.store.SpecIndexRepository;
import dev.nightshift.store.SpecMoveRepository;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec index against the files, which are the truth. */
class SpecIndexReconcilerTests {

    @TempDir
    Path dir;

    private Database.Held held;
    private Home home;
    private SpecIndexRepository index;
    private SpecMoveRepository moves;
    private SpecIndexReconciler reconciler;

    @AfterEach
    void close() {
        held.close();
    }

    @BeforeEach
    void setUp() {
        home = new Home(dir);
        held = Database.hold(home);
        var jdbc = held.jdbc();
        index = new SpecIndexRepository(jdbc);
        moves = new SpecMoveRepository(jdbc, SecretMasker.none());
        reconciler = new SpecIndexReconciler(home, index, moves, Clock.systemUTC());
        TestHome.write(dir.resolve("wip-specs/shop/project.yml"), "repo: /tmp/x.git\ntest: true\n");
        spec("next", "0001-edited", "# Edited\n");
        spec("next", "0002-handmoved", "# Hand moved\n");
        spec("next", "0003-ticked", "# Ticked\n\n## Tasks\n- [ ] One\n- [ ] Two\n");
        spec("next", "0004-deleted", "# Deleted\n");
        spec("next", "0005-nightshift", "# Moved by nightshift\n");
    }

    @Test
    void newChangedRemovedAndHandMovedSpecsAreFoundAndTheHandMoveIsRecordedAsItIs() throws Exception {
        assertThat(reconciler.reconcile(run("b1", false), read())).isEqualTo(Map.of(SpecChange.NEW, 5));

        spec("next", "0001-edited", "# Edited\n\nWith acceptance criteria now.\n");
        Files.createDirectories(dir.resolve("wip-specs/shop/blocked"));
        Files.move(dir.resolve("wip-specs/shop/next/0002-handmoved.md"), dir.resolve("wip-specs/shop/blocked/0002-handmoved.md"));
        spec("next", "0003-ticked", "# Ticked\n\n## Tasks\n- [x] One\n- [ ] Two\n");
        Files.delete(dir.resolve("wip-specs/shop/next/0004-deleted.md"));
        Files.createDirectories(dir.resolve("wip-specs/shop/active"));
        Files.move(dir.resolve("wip-specs/shop/next/0005-nightshift.md"), dir.resolve("wip-specs/shop/active/0005-nightshift.md"));
        moves.record("b2", "shop", "0005-nightshift", "next", "active", "task 1 passed its gate", Instant.now());
        spec("next", "0006-added", "# Added\n");

        Map<SpecChange, Integer> counts = reconciler.reconcile(run("b2", false), read());

        assertThat(counts).isEqualTo(Map.of(SpecChange.NEW, 1, SpecChange.CHANGED, 1, SpecChange.REMOVED, 1,
                SpecChange.MOVED_BY_HAND, 1));
        assertThat(index.changes("b2")).extracting(SpecIndexChange::spec, SpecIndexChange::change, SpecIndexChange::detail)
                .containsExactly(
                        tuple("0001-edited", SpecChange.CHANGED, "its text changed"),
                        tuple("0002-handmoved", SpecChange.MOVED_BY_HAND, "from next/ to blocked/"),
                        tuple("0004-deleted", SpecChange.REMOVED, "was in next/"),
                        tuple("0006-added", SpecChange.NEW, "in next/"));
        assertThat(moves.forSpec("shop", "0002-handmoved")).singleElement().satisfies(m -> {
            assertThat(m.batchId()).isEqualTo("b2");
            assertThat(m.fromFolder() + " -> " + m.toFolder()).isEqualTo("next -> blocked");
            assertThat(m.reason()).isEqualTo("moved by hand (found by the spec index)");
        });
        assertThat(dir.resolve("wip-specs/shop/blocked/0002-handmoved.md")).as("the owner's move stands").exists();
        assertThat(index.entry("shop", "0002-handmoved").orElseThrow().folder()).isEqualTo("blocked");
        assertThat(index.entry("shop", "0005-nightshift").orElseThrow().folder()).isEqualTo("active");
        assertThat(index.entry("shop", "0004-deleted").orElseThrow().removedAt()).isNotNull();

        assertThat(reconciler.reconcile(run("b3", false), read())).as("nothing changed since").isEmpty();
    }

    @Test
    void aDryRunFindsTheChangesButRecordsNothing() {
        assertThat(reconciler.reconcile(run("b1", true), read())).isEqualTo(Map.of(SpecChange.NEW, 5));

        assertThat(index.entries("shop")).isEmpty();
        assertThat(index.changes("b1")).isEmpty();
    }

    private void spec(String folder, String name, String text) {
        TestHome.write(dir.resolve("wip-specs/shop").resolve(folder).resolve(name + ".md"), text);
    }

    private dev.nightshift.spec.Workspace read() {
        return WorkspaceReader.read(home);
    }

    private static BatchRun run(String id, boolean dryRun) {
        return new BatchRun(id, dryRun, null, Instant.now(), "cli");
    }
}
