package dev.nightshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.ReviewRepository.ReviewRow;
import dev.nightshift.testing.TestHome;
import dev.nightshift.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What nightshift read of the owner's review, kept and read back the same on H2 and on PostgreSQL. */
class ReviewRepositoryIntegrationTests {

    @TempDir
    Path dir;

    private static void pointsReadAnsweredAndGivenUp(Database.Held db) {
        ReviewRepository reviews = new ReviewRepository(db.jdbc(), SecretMasker.none());
        Instant t = Instant.parse("2026-12-05T02:00:00.123Z");
        reviews.remember(new ReviewRow(7, "LINE", 9001, "b1", t, ReviewPointState.OPEN, null, "me", "app/cart.py", 12,
                "@@ -1 +1 @@", "Use sum().", "https://github.com/me/shop/pull/7#discussion_r9001", 0, null, null));
        reviews.remember(new ReviewRow(7, "REVIEW", 501, "b1", t, ReviewPointState.DECISION, "CHANGES_REQUESTED", "me",
                null, null, null, null, null, 0, null, null));
        reviews.remember(new ReviewRow(7, "CONVERSATION", 7002, "b1", t, ReviewPointState.NOT_FOR_AGENT, null, null, null,
                null, null, null, null, 0, null, null));
        reviews.remember(new ReviewRow(7, "CONVERSATION", 7003, "b1", t.plusSeconds(1), ReviewPointState.OPEN, null, "me",
                null, null, null, "Why bash?", null, 0, null, null));
        // read again by a later batch: kept as first read
        reviews.remember(new ReviewRow(7, "LINE", 9001, "b2", t.plusSeconds(60), ReviewPointState.OPEN, null, "me",
                "app/cart.py", 12, null, "changed text", null, 0, null, null));

        assertThat(reviews.readKeys(7)).isEqualTo(Set.of("LINE:9001", "REVIEW:501", "CONVERSATION:7002", "CONVERSATION:7003"));
        assertThat(reviews.open(7)).extracting(ReviewRow::itemId).containsExactly(9001L, 7003L);
        assertThat(reviews.open(7).get(0).body()).isEqualTo("Use sum().");
        assertThat(reviews.open(7).get(0).readAt()).isEqualTo(t);
        assertThat(reviews.latestDecision(7)).contains("CHANGES_REQUESTED");

        reviews.answered(7, "LINE", 9001, "Used sum().", "b2");
        reviews.attempted(7, "CONVERSATION", 7003);
        reviews.attempted(7, "CONVERSATION", 7003);
        reviews.needsYou(7, "CONVERSATION", 7003);

        assertThat(reviews.open(7)).isEmpty();
        assertThat(reviews.tally(7)).isEqualTo(new ReviewRepository.Tally(2, 1, 0, 1));
        assertThat(reviews.all(7)).filteredOn(r -> r.itemId() == 7003).singleElement()
                .satisfies(r -> assertThat(r.attempts()).isEqualTo(2));
        assertThat(reviews.all(7)).filteredOn(r -> r.itemId() == 9001).singleElement()
                .satisfies(r -> assertThat(r.answer()).isEqualTo("Used sum()."));
        assertThat(reviews.readKeys(8)).isEmpty();
    }

    @Test
    void onH2() {
        TestHome home = TestHome.create(dir);
        try (Database.Held db = Database.hold(home.home())) {
            pointsReadAnsweredAndGivenUp(db);
        }
    }

    @Test
    void onPostgresql() {
        TestPostgres pg = TestPostgres.create();
        try {
            TestHome home = TestHome.create(dir);
            home.settings(pg.settings());
            try (Database.Held db = Database.hold(home.home())) {
                pointsReadAnsweredAndGivenUp(db);
            }
        } finally {
            pg.close();
        }
    }
}
