package dev.nightshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.testing.TestHome;
import dev.nightshift.testing.TestPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** nightshift's records on PostgreSQL: the same Flyway history as on H2, and the repositories' writes read back. */
class PostgresStoreIntegrationTests {

    @TempDir
    Path dir;

    private TestPostgres pg;
    private TestHome home;

    @BeforeEach
    void database() {
        pg = TestPostgres.create();
        home = TestHome.create(dir.resolve("pg"));
        home.settings(pg.settings() + "node: {name: node-a}\n");
    }

    @AfterEach
    void drop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void postgresqlAndH2GetTheSameMigrationVersionsInTheSameOrder() {
        TestHome h2 = TestHome.create(dir.resolve("h2"));
        try (Database.Held a = Database.hold(h2.home()); Database.Held b = Database.hold(home.home())) {
            List<String> onH2 = applied(DatabaseTarget.of(h2.home()));
            List<String> onPostgres = applied(DatabaseTarget.of(home.home()));
            assertThat(onPostgres).isEqualTo(onH2).contains("1", "2", "3", "40");
            assertThat(DatabaseTarget.of(home.home()).shared()).isTrue();
            assertThat(DatabaseTarget.of(h2.home()).shared()).isFalse();
        }
    }

    @Test
    void aWorkOrderOfMoreThanAMegabyteIsKeptBesideThePlanAndReadBackWholeOnBothDatabases() {
        TestHome h2 = TestHome.create(dir.resolve("h2"));
        // an order carries the spec's text and the project's notes: neither has a length limit
        String order = "{\"notes\":\"" + "ü".repeat(600_000) + "\",\"spec\":\"0001-x\"}";
        for (TestHome on : List.of(h2, home)) {
            try (Database.Held db = Database.hold(on.home())) {
                PlanRepository plans = new PlanRepository(db.jdbc(), SecretMasker.none());
                plans.save(new Records.PlanEntry("20261204-230000", "shop", "0001-x", "Task", 0, "next in queue"));
                plans.save(new Records.PlanEntry("20261204-230000", "idle", null, null, null, "nothing queued"));
                plans.saveOrder("20261204-230000", "shop", order);

                assertThat(plans.order("20261204-230000", "shop")).contains(order);
                assertThat(plans.order("20261204-230000", "idle")).as("no work, no order").isEmpty();
                assertThat(plans.plan("20261204-230000")).as("the plan rows stay as they were")
                        .extracting(Records.PlanEntry::spec).containsExactly(null, "0001-x");
            }
        }
    }

    @Test
    void batchesPhasesBuildsAndRunsAreWrittenAndReadBackWithTheirTimesAndTheNode() {
        Instant start = Instant.parse("2026-12-04T22:00:00.123Z");
        try (Database.Held db = Database.hold(home.home())) {
            JdbcClient jdbc = db.jdbc();
            BatchRepository batches = new BatchRepository(jdbc, SecretMasker.none());
            batches.start("20261204-230000", start, "schedule", false, null, 42);
            new NodeRepository(jdbc).ranOn("20261204-230000", "node-a");
            // a phase started twice (a restart) keeps one row: the upsert replaces, never duplicates
            batches.startPhase("20261204-230000", "build", start);
            batches.startPhase("20261204-230000", "build", start.plusSeconds(5));
            batches.endPhase("20261204-230000", "build", PhaseOutcome.COMPLETED, "1 built", start.plusSeconds(9));

            BuildRepository builds = new BuildRepository(jdbc, SecretMasker.none());
            builds.save(result("TESTS_FAILED", start));
            builds.save(result("PR_OPENED", start));
            long run = new AgentRunRepository(jdbc, SecretMasker.none())
                    .start("20261204-230000", "shop", "0001-x", "Task", "build", 1, "generic", start, "agent.log");

            Records.Batch batch = batches.find("20261204-230000").orElseThrow();
            assertThat(batch.startedAt()).isEqualTo(start.truncatedTo(ChronoUnit.MILLIS));
            assertThat(batch.pid()).isEqualTo(42L);
            assertThat(batches.running()).extracting(Records.Batch::id).containsExactly("20261204-230000");
            assertThat(batches.phases("20261204-230000")).singleElement().satisfies(p -> {
                assertThat(p.startedAt()).isEqualTo(start.plusSeconds(5));
                assertThat(p.endedAt()).isEqualTo(start.plusSeconds(9));
                assertThat(p.outcome()).isEqualTo(PhaseOutcome.COMPLETED);
            });
            assertThat(builds.results("20261204-230000")).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(BuildOutcome.PR_OPENED);
                assertThat(r.costUsd()).isEqualByComparingTo("0.25");
                assertThat(r.testTail()).isEqualTo("tail of the tests");
            });
            assertThat(jdbc.sql("SELECT node FROM build_results WHERE batch_id = ?").param("20261204-230000")
                    .query(String.class).single()).isEqualTo("node-a");
            assertThat(run).isPositive();
            assertThat(new AgentRunRepository(jdbc, SecretMasker.none()).forBatch("20261204-230000"))
                    .singleElement().satisfies(r -> assertThat(r.startedAt()).isEqualTo(start));

            batches.finish("20261204-230000", BatchStatus.SUCCEEDED, start.plusSeconds(10));
            assertThat(batches.running()).isEmpty();
        }
    }

    @Test
    void nodesReportTheirHeartbeatAndTheLatestOneComesFirst() {
        Instant t = Instant.parse("2026-12-04T22:00:00Z");
        try (Database.Held db = Database.hold(home.home())) {
            NodeRepository nodes = new NodeRepository(db.jdbc());
            nodes.heartbeat("node-a", "daemon", 11, t, t.plusSeconds(10));
            nodes.heartbeat("node-b", "daemon", 12, t, t.plusSeconds(20));
            nodes.heartbeat("node-a", "daemon", 11, t, t.plusSeconds(30));
            assertThat(nodes.nodes()).extracting(NodeRepository.Node::name, NodeRepository.Node::heartbeatAt)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("node-a", t.plusSeconds(30)),
                            org.assertj.core.groups.Tuple.tuple("node-b", t.plusSeconds(20)));
        }
    }

    private static Records.BuildResult result(String outcome, Instant start) {
        return new Records.BuildResult("20261204-230000", "shop", "0001-x", "Task", BuildOutcome.valueOf(outcome), "detail",
                "tail of the tests", null, null, 1200L, new BigDecimal("0.25"), 3, 3, null, start, start.plusSeconds(60));
    }

    private static List<String> applied(DatabaseTarget target) {
        return Arrays.stream(Flyway.configure().dataSource(target.dataSource()).locations(target.migrations()).load()
                .info().applied()).map(MigrationInfo::getVersion).map(Object::toString).toList();
    }
}
