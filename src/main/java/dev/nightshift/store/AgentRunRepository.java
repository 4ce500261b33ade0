package dev.nightshift.store;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Records.AgentRun;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Every agent run with its time, exit, cost and tokens; the budget is the sum of these costs. */
@Repository
public class AgentRunRepository {

    private final JdbcClient jdbc;
    private final SecretMasker masker;

    public AgentRunRepository(JdbcClient jdbc, SecretMasker masker) {
        this.jdbc = jdbc;
        this.masker = masker;
    }

    /** Records a run as it starts, so a crash mid-run still leaves its trace. */
    public long start(String batchId, String project, String spec, String task, String purpose, int attempt,
                      String kind, Instant startedAt, String logPath) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO agent_runs (batch_id, project, spec, task, purpose, attempt, kind, started_at, log_path)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(batchId, project, spec, BatchRepository.truncate(masker.mask(task), 2000), purpose, attempt, kind,
                        startedAt, logPath)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void finish(long id, Instant endedAt, Integer exitCode, boolean timedOut, boolean succeeded,
                       BigDecimal costUsd, boolean costEstimated, Long inputTokens, Long outputTokens,
                       Long cacheReadTokens, Long cacheWriteTokens, String summary) {
        jdbc.sql("""
                UPDATE agent_runs SET ended_at = ?, exit_code = ?, timed_out = ?, succeeded = ?, cost_usd = ?,
                    cost_estimated = ?, input_tokens = ?, output_tokens = ?, cache_read_tokens = ?,
                    cache_write_tokens = ?, summary = ?
                WHERE id = ?""")
                .params(endedAt, exitCode, timedOut, succeeded, costUsd, costEstimated, inputTokens, outputTokens,
                        cacheReadTokens, cacheWriteTokens, BatchRepository.truncate(masker.mask(summary), 4000), id)
                .update();
    }

    public List<AgentRun> forBatch(String batchId) {
        return jdbc.sql("SELECT * FROM agent_runs WHERE batch_id = ? ORDER BY id").param(batchId)
                .query(Rows.of(AgentRun.class)).list();
    }

    /** What the agent runs that started at or after {@code since} cost. */
    public BigDecimal spendSince(Instant since) {
        BigDecimal sum = jdbc.sql("SELECT COALESCE(SUM(cost_usd), 0) FROM agent_runs WHERE started_at >= ?")
                .param(since).query(BigDecimal.class).single();
        return sum == null ? BigDecimal.ZERO : sum;
    }

    /** What the agent runs between the two instants cost (for the report's cost-per-day chart). */
    public BigDecimal spendBetween(Instant from, Instant to) {
        BigDecimal sum = jdbc.sql("SELECT COALESCE(SUM(cost_usd), 0) FROM agent_runs WHERE started_at >= ? AND started_at < ?")
                .params(from, to).query(BigDecimal.class).single();
        return sum == null ? BigDecimal.ZERO : sum;
    }

    /** Runs of a batch that died: started and never ended. */
    public int markUnfinished(String batchId, Instant endedAt) {
        return jdbc.sql("UPDATE agent_runs SET ended_at = ?, summary = 'the batch died during this run' WHERE batch_id = ? AND ended_at IS NULL")
                .params(endedAt, batchId).update();
    }
}
