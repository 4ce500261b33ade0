package dev.nightshift.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.build.BuildPartitioner;
import dev.nightshift.config.Home;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.spec.FailureStreaks;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.Database;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.Records;
import dev.nightshift.store.SpecIndexRepository;
import dev.nightshift.store.SpecMoveRepository;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Failure streaks read from the database, and the build's partitions read from the stored plan. */
class FailureStreaksTests {

    private static final Instant T = Instant.parse("2026-01-13T10:00:00Z");

    @TempDir
    Path dir;

    private Database.Held held;
    private JdbcClient jdbc;
    private BuildRepository builds;
    private SpecMoveRepository moves;
    private SpecIndexRepository index;
    private FailureStreaks streaks;

    @AfterEach
    void close() {
        held.close();
    }

    @BeforeEach
    void open() {
        held = Database.hold(new Home(dir));
        jdbc = held.jdbc();
        builds = new BuildRepository(jdbc, SecretMasker.none());
        moves = new SpecMoveRepository(jdbc, SecretMasker.none());
        index = new SpecIndexRepository(jdbc);
        streaks = new FailureStreaks(builds, moves, index);
        TestHome.write(dir.resolve("wip-specs/shop/project.yml"), "repo: /tmp/x.git\ntest: true\n");
        TestHome.write(dir.resolve("wip-specs/shop/next/0001-flaky.md"), "# Flaky\n");
    }

    @Test
    void failuresCountBackToTheLastSuccess() {
        result("b1", 0, BuildOutcome.TESTS_FAILED);
        result("b2", 1, BuildOutcome.PR_OPENED);
        result("b3", 2, BuildOutcome.TESTS_FAILED);
        result("b4", 3, BuildOutcome.TIMED_OUT);

        assertThat(streaks.of(spec(), 4)).containsExactly(BuildOutcome.TIMED_OUT, BuildOutcome.TESTS_FAILED);
    }

    @Test
    void onlyTheSpecsOwnFailuresCountAndWhatSaysNothingAboutItIsSkippedOver() {
        result("b1", 0, BuildOutcome.PR_UPDATED);
        result("b2", 1, BuildOutcome.TESTS_FAILED);
        result("b3", 2, BuildOutcome.SKIPPED);          // a --dry-run
        result("b4", 3, BuildOutcome.FAILED);           // the remote was unreachable
        result("b5", 4, BuildOutcome.BUDGET_STOPPED);
        result("b6", 5, BuildOutcome.AGENT_FAILED);
        result("b7", 6, BuildOutcome.FAILED);           // the agent command was not on PATH

        assertThat(streaks.of(spec(), 4)).containsExactly(BuildOutcome.AGENT_FAILED, BuildOutcome.TESTS_FAILED);
    }

    @Test
    void theLimitCountsOnlyResultsThatWeighNotTheNeutralOnesBetweenThem() {
        result("b1", 0, BuildOutcome.TIMED_OUT);
        for (int hour = 1; hour <= 5; hour++) {
            result("d" + hour, hour, BuildOutcome.SKIPPED);
        }
        result("b2", 6, BuildOutcome.TESTS_FAILED);

        assertThat(streaks.of(spec(), 3)).containsExactly(BuildOutcome.TESTS_FAILED, BuildOutcome.TIMED_OUT);
    }

    @Test
    void theRuleOfWhatCountsIsOnePlaceForEveryOutcome() {
        assertThat(BuildOutcome.weighed()).containsExactlyInAnyOrder(BuildOutcome.PR_OPENED, BuildOutcome.PR_UPDATED,
                BuildOutcome.TESTS_FAILED, BuildOutcome.AGENT_FAILED, BuildOutcome.TIMED_OUT, BuildOutcome.GUARD_HELD,
                BuildOutcome.CONFLICT);
        assertThat(BuildOutcome.streakOf(java.util.List.of(BuildOutcome.FAILED, BuildOutcome.GUARD_HELD,
                BuildOutcome.SKIPPED, BuildOutcome.CONFLICT, BuildOutcome.PR_OPENED, BuildOutcome.TESTS_FAILED)))
                .containsExactly(BuildOutcome.GUARD_HELD, BuildOutcome.CONFLICT);
    }

