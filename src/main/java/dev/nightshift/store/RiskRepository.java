package dev.nightshift.store;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Observations.Review;
import dev.nightshift.store.Observations.Risk;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The supervisor's findings per batch: the risks it named and the advisory review it was given. */
@Repository
public class RiskRepository {

    private final JdbcClient jdbc;
    private final SecretMasker masker;

    public RiskRepository(JdbcClient jdbc, SecretMasker masker) {
        this.jdbc = jdbc;
        this.masker = masker;
    }

    public void save(String batchId, RiskKind kind, String project, String spec, String reason, Instant now) {
        jdbc.sql("INSERT INTO risks (batch_id, kind, project, spec, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(batchId, kind.name(), project, spec, BatchRepository.truncate(masker.mask(reason), 2000), now)
                .update();
    }

    public List<Risk> forBatch(String batchId) {
        return jdbc.sql("SELECT * FROM risks WHERE batch_id = ? ORDER BY id").param(batchId).query(Rows.of(Risk.class)).list();
    }

    public void saveReview(String batchId, Long agentRunId, ReviewStatus status, String text, Instant now) {
        Upsert.into("reviews").key("batch_id", batchId).value("agent_run_id", agentRunId).value("status", status.name())
                .value("text", masker.mask(text)).value("created_at", now).write(jdbc);
    }

    public Optional<Review> review(String batchId) {
        return jdbc.sql("SELECT * FROM reviews WHERE batch_id = ?").param(batchId).query(Rows.of(Review.class)).optional();
    }
}
