package dev.nightshift.store;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Records.InputProblem;
import dev.nightshift.store.Records.PlanEntry;
import dev.nightshift.store.Records.QueueSnapshot;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the supervisor saw and decided: the queue, the problems with the owner's files, the plan. */
@Repository
public class PlanRepository {

    /** The plan row without its work order, which only the build reads. */
    private static final String ENTRY = "batch_id, project, spec, task, task_index, reason";

    private final JdbcClient jdbc;
    private final SecretMasker masker;

    public PlanRepository(JdbcClient jdbc, SecretMasker masker) {
        this.jdbc = jdbc;
        this.masker = masker;
    }

    public void save(PlanEntry entry) {
        Upsert.into("plans").key("batch_id", entry.batchId()).key("project", entry.project())
                .value("spec", entry.spec()).value("task", BatchRepository.truncate(masker.mask(entry.task()), 2000))
                .value("task_index", entry.taskIndex())
                .value("reason", BatchRepository.truncate(masker.mask(entry.reason()), 2000))
                .write(jdbc);
    }

    public List<PlanEntry> plan(String batchId) {
        return jdbc.sql("SELECT " + ENTRY + " FROM plans WHERE batch_id = ? ORDER BY project").param(batchId)
                .query(PlanEntry.class).list();
    }

    public Optional<PlanEntry> entry(String batchId, String project) {
        return jdbc.sql("SELECT " + ENTRY + " FROM plans WHERE batch_id = ? AND project = ?").params(batchId, project)
                .query(PlanEntry.class).optional();
    }

    /**
     * Keeps the work order (as JSON) beside the project's plan row, which {@link #save} wrote
     * first. Masked like everything stored: a secret the owner wrote in a spec or the notes never
     * reaches the database, nor through the order the agent.
     */
    public void saveOrder(String batchId, String project, String orderJson) {
        jdbc.sql("UPDATE plans SET work_order = ? WHERE batch_id = ? AND project = ?")
                .params(masker.mask(orderJson), batchId, project).update();
    }

    /** The work order stored for the project's plan, as JSON; empty when it has none (no work). */
    public Optional<String> order(String batchId, String project) {
        return jdbc.sql("SELECT work_order FROM plans WHERE batch_id = ? AND project = ?").params(batchId, project)
                .query((rs, row) -> rs.getString(1)).list().stream()
                .filter(json -> json != null && !json.isBlank()).findFirst();
    }

    public void problem(InputProblem problem) {
        jdbc.sql("INSERT INTO input_problems (batch_id, project, file, line, message) VALUES (?, ?, ?, ?, ?)")
                .params(problem.batchId(), problem.project(), BatchRepository.truncate(problem.file(), 1000),
                        problem.line(), BatchRepository.truncate(masker.mask(problem.message()), 2000))
                .update();
    }

    public List<InputProblem> problems(String batchId) {
        return jdbc.sql("SELECT batch_id, project, file, line, message FROM input_problems WHERE batch_id = ? ORDER BY id")
                .param(batchId).query(InputProblem.class).list();
    }

    public void snapshot(QueueSnapshot snapshot) {
        Upsert.into("queue_snapshots").key("batch_id", snapshot.batchId()).key("project", snapshot.project())
                .value("next_count", snapshot.nextCount()).value("active_count", snapshot.activeCount())
                .value("done_count", snapshot.doneCount()).value("blocked_count", snapshot.blockedCount())
                .write(jdbc);
    }

    public List<QueueSnapshot> queue(String batchId) {
        return jdbc.sql("SELECT * FROM queue_snapshots WHERE batch_id = ? ORDER BY project").param(batchId)
                .query(QueueSnapshot.class).list();
    }
}
