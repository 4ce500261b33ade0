package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.SettingsFiles;
import dev.nightshift.store.Database;
import dev.nightshift.store.NodeRepository;
import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import dev.nightshift.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch lock of a cluster: two homes on two "nodes" share one PostgreSQL database, and a
 * batch held on one keeps every other node from starting one; `run`, `status` and `doctor` on the
 * other node say which node holds it.
 */
class ClusterLockIntegrationTests {

    @TempDir
    Path dir;

    private TestPostgres pg;
    private TestHome a;
    private TestHome b;

    @BeforeEach
    void twoNodes() {
        pg = TestPostgres.create();
        a = TestHome.create(dir.resolve("a")).settings(pg.settings() + "node: {name: node-a}\n");
        b = TestHome.create(dir.resolve("b")).settings(pg.settings() + "node: {name: node-b}\n");
        // the schema, made by the first node that opens the database
        Database.hold(a.home()).close();
    }

    @AfterEach
    void drop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aBatchHeldOnOneNodeTurnsAwayRunOnTheOtherWithExitThreeAndTheHoldersNode() {
        Optional<BatchLock> held = BatchLock.tryAcquire(a.home(), SettingsFiles.readGlobal(a.home()));
        assertThat(held).isPresent();
        try (BatchLock lock = held.get()) {
            lock.describe(BatchLock.RUNNING + "20261204-230000, pid 4242, since 2026-12-04T23:00:00");

            // another node, its own lock file free: the database's lock still says no
            assertThat(BatchLock.tryAcquire(b.home(), SettingsFiles.readGlobal(b.home()))).isEmpty();
            assertThat(BatchLock.isHeld(b.home())).isTrue();
            assertThat(BatchLock.holder(b.home())).startsWith("node-a: running batch 20261204-230000, pid 4242");

            Captured run = Captured.run(b, "run");
            assertThat(run.exit()).isEqualTo(BatchResult.LOCKED);
            assertThat(run.err()).contains("node-a: running batch 20261204-230000");

            Captured status = Captured.run(b, "status");
            assertThat(status.out()).contains("lock: held by batch 20261204-230000 (pid 4242) on node node-a since 23:00");
        }
        // released: the other node takes it at once
        assertThat(BatchLock.isHeld(b.home())).isFalse();
        Optional<BatchLock> next = BatchLock.tryAcquire(b.home(), SettingsFiles.readGlobal(b.home()));
        assertThat(next).isPresent();
        next.get().close();
    }

    @Test
    void statusListsTheClustersNodesWithTheirHeartbeatAndDoctorChecksTheDatabase() throws Exception {
        try (Database.Held db = Database.hold(a.home())) {
            Instant now = Instant.now();
            new NodeRepository(db.jdbc()).heartbeat("node-a", "daemon", 101, now.minusSeconds(600), now.minusSeconds(3));
            new NodeRepository(db.jdbc()).heartbeat("node-b", "daemon", 202, now.minusSeconds(600), now.minusSeconds(7200));
        }
        Captured status = Captured.run(b, "status");
        assertThat(status.section("NODES")).contains("node-a", "daemon", "101", "s ago")
                .contains("node-b", "202", "2 h ago");
        assertThat(status.out().indexOf("node-a")).isLessThan(status.out().indexOf("node-b"));

        Captured doctor = Captured.run(b, "doctor");
        assertThat(doctor.out()).contains("OK    database: " + pg.url() + " answers; schema V" + newestMigration()
                + ", up to date");
    }

    /** The highest migration version this nightshift carries: a freshly migrated database is at it. */
    private static int newestMigration() throws Exception {
        java.nio.file.Path folder = java.nio.file.Path.of(ClusterLockIntegrationTests.class.getClassLoader()
                .getResource("db/migration").toURI());
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
    }

    @Test
    void withoutItsPasswordVariableTheNodeIsToldWhichVariableToSet() {
        TestHome c = TestHome.create(dir.resolve("c"))
                .settings(pg.settings().replace(TestPostgres.PASSWORD_ENV, "NIGHTSHIFT_TEST_PG_NOT_SET") + "node: {name: c}\n");
        Captured doctor = Captured.run(c, "doctor");
        assertThat(doctor.out()).contains("FAIL  database: database.url names a PostgreSQL database, but the variable"
                + " NIGHTSHIFT_TEST_PG_NOT_SET (database.password-env) that holds its password is not set");
        assertThat(doctor.exit()).isEqualTo(1);
    }
}
