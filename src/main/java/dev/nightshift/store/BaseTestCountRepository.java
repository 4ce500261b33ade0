package dev.nightshift.store;

import dev.nightshift.secret.SecretMasker;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The number of tests base ran, per commit and test command: the gate's floor. */
@Repository
public class BaseTestCountRepository {

    /**
     * One measurement; {@code executed} is {@code null} when the run left nothing countable.
     *
     * @param testsFailed tests counted as failed or in error; {@code null} when nothing was counted
     * @param said what the run said, for the owner when it failed (masked); {@code null} when nothing
     */
    public record BaseTestCount(String project, String commitSha, String commandHash, String batchId,
                                Integer testsRun, Integer testsExecuted, Integer exitCode, String source,
                                Instant measuredAt, String said, Integer testsFailed) {
    }

    private final JdbcClient jdbc;
    private final SecretMasker masker;

    public BaseTestCountRepository(JdbcClient jdbc, SecretMasker masker) {
        this.jdbc = jdbc;
        this.masker = masker;
    }

    public Optional<BaseTestCount> find(String project, String commitSha, String commandHash) {
        return jdbc.sql("SELECT * FROM base_test_counts WHERE project = ? AND commit_sha = ? AND command_hash = ?")
                .params(project, commitSha, commandHash).query(Rows.of(BaseTestCount.class)).optional();
    }

    public void save(BaseTestCount c) {
        Upsert.into("base_test_counts").key("project", c.project()).key("commit_sha", c.commitSha())
                .key("command_hash", c.commandHash()).value("batch_id", c.batchId()).value("tests_run", c.testsRun())
                .value("tests_executed", c.testsExecuted()).value("exit_code", c.exitCode()).value("source", c.source())
                .value("measured_at", c.measuredAt()).value("said", c.said() == null ? null : masker.mask(c.said()))
                .value("tests_failed", c.testsFailed())
                .write(jdbc);
    }
}
