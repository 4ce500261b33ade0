package dev.nightshift.store;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Records.IntegrationRun;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Integration runs on the head of each project's base. */
@Repository
public class IntegrationRepository {

    private final JdbcClient jdbc;
    private final SecretMasker masker;

    public IntegrationRepository(JdbcClient jdbc, SecretMasker masker) {
        this.jdbc = jdbc;
        this.masker = masker;
    }

    public void save(IntegrationRun r) {
        jdbc.sql("""
                INSERT INTO integration_runs (batch_id, project, commit_sha, started_at, ended_at, exit_code, timed_out,
                    passed, tests_run, tests_passed, tests_failed, log_path, tail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.batchId(), r.project(), r.commitSha(), r.startedAt(), r.endedAt(), r.exitCode(),
                        r.timedOut(), r.passed(), r.testsRun(), r.testsPassed(), r.testsFailed(), r.logPath(),
                        masker.mask(r.tail()))
                .update();
    }

    /** The newest integration run of a project: the last tested commit, and whether base is green. */
    public Optional<IntegrationRun> latest(String project) {
        return jdbc.sql("SELECT * FROM integration_runs WHERE project = ? ORDER BY id DESC LIMIT 1").param(project)
                .query(Rows.of(IntegrationRun.class)).optional();
    }

    public List<IntegrationRun> forBatch(String batchId) {
        return jdbc.sql("SELECT * FROM integration_runs WHERE batch_id = ? ORDER BY project").param(batchId)
                .query(Rows.of(IntegrationRun.class)).list();
    }
}
