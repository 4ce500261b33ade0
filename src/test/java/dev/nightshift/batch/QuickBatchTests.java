package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.SettingsFiles;
import dev.nightshift.store.Database;
import dev.nightshift.store.PendingBatches;
import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The quick path records an idle batch without opening the embedded database; where it writes a
 * row itself, only to a database whose schema is current.
 */
class QuickBatchTests {

    @TempDir
    Path dir;

    @Test
    void anIdleBatchIsRecordedBesideTheDatabaseAndReachesItsTableWithTheNextOpening() throws IOException {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "done", "0001-old", "# Finished long ago\n");
        Database.open(home.home());
        Path file = home.home().database().resolveSibling("db.mv.db");
        FileTime before = Files.getLastModifiedTime(file);
        long size = Files.size(file);

        Optional<BatchResult> idle = quickRun(home);

        assertThat(idle).isPresent();
        assertThat(idle.get().status().name()).isEqualTo("IDLE");
        assertThat(Files.getLastModifiedTime(file)).as("the database was not opened").isEqualTo(before);
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(PendingBatches.ids(home.home())).containsExactly(idle.get().batchId());
        assertThat(BatchLock.holder(home.home().lockFile())).startsWith("free").contains("batch " + idle.get().batchId());

        JdbcClient db = home.db();
        assertThat(db.sql("SELECT id, status, trigger_kind FROM batches").query().listOfRows())
                .singleElement().satisfies(row -> assertThat(row.values()).containsExactly(idle.get().batchId(), "IDLE", "cli"));
        assertThat(PendingBatches.ids(home.home())).as("moved, not kept twice").isEmpty();
    }

    @Test
    void twoIdleBatchesInOneSecondGetTwoIds() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        Database.open(home.home());
        // A clock that stands still: the second batch must wait for a free id rather than reuse the first.
        Clock frozen = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), java.time.ZoneOffset.UTC);
        Optional<BatchResult> first = quickRun(home, frozen);
        // Moved into the table: only the lock file still names the last batch.
        assertThat(home.db().sql("SELECT COUNT(*) FROM batches").query(Integer.class).single()).isEqualTo(1);
        Clock later = Clock.fixed(Instant.parse("2026-06-01T10:00:01Z"), java.time.ZoneOffset.UTC);
        Optional<BatchResult> second = quickRun(home, new SecondCall(frozen, later));

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(second.get().batchId()).isNotEqualTo(first.get().batchId()).isEqualTo("20260601-100001");
        assertThat(home.db().sql("SELECT COUNT(*) FROM batches").query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aFullPendingFileSendsTheBatchToTheDatabaseWhichMustBeCurrent() throws IOException {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        JdbcClient db = home.db();
        fillPending(home);
        // A database one migration behind the code (its tables are still there, so a write would succeed).
        db.sql("DELETE FROM \"flyway_schema_history\" WHERE \"installed_rank\" = (SELECT MAX(\"installed_rank\") FROM"
                + " \"flyway_schema_history\")").update();

        Optional<BatchResult> behind = quickRun(home);

        assertThat(behind).as("declined: the full launcher migrates before it records").isEmpty();
        assertThat(db.sql("SELECT COUNT(*) FROM batches").query(Integer.class).single()).isZero();
        assertThat(BatchLock.holder(home.home().lockFile())).startsWith("free");
    }

    @Test
    void aFullPendingFileIsMovedIntoACurrentDatabaseWithTheBatchItsOwnRow() throws IOException {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        JdbcClient db = home.db();
        int waiting = fillPending(home);

        Optional<BatchResult> idle = quickRun(home);

        assertThat(idle).isPresent();
        assertThat(db.sql("SELECT COUNT(*) FROM batches").query(Integer.class).single()).isEqualTo(waiting + 1);
        assertThat(PendingBatches.ids(home.home())).isEmpty();
    }

    /** Writes idle records of earlier days until the file is past the size at which the batch moves them. */
    private static int fillPending(TestHome home) throws IOException {
        int n = 0;
        Instant day = Instant.parse("2026-01-01T00:00:00Z");
        while (!PendingBatches.full(home.home())) {
            Instant at = day.plusSeconds(7200L * n);
            String id = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(java.time.ZoneOffset.UTC).format(at);
            PendingBatches.append(home.home(), new PendingBatches.Ended(id, at, at, dev.nightshift.store.BatchStatus.IDLE,
                    "schedule", false, null, 1, "host"));
            n++;
        }
        return n;
    }

    private static Optional<BatchResult> quickRun(TestHome home) {
        return quickRun(home, Clock.systemDefaultZone());
    }

    private static Optional<BatchResult> quickRun(TestHome home, Clock clock) {
        var settings = SettingsFiles.readGlobal(home.home());
        try (BatchLock lock = BatchLock.tryAcquire(home.home(), settings).orElseThrow()) {
            return QuickBatch.tryRun(home.home(), settings, new BatchRequest("cli", false, null), lock, clock);
        }
    }

    /** A clock that tells {@code first} until the id has been taken once, then {@code then}. */
    private static final class SecondCall extends Clock {
        private final Clock first;
        private final Clock then;
        private int calls;

        SecondCall(Clock first, Clock then) {
            this.first = first;
            this.then = then;
        }

        @Override
        public java.time.ZoneId getZone() {
            return first.getZone();
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            // started, the first look at an id (taken), then the next second
            return ++calls <= 2 ? first.instant() : then.instant();
        }
    }
}
