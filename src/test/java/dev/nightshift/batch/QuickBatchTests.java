package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.SettingsFiles;
import dev.nightshift.store.Database;
import dev.nightshift.store.EarlyConnection;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The quick path writes only to a database whose schema is current; anything else is the full launcher's. */
class QuickBatchTests {

    @TempDir
    Path dir;

    @Test
    void aPendingMigrationLeavesEvenAnIdleBatchToTheFullLauncherWhichMigratesFirst() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "done", "0001-old", "# Finished long ago\n");
        JdbcClient db = home.db();
        // A database one migration behind the code (its tables are still there, so a write would succeed).
        db.sql("DELETE FROM \"flyway_schema_history\" WHERE \"installed_rank\" = (SELECT MAX(\"installed_rank\") FROM"
                + " \"flyway_schema_history\")").update();

        Optional<BatchResult> behind = quickRun(home);

        assertThat(behind).as("declined: the full launcher migrates before it records").isEmpty();
        assertThat(db.sql("SELECT COUNT(*) FROM batches").query(Integer.class).single()).isZero();
        assertThat(BatchLock.holder(home.home().lockFile())).startsWith("free");
    }

    @Test
    void aCurrentSchemaLetsTheQuickPathRecordTheIdleBatch() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "done", "0001-old", "# Finished long ago\n");
        Database.open(home.home());

        Optional<BatchResult> idle = quickRun(home);

        assertThat(idle).isPresent();
        assertThat(home.db().sql("SELECT status FROM batches").query(String.class).single()).isEqualTo("IDLE");
    }

    private static Optional<BatchResult> quickRun(TestHome home) {
        var settings = SettingsFiles.readGlobal(home.home());
        try (BatchLock lock = BatchLock.tryAcquire(home.home(), settings).orElseThrow();
             EarlyConnection early = EarlyConnection.start(home.home())) {
            return QuickBatch.tryRun(home.home(), settings, new BatchRequest("cli", false, null), lock,
                    Clock.systemDefaultZone(), early);
        }
    }
}
