package dev.nightshift.store;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Observations.HealthCheckResult;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Production health checks: what each URL answered, in which batch, and how fast. */
@Repository
public class HealthCheckRepository {

    private final JdbcClient jdbc;
    private final SecretMasker masker;

    public HealthCheckRepository(JdbcClient jdbc, SecretMasker masker) {
        this.jdbc = jdbc;
        this.masker = masker;
    }

    public void save(HealthCheckResult r) {
        jdbc.sql("""
                INSERT INTO health_checks (batch_id, project, url, expected, status_code, outcome, latency_ms, detail,
                    checked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.batchId(), r.project(), BatchRepository.truncate(masker.mask(r.url()), 2000), r.expected(),
                        r.statusCode(), r.outcome().name(), r.latencyMs(),
                        BatchRepository.truncate(masker.mask(r.detail()), 2000), r.checkedAt())
                .update();
    }

    public List<HealthCheckResult> forBatch(String batchId) {
        return jdbc.sql("SELECT * FROM health_checks WHERE batch_id = ? ORDER BY project, id").param(batchId)
                .query(Rows.of(HealthCheckResult.class)).list();
    }

    /** The checks of the newest batch that checked this project (a batch checks all its URLs at once). */
    public List<HealthCheckResult> latest(String project) {
        return jdbc.sql("""
                SELECT * FROM health_checks WHERE project = ? AND batch_id =
                    (SELECT batch_id FROM health_checks WHERE project = ? ORDER BY id DESC LIMIT 1)
                ORDER BY id""").params(project, project).query(Rows.of(HealthCheckResult.class)).list();
    }
}
