package dev.nightshift.store;

import dev.nightshift.secret.SecretMasker;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What nightshift read of the owner's review on its pull requests, and what came of each point. */
@Repository
public class ReviewRepository {

    /** One comment or review as read, and where it stands. */
    public record ReviewRow(long prId, String kind, long itemId, String batchId, Instant readAt, ReviewPointState state,
                            String decision, String author, String path, Integer line, String diffHunk, String body,
                            String url, int attempts, String answer, String answeredBatch) {
    }

    /** Per pull request: points received in all, answered, still open, left to the owner. */
    public record Tally(int received, int addressed, int open, int needsYou) {
    }

    private final JdbcClient jdbc;
    private final SecretMasker masker;

    public ReviewRepository(JdbcClient jdbc, SecretMasker masker) {
        this.jdbc = jdbc;
        this.masker = masker;
    }

    /** "LINE:123" for every item already read on the pull request: none of them is read again. */
    public Set<String> readKeys(long prId) {
        return new HashSet<>(jdbc.sql("SELECT kind, item_id FROM review_points WHERE pr_id = ?").param(prId)
                .query((rs, n) -> rs.getString(1) + ":" + rs.getLong(2)).list());
    }

    /** Remembers one item read; a row already there is kept as it is (it was read before). */
    public void remember(ReviewRow row) {
        int known = jdbc.sql("SELECT COUNT(*) FROM review_points WHERE pr_id = ? AND kind = ? AND item_id = ?")
                .params(row.prId(), row.kind(), row.itemId()).query(Integer.class).single();
        if (known > 0) {
            return;
        }
        jdbc.sql("""
                INSERT INTO review_points (pr_id, kind, item_id, batch_id, read_at, state, decision, author, path, line,
                    diff_hunk, body, url, attempts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(row.prId(), row.kind(), row.itemId(), row.batchId(), row.readAt(), row.state().name(),
                        row.decision(), row.author(), row.path(), row.line(), masker.mask(row.diffHunk()),
                        masker.mask(row.body()), row.url())
                .update();
    }

    /** The points the agent has still to answer, oldest first. */
    public List<ReviewRow> open(long prId) {
        return jdbc.sql("SELECT * FROM review_points WHERE pr_id = ? AND state = 'OPEN' ORDER BY read_at, kind, item_id")
                .param(prId).query(Rows.of(ReviewRow.class)).list();
    }

    /** Every row of a pull request, as read. */
    public List<ReviewRow> all(long prId) {
        return jdbc.sql("SELECT * FROM review_points WHERE pr_id = ? ORDER BY read_at, kind, item_id")
                .param(prId).query(Rows.of(ReviewRow.class)).list();
    }

    /** The owner's latest decision on the pull request (a review's state), if any review made one. */
    public Optional<String> latestDecision(long prId) {
        return jdbc.sql("""
                SELECT decision FROM review_points WHERE pr_id = ? AND decision IS NOT NULL
                ORDER BY read_at DESC, item_id DESC LIMIT 1""").param(prId).query(String.class).optional();
    }

    /** One more batch gave the point to the agent. */
    public void attempted(long prId, String kind, long itemId) {
        jdbc.sql("UPDATE review_points SET attempts = attempts + 1 WHERE pr_id = ? AND kind = ? AND item_id = ?")
                .params(prId, kind, itemId).update();
    }

    /** The agent answered the point in a batch whose work was pushed. */
    public void answered(long prId, String kind, long itemId, String answer, String batchId) {
        jdbc.sql("""
                UPDATE review_points SET state = 'ADDRESSED', answer = ?, answered_batch = ?
                WHERE pr_id = ? AND kind = ? AND item_id = ?""")
                .params(masker.mask(answer), batchId, prId, kind, itemId).update();
    }

    /** Left to the owner: given to the agent as often as allowed without an answer. */
    public void needsYou(long prId, String kind, long itemId) {
        jdbc.sql("UPDATE review_points SET state = 'NEEDS_YOU' WHERE pr_id = ? AND kind = ? AND item_id = ?")
                .params(prId, kind, itemId).update();
    }

    public Tally tally(long prId) {
        List<ReviewRow> rows = all(prId);
        int addressed = count(rows, ReviewPointState.ADDRESSED);
        int open = count(rows, ReviewPointState.OPEN);
        int needsYou = count(rows, ReviewPointState.NEEDS_YOU);
        return new Tally(addressed + open + needsYou, addressed, open, needsYou);
    }

    private static int count(List<ReviewRow> rows, ReviewPointState state) {
        return (int) rows.stream().filter(r -> r.state() == state).count();
    }
}
