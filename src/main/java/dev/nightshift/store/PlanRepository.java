package dev.nightshift.store;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Records.InputProblem;
import dev.nightshift.store.Records.PlanEntry;
import dev.nightshift.store.Records.QueueSnapshot;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/** What the supervisor saw and decided: the queue, the problems with the owner's files, the plan. */
@Repository
public class PlanRepository {

    /** The plan row without its work order, which only the build reads. */
    private static final String ENTRY = "batch_id, project, spec, task, task_index, reason";

    private final JdbcClient jdbc;
    private final SecretMasker masker;
    /** Runs a group of writes in one transaction; without a transaction manager, each write commits on its own. */
    private final TransactionOperations atOnce;

    @Autowired
    public PlanRepository(JdbcClient jdbc, SecretMasker masker, PlatformTransactionManager transactions) {
        this(jdbc, masker, new TransactionTemplate(transactions));
    }

    /** Without a transaction manager (the report command, which only reads): each write commits on its own. */
    public PlanRepository(JdbcClient jdbc, SecretMasker masker) {
        this(jdbc, masker, TransactionOperations.withoutTransaction());
    }

    private PlanRepository(JdbcClient jdbc, SecretMasker masker, TransactionOperations atOnce) {
        this.jdbc = jdbc;
        this.masker = masker;
        this.atOnce = atOnce;
    }

    /**
     * A project's plan: its queue as the supervisor saw it, its plan row, and the work order when
     * it gets work ({@code orderJson} null when it gets none).
     */
    public record StoredPlan(QueueSnapshot seen, PlanEntry entry, String orderJson) {
    }

    /**
     * Plans written at once, in one transaction: the build never finds a plan row without its
     * order, and the embedded database, which puts every commit on the disk at once (rewriting
     * the pages a commit touched, work orders of kilobytes among them), writes once for them all.
     */
    public void store(List<StoredPlan> stored) {
        atOnce.executeWithoutResult(status -> {
            for (StoredPlan plan : stored) {
                snapshot(plan.seen());
                save(plan.entry());
                if (plan.orderJson() != null) {
                    saveOrder(plan.entry().batchId(), plan.entry().project(), plan.orderJson());
                }
            }
        });
    }

    /** The queues of a batch's projects, written at once. */
    public void snapshots(List<QueueSnapshot> queues) {
        atOnce.executeWithoutResult(status -> queues.forEach(this::snapshot));
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
                .query(Rows.of(PlanEntry.class)).list();
    }

    public Optional<PlanEntry> entry(String batchId, String project) {
        return jdbc.sql("SELECT " + ENTRY + " FROM plans WHERE batch_id = ? AND project = ?").params(batchId, project)
                .query(Rows.of(PlanEntry.class)).optional();
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
                .param(batchId).query(Rows.of(InputProblem.class)).list();
    }

    public void snapshot(QueueSnapshot snapshot) {
        Upsert.into("queue_snapshots").key("batch_id", snapshot.batchId()).key("project", snapshot.project())
                .value("next_count", snapshot.nextCount()).value("active_count", snapshot.activeCount())
                .value("done_count", snapshot.doneCount()).value("blocked_count", snapshot.blockedCount())
                .write(jdbc);
    }

    public List<QueueSnapshot> queue(String batchId) {
        return jdbc.sql("SELECT * FROM queue_snapshots WHERE batch_id = ? ORDER BY project").param(batchId)
                .query(Rows.of(QueueSnapshot.class)).list();
    }
}
