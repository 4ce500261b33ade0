package dev.nightshift.store;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Records.BuildResult;
import dev.nightshift.store.Records.GateRun;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the build phase did per project: its result and the gate runs behind it. */
@Repository
public class BuildRepository {

    private final JdbcClient jdbc;
    private final SecretMasker masker;

    public BuildRepository(JdbcClient jdbc, SecretMasker masker) {
        this.jdbc = jdbc;
        this.masker = masker;
    }

    public void save(BuildResult r) {
        Upsert.into("build_results").key("batch_id", r.batchId()).key("project", r.project())
                .value("spec", r.spec()).value("task", BatchRepository.truncate(masker.mask(r.task()), 2000))
                .value("outcome", r.outcome().name()).value("detail", BatchRepository.truncate(masker.mask(r.detail()), 4000))
                .value("test_tail", masker.mask(r.testTail())).value("pr_id", r.prId()).value("pr_action", r.prAction())
                .value("agent_millis", r.agentMillis()).value("cost_usd", r.costUsd()).value("tests_run", r.testsRun())
                .value("tests_passed", r.testsPassed()).value("note", masker.mask(r.note()))
                .value("started_at", r.startedAt()).value("ended_at", r.endedAt())
                .write(jdbc);
        // Where the build ran: the node of the batch that ran it.
        jdbc.sql("UPDATE build_results SET node = (SELECT node FROM batches WHERE id = ?) WHERE batch_id = ? AND project = ?"
                + " AND node IS NULL").params(r.batchId(), r.batchId(), r.project()).update();
    }

    /** The build ran on {@code node} (a cluster's worker), not on the node of its batch. */
    public void ranOn(String batchId, String project, String node) {
        jdbc.sql("UPDATE build_results SET node = ? WHERE batch_id = ? AND project = ?").params(node, batchId, project)
                .update();
    }

    /** The node each of the batch's builds ran on, by project, in project order. */
    public java.util.Map<String, String> nodes(String batchId) {
        java.util.Map<String, String> nodes = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT project, node FROM build_results WHERE batch_id = ? AND node IS NOT NULL ORDER BY project")
                .param(batchId).query((rs, i) -> nodes.put(rs.getString("project"), rs.getString("node"))).list();
        return nodes;
    }

    public List<BuildResult> results(String batchId) {
        return jdbc.sql("SELECT * FROM build_results WHERE batch_id = ? ORDER BY project").param(batchId)
                .query(Rows.of(BuildResult.class)).list();
    }

    /**
     * The spec's newest results that weigh in its failure streak ({@link BuildOutcome#weighed()}),
     * newest first. Neutral ones (a dry run, the budget, nightshift's own trouble) are left out
     * here, so that {@code limit} counts only results that say something about the spec.
     */
    public List<BuildResult> weighedForSpec(String project, String spec, int limit) {
        return jdbc.sql("""
                SELECT * FROM build_results WHERE project = :project AND spec = :spec AND outcome IN (:outcomes)
                ORDER BY started_at DESC LIMIT :limit""")
                .param("project", project).param("spec", spec)
                .param("outcomes", BuildOutcome.weighed().stream().map(Enum::name).toList())
                .param("limit", limit)
                .query(Rows.of(BuildResult.class)).list();
    }

    /**
     * When each of these projects last had its turn in the build ({@link BuildOutcome#hadTurn()}):
     * the start of its latest such result; a project that never had one is absent.
     */
    public java.util.Map<String, java.time.Instant> lastTurns(java.util.Collection<String> projects) {
        java.util.Map<String, java.time.Instant> last = new java.util.HashMap<>();
        if (projects.isEmpty()) {
            return last;
        }
        jdbc.sql("""
                SELECT project, MAX(started_at) AS started_at FROM build_results
                WHERE project IN (:projects) AND outcome IN (:outcomes) GROUP BY project""")
                .param("projects", java.util.List.copyOf(projects))
                .param("outcomes", java.util.Arrays.stream(BuildOutcome.values()).filter(BuildOutcome::hadTurn)
                        .map(Enum::name).toList())
                .query((rs, row) -> java.util.Map.entry(rs.getString("project"),
                        rs.getObject("started_at", java.time.OffsetDateTime.class).toInstant()))
                .list().forEach(e -> last.put(e.getKey(), e.getValue()));
        return last;
    }

    /** Per project, the specs with at least one result that weighs in a failure streak. */
    public java.util.Map<String, java.util.Set<String>> specsWithWeighed() {
        java.util.Map<String, java.util.Set<String>> specs = new java.util.HashMap<>();
        jdbc.sql("SELECT DISTINCT project, spec FROM build_results WHERE outcome IN (:outcomes)")
                .param("outcomes", BuildOutcome.weighed().stream().map(Enum::name).toList())
                .query((rs, row) -> specs.computeIfAbsent(rs.getString(1), p -> new java.util.HashSet<>()).add(rs.getString(2)))
                .list();
        return specs;
    }

    /** The specs of a project with at least one result that weighs in a failure streak. */
    public java.util.Set<String> specsWithWeighed(String project) {
        return new java.util.HashSet<>(jdbc.sql(
                        "SELECT DISTINCT spec FROM build_results WHERE project = :project AND outcome IN (:outcomes)")
                .param("project", project)
                .param("outcomes", BuildOutcome.weighed().stream().map(Enum::name).toList())
                .query(String.class).list());
    }

    public long saveGate(GateRun g) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO gate_runs (batch_id, project, spec, command_kind, attempt, started_at, ended_at, exit_code,
                    timed_out, tests_run, tests_passed, tests_failed, tests_skipped, passed, reason, log_path, tail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(g.batchId(), g.project(), g.spec(), g.commandKind(), g.attempt(), g.startedAt(), g.endedAt(),
                        g.exitCode(), g.timedOut(), g.testsRun(), g.testsPassed(), g.testsFailed(), g.testsSkipped(),
                        g.passed(), BatchRepository.truncate(masker.mask(g.reason()), 2000), g.logPath(),
                        masker.mask(g.tail()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<GateRun> gates(String batchId) {
        return jdbc.sql("SELECT * FROM gate_runs WHERE batch_id = ? ORDER BY id").param(batchId)
                .query(Rows.of(GateRun.class)).list();
    }
}
