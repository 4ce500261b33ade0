package dev.nightshift.store;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Deletes the records of batches past {@code retention.runs-days}, with their rows in every table
 * and their Spring Batch executions. What later batches still need stays: open pull requests, the
 * newest integration run of each project (base's state and test count), queued mail, the spec
 * index, and agent runs that count towards this month's budget.
 */
@Repository
public class RetentionRepository {

    /** Batches that ended (or, having died, started) before the cutoff and are not running. */
    private static final String OLD = "SELECT id FROM batches WHERE status <> 'RUNNING' AND COALESCE(ended_at, started_at) < :cutoff";

    private static final List<String> PER_BATCH = List.of("phase_results", "plans", "queue_snapshots", "input_problems",
            "build_results", "gate_runs", "risks", "reviews", "health_checks", "spec_index_changes", "spec_moves",
            "pull_request_updates");

    private final JdbcClient jdbc;

    public RetentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many batches ended before {@code cutoff}. */
    public int countOld(Instant cutoff) {
        return jdbc.sql("SELECT COUNT(*) FROM (" + OLD + ")").param("cutoff", cutoff).query(Integer.class).single();
    }

    /**
     * @param keepAgentRunsSince agent runs at or after this instant stay whatever their batch (the month's budget)
     * @return how many batches were deleted
     */
    public int prune(Instant cutoff, Instant keepAgentRunsSince) {
        for (String table : PER_BATCH) {
            jdbc.sql("DELETE FROM " + table + " WHERE batch_id IN (" + OLD + ")").param("cutoff", cutoff).update();
        }
        jdbc.sql("DELETE FROM agent_runs WHERE batch_id IN (" + OLD + ") AND started_at < :keep")
                .param("cutoff", cutoff).param("keep", keepAgentRunsSince).update();
        jdbc.sql("""
                DELETE FROM integration_runs WHERE batch_id IN (%s)
                    AND id NOT IN (SELECT MAX(id) FROM integration_runs GROUP BY project)""".formatted(OLD))
                .param("cutoff", cutoff).update();
        jdbc.sql("DELETE FROM mail_deliveries WHERE batch_id IN (" + OLD + ") AND status <> 'QUEUED'")
                .param("cutoff", cutoff).update();
        pruneSpringBatch(cutoff);
        return jdbc.sql("DELETE FROM batches WHERE id IN (" + OLD + ")").param("cutoff", cutoff).update();
    }

    private void pruneSpringBatch(Instant cutoff) {
        String executions = "SELECT job_execution_id FROM batches WHERE job_execution_id IS NOT NULL AND id IN (" + OLD + ")";
        String steps = "SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + executions + ")";
        jdbc.sql("DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN (" + steps + ")")
                .param("cutoff", cutoff).update();
        jdbc.sql("DELETE FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + executions + ")").param("cutoff", cutoff).update();
        jdbc.sql("DELETE FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID IN (" + executions + ")")
                .param("cutoff", cutoff).update();
        jdbc.sql("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID IN (" + executions + ")")
                .param("cutoff", cutoff).update();
        jdbc.sql("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID IN (" + executions + ")").param("cutoff", cutoff).update();
        jdbc.sql("""
                DELETE FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID NOT IN
                    (SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION)""").update();
    }
}
