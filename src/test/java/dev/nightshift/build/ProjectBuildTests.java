package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.BuildSettings;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.git.GitException;
import dev.nightshift.order.OrderResult;
import dev.nightshift.order.QueueChange;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator runs its steps in their order until one stops the build; the build ends with
 * that step's outcome and detail, and what it asks of the queue comes back with the result.
 */
class ProjectBuildTests {

    @TempDir
    Path dir;

    private TestHome home;
    private WorkOrder order;
    private final List<String> ran = new ArrayList<>();

    @BeforeEach
    void aPlannedSpec() {
        home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        order = FakeOrders.order(home, "shop", "0001-feature");
    }

    /** A step that records that it ran, then answers as told. */
    private BuildStep step(String name, StepResult answer) {
        return build -> {
            ran.add(name);
            return answer;
        };
    }

    private ProjectBuild build(BuildStep... steps) {
        return build(NightshiftSettings.defaults(), steps);
    }

    private ProjectBuild build(NightshiftSettings settings, BuildStep... steps) {
        return new ProjectBuild(home.home(), List.of(steps), new RetryBudget(settings), Clock.systemUTC());
    }

    @Test
    void theStepsRunInTheirOrderAndTheFirstStopEndsTheBuildWithItsOutcome() {
        OrderResult result = build(step("preflight", StepResult.next()), step("base", StepResult.next()),
                step("merge", StepResult.stop(BuildOutcome.BUDGET_STOPPED, "budget at its stop share")),
                step("attempts", StepResult.next()), step("publish", StepResult.next()))
                .build(FakeOrders.run(false), order);

        assertThat(ran).containsExactly("preflight", "base", "merge");
        assertThat(result.result().outcome()).isEqualTo(BuildOutcome.BUDGET_STOPPED);
        assertThat(result.result().detail()).isEqualTo("budget at its stop share");
        assertThat(result.result().project()).isEqualTo("shop");
        assertThat(result.result().spec()).isEqualTo("0001-feature");
        assertThat(result.result().task()).isEqualTo("Feature");
        assertThat(result.changes()).as("not journalled: nothing of the agent's ran").isEmpty();
    }

    @Test
    void aJournalledStopAsksForOneEntryInTheJournalAfterWhatTheStepsAskedFor() {
        BuildStep blocks = build -> {
            ran.add("merge");
            build.block("conflicts in a.txt");
            return StepResult.journalled(BuildOutcome.CONFLICT, "conflicts in a.txt");
        };

        OrderResult result = build(step("preflight", StepResult.next()), blocks, step("attempts", StepResult.next()))
                .build(FakeOrders.run(false), order);

        assertThat(ran).containsExactly("preflight", "merge");
        assertThat(result.result().outcome()).isEqualTo(BuildOutcome.CONFLICT);
        assertThat(result.changes()).hasSize(2);
        assertThat(result.changes().get(0)).isEqualTo(new QueueChange.Block("conflicts in a.txt"));
        assertThat(result.changes().get(1)).isInstanceOfSatisfying(QueueChange.Journal.class, entry -> {
            assertThat(entry.task()).isEqualTo("Feature");
            assertThat(entry.outcome()).isEqualTo(BuildOutcome.CONFLICT.label());
        });
    }

    @Test
    void gitTroubleInAStepEndsTheBuildAsNightshiftsOwnFailure() {
        BuildStep broken = build -> {
            throw new GitException("fetch failed: could not read from remote repository");
        };

        OrderResult result = build(step("preflight", StepResult.next()), broken, step("publish", StepResult.next()))
                .build(FakeOrders.run(false), order);

        assertThat(ran).containsExactly("preflight");
        assertThat(result.result().outcome()).isEqualTo(BuildOutcome.FAILED);
        assertThat(result.result().detail()).isEqualTo("git: fetch failed: could not read from remote repository");
    }

    @Test
    void stepsThatAllGoOnWithoutAnOutcomeAreAFailureNotASuccess() {
        OrderResult result = build(step("preflight", StepResult.next())).build(FakeOrders.run(false), order);

        assertThat(result.result().outcome()).isEqualTo(BuildOutcome.FAILED);
    }

    @Test
    void theLastAllowedFailureAsksForTheSpecToGoToBlockedWithWhereTheFixBelongs() {
        NightshiftSettings settings = NightshiftSettings.defaults();
        int max = settings.build().maxAttempts();
        WorkOrder failedBefore = new WorkOrder(order.batchId(), order.project(), order.spec(), order.task(),
                order.branch(), order.intent(), order.prNumber(), order.intentReason(), order.previousFailure(),
                max - 1, order.notes(), order.journal(), order.settings(), order.knownSpecs());

        OrderResult result = build(settings, step("attempts", StepResult.journalled(BuildOutcome.AGENT_FAILED,
                "the agent exited with 1"))).build(FakeOrders.run(false), failedBefore);

        assertThat(result.changes()).last().isInstanceOfSatisfying(QueueChange.Block.class, block -> assertThat(
                block.reason()).startsWith("It failed " + max + " batches in a row (build.max-attempts is " + max + ")")
                .contains("**agent failed**: the agent exited with 1", "agent.command"));
        OrderResult earlier = build(settings, step("attempts", StepResult.journalled(BuildOutcome.AGENT_FAILED,
                "the agent exited with 1"))).build(FakeOrders.run(false), order);
        assertThat(earlier.changes()).as("attempts left").noneMatch(c -> c instanceof QueueChange.Block);
    }

    @Test
    void aFailureThatIsNotTheSpecsNeverUsesUpItsAttempts() {
        BuildSettings build = NightshiftSettings.defaults().build();
        WorkOrder atTheLimit = new WorkOrder(order.batchId(), order.project(), order.spec(), order.task(),
                order.branch(), order.intent(), order.prNumber(), order.intentReason(), order.previousFailure(),
                build.maxAttempts() - 1, order.notes(), order.journal(), order.settings(), order.knownSpecs());

        OrderResult result = build(step("base", StepResult.stop(BuildOutcome.FAILED, "red base")))
                .build(FakeOrders.run(false), atTheLimit);

        assertThat(result.changes()).isEmpty();
    }
}
