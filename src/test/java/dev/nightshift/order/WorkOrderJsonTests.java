package dev.nightshift.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.HealthCheck;
import dev.nightshift.config.PrSettings;
import dev.nightshift.config.ProjectSettings;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecFrontMatter;
import dev.nightshift.spec.SpecTask;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.Records.BuildResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A work order, and what came of it, survive the database and the wire as JSON unchanged. */
class WorkOrderJsonTests {

    static WorkOrder order() {
        ProjectSettings settings = new ProjectSettings("git@github.com:me/shop.git", "trunk", "pytest -q",
                "pytest -q -m slow", List.of(new HealthCheck("https://shop.example.com/healthz", 204, "ok",
                Duration.ofSeconds(7))), new PrSettings(PrSettings.Host.GITHUB, "me/shop", "https://ghe.example.com/api"),
                List.of("src/**", "tests/**"), List.of(".github/**"), List.of("reports/*.xml"));
        SpecFrontMatter meta = new SpecFrontMatter(2, List.of("0001-auth"), "pytest tests/test_bill.py", List.of("app/**"),
                null, true);
        List<SpecTask> tasks = List.of(new SpecTask(0, "Customer model", true, 6), new SpecTask(1, "Webhook \"sig\"", false, 7));
        return new WorkOrder("20261205-020000", "shop",
                new WorkOrder.OrderedSpec("0002-billing", "wip-specs/shop/active/0002-billing.md", SpecFolder.ACTIVE,
                        "Billing", "# Billing\n\n## Tasks\n- [x] Customer model\n- [ ] Webhook \"sig\"\n", "ab".repeat(32),
                        meta, tasks, true),
                tasks.get(1), "nightshift/0002-billing", PrIntent.REOPEN, 51, "PR #51 was closed without merge; ...",
                new WorkOrder.PreviousFailure("20261204-220000", "TESTS_FAILED", "the test command exited with 1",
                        "FAIL test_bill: ünïcode ✓\n"),
                2, "Use the sandbox keys.\n", "## 2026-12-04 22:00 · shop/0002-billing · tests failed\n\nTask: x",
                settings, List.of(new WorkOrder.KnownSpec("0001-auth", "Auth", "cd".repeat(32)),
                new WorkOrder.KnownSpec("broken", null, null)));
    }

    @Test
    void anOrderReadBackEqualsTheOrderWritten() {
        WorkOrder order = order();

        WorkOrder read = WorkOrderJson.read(WorkOrderJson.write(order));

        assertThat(read).isEqualTo(order);
        assertThat(read.settings().protectedPaths()).containsExactly(".github/**");
        assertThat(read.settings().health().get(0).timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(read.spec().meta().reopen()).isTrue();
        assertThat(read.specAt(Path.of("/home/n")).file()).isEqualTo(Path.of("/home/n/wip-specs/shop/active/0002-billing.md"));
        assertThat(read.failureTail()).isEqualTo("FAIL test_bill: ünïcode ✓\n");
    }

    @Test
    void anOrderWithoutPreviousFailureNotesOrPullRequestReadsBackTheSame() {
        WorkOrder full = order();
        WorkOrder bare = new WorkOrder(full.batchId(), full.project(), full.spec(), full.task(), full.branch(),
                PrIntent.NEW, null, null, null, 0, null, null, full.settings(), null);

        WorkOrder read = WorkOrderJson.read(WorkOrderJson.write(bare));

        assertThat(read).isEqualTo(bare);
        assertThat(read.journal()).isEmpty();
        assertThat(read.knownSpecs()).isEmpty();
        assertThat(read.failureTail()).isNull();
    }

    @Test
    void everyKindOfQueueChangeAndTheResultReadBackTheSame() {
        BuildResult stored = new BuildResult("20261205-020000", "shop", "0002-billing", "Webhook", BuildOutcome.GUARD_HELD,
                "write gate (.github/x.yml)", null, null, null, 1200L, new BigDecimal("0.1234"), 3, 3, "a note",
                Instant.parse("2026-12-05T02:00:00Z"), Instant.parse("2026-12-05T02:03:00Z"));
        OrderResult result = new OrderResult(stored, List.of(
                new QueueChange.FileFollowUp("0009-retry", "---\norigin: agent\n---\n# Retry\n"),
                new QueueChange.Tick(new SpecTask(1, "Webhook", false, 7)),
                new QueueChange.Activate("work started on nightshift/0002-billing"),
                new QueueChange.Block("held: the agent changed .github/x.yml"),
                new QueueChange.Journal(Instant.parse("2026-12-05T02:03:00Z"), "Webhook", "guard held", null)));

        OrderResult read = WorkOrderJson.readResult(WorkOrderJson.write(result));

        assertThat(read).isEqualTo(result);
        assertThat(read.changes()).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("FileFollowUp", "Tick", "Activate", "Block", "Journal");
    }
}
