package dev.nightshift.store;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Records.Batch;
import dev.nightshift.store.Records.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Batches and their phase results. */
@Repository
public class BatchRepository {

    private final JdbcClient jdbc;
    private final SecretMasker masker;

    public BatchRepository(JdbcClient jdbc, SecretMasker masker) {
        this.jdbc = jdbc;
        this.masker = masker;
    }

    public boolean exists(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM batches WHERE id = ?").param(id).query(Integer.class).single() > 0;
    }

    public void start(String id, Instant startedAt, String trigger, boolean dryRun, String projectFilter, long pid) {
        jdbc.sql("""
                INSERT INTO batches (id, started_at, status, trigger_kind, dry_run, project_filter, pid)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, startedAt, BatchStatus.RUNNING.name(), trigger, dryRun, projectFilter, pid)
                .update();
    }

    public void attachJobExecution(String id, long jobExecutionId) {
        jdbc.sql("UPDATE batches SET job_execution_id = ? WHERE id = ?").params(jobExecutionId, id).update();
    }

    public void finish(String id, BatchStatus status, Instant endedAt) {
        jdbc.sql("UPDATE batches SET status = ?, ended_at = ? WHERE id = ?")
                .params(status.name(), endedAt, id).update();
    }

    /** Adds a line to the batch's note (e.g. what was recovered); the report shows it at the top. */
    public void addNote(String id, String line) {
        String current = find(id).map(Batch::note).orElse(null);
        String note = current == null || current.isBlank() ? line : current + "\n" + line;
        jdbc.sql("UPDATE batches SET note = ? WHERE id = ?").params(truncate(masker.mask(note), 4000), id).update();
    }

    public Optional<Batch> find(String id) {
        return jdbc.sql("SELECT * FROM batches WHERE id = ?").param(id).query(Rows.of(Batch.class)).optional();
    }

    /** The newest batches first. */
    public List<Batch> latest(int limit) {
        return jdbc.sql("SELECT * FROM batches ORDER BY started_at DESC, id DESC LIMIT ?").param(limit)
                .query(Rows.of(Batch.class)).list();
    }

    /** The newest batches that did work (not idle, paused or dry), newest first. */
    public List<Batch> latestWorking(int limit) {
        return jdbc.sql("""
                SELECT * FROM batches WHERE status IN ('SUCCEEDED', 'FAILED', 'STOPPED', 'CRASHED') AND dry_run = FALSE
                ORDER BY started_at DESC, id DESC LIMIT ?""").param(limit).query(Rows.of(Batch.class)).list();
    }

    public List<Batch> running() {
        return jdbc.sql("SELECT * FROM batches WHERE ended_at IS NULL AND status = 'RUNNING' ORDER BY started_at")
                .query(Rows.of(Batch.class)).list();
    }

    public void startPhase(String batchId, String phase, Instant startedAt) {
        Upsert.into("phase_results").key("batch_id", batchId).key("phase", phase).value("started_at", startedAt)
                .value("outcome", "RUNNING").write(jdbc);
    }

    public void endPhase(String batchId, String phase, PhaseOutcome outcome, String detail, Instant endedAt) {
        jdbc.sql("UPDATE phase_results SET outcome = ?, detail = ?, ended_at = ? WHERE batch_id = ? AND phase = ?")
                .params(outcome.name(), truncate(masker.mask(detail), 4000), endedAt, batchId, phase).update();
    }

    /** The phases of a batch in the order they ran; a phase that never ended shows as failed. */
    public List<Phase> phases(String batchId) {
        return jdbc.sql("""
                SELECT batch_id, phase, started_at, ended_at,
                       CASE WHEN outcome = 'RUNNING' THEN 'FAILED' ELSE outcome END AS outcome, detail
                FROM phase_results WHERE batch_id = ? ORDER BY started_at""")
                .param(batchId).query(Rows.of(Phase.class)).list();
    }

    /** Deletes batches that ended before {@code cutoff}, with their phase results; returns how many. */
    public int deleteEndedBefore(Instant cutoff) {
        jdbc.sql("DELETE FROM phase_results WHERE batch_id IN (SELECT id FROM batches WHERE ended_at < ?)")
                .param(cutoff).update();
        return jdbc.sql("DELETE FROM batches WHERE ended_at < ?").param(cutoff).update();
    }

    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
