package dev.nightshift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Idle records kept beside the embedded database reach its table once, whole, and nothing else does. */
class PendingBatchesTests {

    private static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aRecordReachesTheTableAsTheBatchWroteItAndTheFileIsEmptiedAfter() throws Exception {
        TestHome home = TestHome.create(dir);
        JdbcClient db = Database.open(home.home());
        PendingBatches.append(home.home(), new PendingBatches.Ended("20260301-080000", AT, AT.plusMillis(40),
                BatchStatus.PAUSED, "schedule", true, "shop", 4242, "build-1"));

        int moved = move(home);

        assertThat(moved).isEqualTo(1);
        var row = db.sql("SELECT * FROM batches").query().singleRow();
        assertThat(row).containsEntry("ID", "20260301-080000").containsEntry("STATUS", "PAUSED")
                .containsEntry("TRIGGER_KIND", "schedule").containsEntry("DRY_RUN", true)
                .containsEntry("PROJECT_FILTER", "shop").containsEntry("PID", 4242L).containsEntry("NODE", "build-1");
        assertThat(db.sql("SELECT DATEDIFF('MILLISECOND', started_at, ended_at) FROM batches").query(Long.class).single())
                .isEqualTo(40);
        assertThat(home.home().pendingBatches()).isEmptyFile();
        assertThat(PendingBatches.ids(home.home())).isEmpty();
    }

    @Test
    void aMoveThatStoppedBeforeEmptyingTheFileDoesNotWriteItsRowsTwice() throws Exception {
        TestHome home = TestHome.create(dir);
        JdbcClient db = Database.open(home.home());
        PendingBatches.append(home.home(), idle("20260301-080000"));
        String before = Files.readString(home.home().pendingBatches());
        move(home);
        // As if the mover had died after its commit: the same lines again, and one new.
        Files.writeString(home.home().pendingBatches(), before);
        PendingBatches.append(home.home(), idle("20260301-100000"));

        assertThat(move(home)).isEqualTo(1);
        assertThat(db.sql("SELECT id FROM batches ORDER BY id").query(String.class).list())
                .containsExactly("20260301-080000", "20260301-100000");
    }

    @Test
    void aLineThatIsNotARecordIsLeftOutAndTheOthersStillMove() throws Exception {
        TestHome home = TestHome.create(dir);
        JdbcClient db = Database.open(home.home());
        PendingBatches.append(home.home(), idle("20260301-080000"));
        Files.writeString(home.home().pendingBatches(), "20260301-0900\tgarbage\n", StandardOpenOption.APPEND);
        // A well-formed line of a batch that worked: never written here, so not believed either.
        Files.writeString(home.home().pendingBatches(), "20260301-090000\t1\t2\tSUCCEEDED\tcli\tfalse\t-\t1\thost\n",
                StandardOpenOption.APPEND);
        PendingBatches.append(home.home(), idle("20260301-100000"));

        assertThat(move(home)).isEqualTo(2);
        assertThat(db.sql("SELECT id FROM batches ORDER BY id").query(String.class).list())
                .containsExactly("20260301-080000", "20260301-100000");
    }

    @Test
    void aRecordWhoseFieldsCouldBreakTheLineIsRefused() {
        TestHome home = TestHome.create(dir);
        PendingBatches.Ended tab = new PendingBatches.Ended("20260301-080000", AT, AT, BatchStatus.IDLE, "cli", false,
                "shop\tIDLE", 1, "host");

        assertThat(tab.fitsALine()).isFalse();
        assertThatThrownBy(() -> PendingBatches.append(home.home(), tab)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PendingBatches.Ended("20260301-080000", AT, AT, BatchStatus.IDLE, "cli", false, "-", 1, "host")
                .fitsALine()).as("'-' is how the file says 'no project filter'").isFalse();
    }

    private static PendingBatches.Ended idle(String id) {
        return new PendingBatches.Ended(id, AT, AT, BatchStatus.IDLE, "cli", false, null, 1, "host");
    }

    private static int move(TestHome home) throws Exception {
        try (Connection connection = Database.connect(home.home())) {
            return PendingBatches.moveInto(home.home(), connection);
        }
    }
}
