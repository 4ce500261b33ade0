package dev.nightshift.store;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Records.PullRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The pull requests nightshift opened, on any host, and what each batch added to them. */
@Repository
public class PullRequestRepository {

    private final JdbcClient jdbc;
    private final SecretMasker masker;

    public PullRequestRepository(JdbcClient jdbc, SecretMasker masker) {
        this.jdbc = jdbc;
        this.masker = masker;
    }

    public long insert(String project, String spec, String host, int number, String url, String branch, String title,
                       String headSha, String body, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO pull_requests (project, spec, host, number, url, branch, title, state, head_sha, body,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)""")
                .params(project, spec, host, number, url, branch, masker.mask(title), headSha, masker.mask(body), now, now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<PullRequest> find(long id) {
        return jdbc.sql("SELECT * FROM pull_requests WHERE id = ?").param(id).query(Rows.of(PullRequest.class)).optional();
    }

    /** The newest pull request of a spec on a host, whatever its state. */
    public Optional<PullRequest> latestForSpec(String project, String spec) {
        return jdbc.sql("SELECT * FROM pull_requests WHERE project = ? AND spec = ? ORDER BY id DESC LIMIT 1")
                .params(project, spec).query(Rows.of(PullRequest.class)).optional();
    }

    /** Each spec's latest pull request in one project, by spec name: one query for a whole queue. */
    public java.util.Map<String, PullRequest> latestPerSpec(String project) {
        java.util.Map<String, PullRequest> latest = new java.util.HashMap<>();
        jdbc.sql("SELECT * FROM pull_requests WHERE project = ? ORDER BY id").param(project)
                .query(Rows.of(PullRequest.class)).list().forEach(pr -> latest.put(pr.spec(), pr));
        return latest;
    }

    public Optional<PullRequest> findByNumber(String project, String host, int number) {
        return jdbc.sql("SELECT * FROM pull_requests WHERE project = ? AND host = ? AND number = ?")
                .params(project, host, number).query(Rows.of(PullRequest.class)).optional();
    }

    public List<PullRequest> open() {
        return jdbc.sql("SELECT * FROM pull_requests WHERE state = 'OPEN' ORDER BY project, number")
                .query(Rows.of(PullRequest.class)).list();
    }

    /** How many pull requests each project has open; a project with none is not named. */
    public java.util.Map<String, Integer> countOpenPerProject() {
        java.util.Map<String, Integer> open = new java.util.HashMap<>();
        jdbc.sql("SELECT project, COUNT(*) FROM pull_requests WHERE state = 'OPEN' GROUP BY project")
                .query((rs, row) -> open.put(rs.getString(1), rs.getInt(2))).list();
        return open;
    }

    public List<PullRequest> all() {
        return jdbc.sql("SELECT * FROM pull_requests ORDER BY project, number").query(Rows.of(PullRequest.class)).list();
    }

    /** The next number for a pull request on the {@code local} host of a project: 1, 2, 3 ... */
    public int nextLocalNumber(String project) {
        return jdbc.sql("SELECT COALESCE(MAX(number), 0) + 1 FROM pull_requests WHERE project = ? AND host = 'local'")
                .param(project).query(Integer.class).single();
    }

    public void updateBody(long id, String body, String headSha, Instant now) {
        jdbc.sql("UPDATE pull_requests SET body = ?, head_sha = COALESCE(?, head_sha), updated_at = ? WHERE id = ?")
                .params(masker.mask(body), headSha, now, id).update();
    }

    public void updateState(long id, PullRequestState state, Instant now) {
        jdbc.sql("UPDATE pull_requests SET state = ?, updated_at = ?, closed_at = CASE WHEN ? = 'OPEN' THEN NULL ELSE ? END WHERE id = ?")
                .params(state.name(), now, state.name(), now, id).update();
    }

    /** What one batch added; once per pull request and batch. */
    public void recordUpdate(long prId, String batchId, String action, String headSha, String comment, Instant now) {
        Upsert.into("pull_request_updates").key("pr_id", prId).key("batch_id", batchId).value("action", action)
                .value("head_sha", headSha).value("comment", masker.mask(comment)).value("created_at", now).write(jdbc);
    }

    public boolean updatedIn(long prId, String batchId) {
        return jdbc.sql("SELECT COUNT(*) FROM pull_request_updates WHERE pr_id = ? AND batch_id = ?")
                .params(prId, batchId).query(Integer.class).single() > 0;
    }

    public List<String> comments(long prId) {
        return jdbc.sql("SELECT comment FROM pull_request_updates WHERE pr_id = ? ORDER BY id").param(prId)
                .query(String.class).list();
    }
}