    @Test
    void aMoveStartsTheCountAfresh() {
        result("b1", 0, BuildOutcome.TESTS_FAILED);
        result("b2", 1, BuildOutcome.TESTS_FAILED);
        moves.record("b3", "shop", "0001-flaky", "blocked", "next", "moved by hand (found by the spec index)", T.plusSeconds(150 * 60));
        result("b4", 3, BuildOutcome.AGENT_FAILED);

        assertThat(streaks.of(spec(), 4)).containsExactly(BuildOutcome.AGENT_FAILED);
    }

    @Test
    void aHandMoveTheIndexHasNotRecordedYetAlsoStartsTheCountAfresh() throws Exception {
        result("b1", 0, BuildOutcome.TESTS_FAILED);
        result("b2", 1, BuildOutcome.TESTS_FAILED);
        // nightshift held the spec in blocked/ and the index saw it there; the owner then moved it back to next/
        moves.record("b2", "shop", "0001-flaky", "next", "blocked", "failed 2 batches in a row", T.plusSeconds(70 * 60));
        index.seen("b2", "shop", "0001-flaky", "blocked", "wip-specs/shop/blocked/0001-flaky.md", "h", "Flaky", true, T);
        assertThat(Files.exists(dir.resolve("wip-specs/shop/next/0001-flaky.md"))).isTrue();

        assertThat(streaks.of(spec(), 4)).isEmpty();

        index.seen("b3", "shop", "0001-flaky", "next", "wip-specs/shop/next/0001-flaky.md", "h", "Flaky", true, T);
        assertThat(streaks.of(spec(), 4)).as("a move to blocked/ recorded after the failures").isEmpty();
    }

    @Test
    void theBuildPartitionsExactlyTheProjectsTheStoredPlanGivesWork() {
        PlanRepository plans = new PlanRepository(jdbc, SecretMasker.none());
        plans.save(new Records.PlanEntry("b9", "api", "0004-second", "Second", 0, "chosen"));
        plans.save(new Records.PlanEntry("b9", "docs", null, null, null, "nothing queued"));
        plans.save(new Records.PlanEntry("b9", "shop", "0002-other", "Other", 1, "chosen"));
        plans.save(new Records.PlanEntry("b8", "web", "0001-old", "Old", 0, "an earlier batch's plan"));

        var partitions = new BuildPartitioner("b9", plans).partition(3);

        assertThat(partitions).containsOnlyKeys("project-api", "project-shop");
        assertThat(partitions.get("project-api").getString("project")).isEqualTo("api");
    }

    @Test
    void askedForEveryProjectAtOnceTheStreaksAreThoseOfEachProjectAlone() {
        result("b1", 0, BuildOutcome.TESTS_FAILED);
        result("b2", 1, BuildOutcome.TIMED_OUT);
        builds.save(new Records.BuildResult("b2", "web", "0001-flaky", "Other", BuildOutcome.SKIPPED, null, null, null,
                null, null, null, null, null, null, T, T.plusSeconds(60)));

        FailureStreaks.Weighed weighed = streaks.weighed();

        assertThat(streaks.of("shop", List.of(spec()), 4, weighed)).isEqualTo(streaks.of("shop", List.of(spec()), 4))
                .containsEntry("0001-flaky", List.of(BuildOutcome.TIMED_OUT, BuildOutcome.TESTS_FAILED));
        assertThat(streaks.of("web", List.of(spec()), 4, weighed)).as("a skipped build weighs in no streak")
                .containsEntry("0001-flaky", List.of());
    }

    private void result(String batch, int hour, BuildOutcome outcome) {
        Instant at = T.plusSeconds(3600L * hour);
        builds.save(new Records.BuildResult(batch, "shop", "0001-flaky", "Flaky", outcome, null, null, null, null, null,
                null, null, null, null, at, at.plusSeconds(60)));
    }

    private Spec spec() {
        return WorkspaceReader.read(new Home(dir)).project("shop").orElseThrow().find("0001-flaky").orElseThrow();
    }
}
