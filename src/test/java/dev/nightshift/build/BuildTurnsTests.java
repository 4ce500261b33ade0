package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.Database;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.Records;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which planned project starts first: the one that had its turn least recently, so that none starves. */
class BuildTurnsTests {

    private static final Instant T = Instant.parse("2026-01-13T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void projectsNeverBuiltGoFirstThenTheLongestWaitingThenByName() {
        Map<String, Instant> last = Map.of("api", T.plusSeconds(60), "docs", T, "web", T.plusSeconds(30));

        assertThat(BuildTurns.order(List.of("api", "docs", "shop", "web", "blog"), last))
                .containsExactly("blog", "shop", "docs", "web", "api");
    }

    @Test
    void overConsecutiveBatchesThatServeTwoProjectsEachOfSevenEveryProjectIsBuilt() {
        List<String> projects = List.of("a", "b", "c", "d", "e", "f", "g");
        Map<String, Instant> last = new HashMap<>();
        List<Set<String>> builtPerBatch = new ArrayList<>();
        for (int batch = 0; batch < 4; batch++) {
            List<String> turns = BuildTurns.order(projects, last);
            Set<String> built = new LinkedHashSet<>(turns.subList(0, 2));
            Instant at = T.plusSeconds(3600L * batch);
            built.forEach(p -> last.put(p, at));
            builtPerBatch.add(built);
        }

        Set<String> everBuilt = new LinkedHashSet<>();
        builtPerBatch.forEach(everBuilt::addAll);
        assertThat(everBuilt).containsExactlyInAnyOrderElementsOf(projects);
        assertThat(builtPerBatch.get(3)).as("the fourth batch serves the last one left, then the first again")
                .containsExactly("g", "a");
    }

    @Test
    void thePartitionsCarryTheTurnReadFromTheHistoryAndAWaitOrADryRunIsNoTurn() {
        try (Database.Held held = Database.hold(new Home(dir))) {
            PlanRepository plans = new PlanRepository(held.jdbc(), SecretMasker.none());
            BuildRepository builds = new BuildRepository(held.jdbc(), SecretMasker.none());
            for (String project : List.of("api", "docs", "shop")) {
                plans.save(new Records.PlanEntry("b3", project, "0001-x", "X", 0, "chosen"));
            }
            // api had its turn in b1, shop in b2; docs waited in b2 and was only ever skipped by a dry run
            result(builds, "b1", "api", BuildOutcome.TESTS_FAILED, T);
            result(builds, "b2", "shop", BuildOutcome.PR_OPENED, T.plusSeconds(3600));
            result(builds, "b2", "docs", BuildOutcome.WAITED, T.plusSeconds(3700));
            result(builds, "d1", "docs", BuildOutcome.SKIPPED, T.plusSeconds(7200));

            var partitions = new BuildPartitioner("b3", plans, builds).partition(1);

            assertThat(partitions.get("project-docs").getInt(BuildPartitioner.TURN)).isZero();
            assertThat(partitions.get("project-api").getInt(BuildPartitioner.TURN)).isEqualTo(1);
            assertThat(partitions.get("project-shop").getInt(BuildPartitioner.TURN)).isEqualTo(2);
        }
    }

    private static void result(BuildRepository builds, String batch, String project, BuildOutcome outcome, Instant at) {
        builds.save(new Records.BuildResult(batch, project, "0001-x", "X", outcome, null, null, null, null, null, null,
                null, null, null, at, at.plusSeconds(60)));
    }
}
