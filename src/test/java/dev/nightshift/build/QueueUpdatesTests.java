package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.order.QueueChange;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.spec.FollowUps;
import dev.nightshift.spec.SpecMover;
import dev.nightshift.spec.SpecTicker;
import dev.nightshift.spec.WipJournal;
import dev.nightshift.store.SpecMoveRepository;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A build's writes to the owner's queue happen in one place, after the build, in the order asked. */
class QueueUpdatesTests {

    private static final Instant AT = Instant.parse("2026-12-05T02:10:00Z");

    @TempDir
    Path dir;

    private TestHome home;
    private WorkOrder order;
    private JdbcClient db;
    private QueueUpdates queue;

    @BeforeEach
    void aPlannedSpecOfTwoTasks() {
        home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] First part\n- [ ] Second part\n");
        order = FakeOrders.order(home, "shop", "0001-feature");
        db = home.db();
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
        queue = new QueueUpdates(home.home(), new SpecMover(new SpecMoveRepository(db, SecretMasker.none()), clock),
                new SpecTicker(), new FollowUps(SecretMasker.none()), new WipJournal(home.home(), SecretMasker.none()),
                clock);
    }

    @Test
    void aPublishedTaskIsTickedTheSpecMovedToActiveTheFollowUpFiledAndTheRunJournalled() {
        queue.apply(order, List.of(new QueueChange.FileFollowUp("retry", "---\norigin: agent\n---\n# Retry\n"),
                new QueueChange.Tick(order.task()), new QueueChange.Activate("work started on nightshift/0001-feature"),
                new QueueChange.Journal(AT, "First part", "PR opened", "did it")), false);

        assertThat(home.exists("wip-specs/shop/next/0001-feature.md")).isFalse();
        assertThat(home.read("wip-specs/shop/active/0001-feature.md")).contains("- [x] First part", "- [ ] Second part");
        assertThat(home.read("wip-specs/shop/next/retry.md")).isEqualTo("---\norigin: agent\n---\n# Retry\n");
        assertThat(home.read("wip.md")).contains("## 2026-12-05 02:10 · shop/0001-feature · PR opened",
                "Task: First part", "did it");
        assertThat(db.sql("SELECT from_folder || '>' || to_folder FROM spec_moves").query(String.class).single())
                .isEqualTo("next>active");
    }

    @Test
    void aBlockedSpecGoesToBlockedWithItsReasonBesideIt() {
        queue.apply(order, List.of(new QueueChange.Block("The agent changed .github/ci.yml.")), false);

        assertThat(home.exists("wip-specs/shop/blocked/0001-feature.md")).isTrue();
        assertThat(home.read("wip-specs/shop/blocked/0001-feature.why.md")).contains("The agent changed .github/ci.yml.");
    }

    @Test
    void aFollowUpWhoseNameWasTakenSinceThePlanIsFiledUnderAFreeNameNeverOverAFile() {
        home.spec("shop", "next", "retry", "# The owner's own retry spec\n");

        queue.apply(order, List.of(new QueueChange.FileFollowUp("retry", "---\norigin: agent\n---\n# Retry\n")), false);

        assertThat(home.read("wip-specs/shop/next/retry.md")).isEqualTo("# The owner's own retry spec\n");
        assertThat(home.read("wip-specs/shop/next/retry-2.md")).contains("origin: agent");
    }

    @Test
    void aFollowUpWhoseNameClimbsOutOfNextIsFiledInNextUnderASafeName() {
        queue.apply(order, List.of(new QueueChange.FileFollowUp("../../../nightshift", "# Settings\n"),
                new QueueChange.FileFollowUp("../blocked/0001-feature.why", "# Why\n")), false);

        assertThat(home.exists("nightshift.yml.md")).isFalse();
        assertThat(home.read("wip-specs/shop/next/nightshift.md")).isEqualTo("# Settings\n");
        assertThat(home.exists("wip-specs/shop/blocked")).isFalse();
        assertThat(home.read("wip-specs/shop/next/blocked-0001-feature.md")).isEqualTo("# Why\n");
    }

    @Test
    void aSpecTheOwnerMovedMeanwhileStaysWhereTheOwnerPutIt() throws Exception {
        Files.createDirectories(home.root().resolve("wip-specs/shop/done"));
        Files.move(home.root().resolve("wip-specs/shop/next/0001-feature.md"),
                home.root().resolve("wip-specs/shop/done/0001-feature.md"));

        queue.apply(order, List.of(new QueueChange.Tick(order.task()), new QueueChange.Block("held")), false);

        assertThat(home.read("wip-specs/shop/done/0001-feature.md")).contains("- [ ] First part");
        assertThat(home.exists("wip-specs/shop/blocked/0001-feature.md")).isFalse();
    }

    @Test
    void aReviewThatGainedAPointWhileTheBatchRanIsNotPutAwayAndItsAnsweredOneIs() throws Exception {
        Path active = Files.createDirectories(home.home().wipSpecs().resolve("shop/active"));
        Path review = Files.writeString(active.resolve("0001-feature.review.md"), "app.py:3: rename total\n");
        List<String> read = dev.nightshift.spec.ReviewFiles.read(review).stream()
                .map(dev.nightshift.pr.LocalPullRequestHost::keyOf).toList();
        Files.writeString(review, "app.py:3: rename total\nAnd add a test for the empty cart.\n");

        queue.apply(order, List.of(new QueueChange.SettleReview("1. app.py:3 Done: renamed", read)), false);

        assertThat(review).as("the owner's new point stays for the next batch")
                .hasContent("app.py:3: rename total\nAnd add a test for the empty cart.\n");
        assertThat(active.resolve("0001-feature.review.done.md")).doesNotExist();

        Files.writeString(review, "app.py:3: rename total\n");
        queue.apply(order, List.of(new QueueChange.SettleReview("1. app.py:3 Done: renamed", read)), false);

        assertThat(review).doesNotExist();
        assertThat(active.resolve("0001-feature.review.done.md")).content().contains("rename total", "Done: renamed");
    }

    @Test
    void aDryRunChangesNothing() {
        queue.apply(order, List.of(new QueueChange.FileFollowUp("retry", "# Retry\n"), new QueueChange.Tick(order.task()),
                new QueueChange.Block("held"), new QueueChange.Journal(AT, "First part", "guard held", null)), true);

        assertThat(home.read("wip-specs/shop/next/0001-feature.md")).contains("- [ ] First part");
        assertThat(home.exists("wip-specs/shop/next/retry.md")).isFalse();
        assertThat(home.exists("wip-specs/shop/blocked")).isFalse();
        assertThat(home.exists("wip.md")).isFalse();
    }
}
