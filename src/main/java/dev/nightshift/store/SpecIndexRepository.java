package dev.nightshift.store;

import dev.nightshift.store.Observations.SpecIndexChange;
import dev.nightshift.store.Observations.SpecIndexEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The spec index: every spec file seen, where it is and its hash, and what each batch found changed. */
@Repository
public class SpecIndexRepository {

    private final JdbcClient jdbc;

    public SpecIndexRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every entry of a project, removed ones included. */
    public List<SpecIndexEntry> entries(String project) {
        return jdbc.sql("SELECT * FROM spec_index WHERE project = ? ORDER BY spec").param(project)
                .query(Rows.of(SpecIndexEntry.class)).list();
    }

    public Optional<SpecIndexEntry> entry(String project, String spec) {
        return jdbc.sql("SELECT * FROM spec_index WHERE project = ? AND spec = ?").params(project, spec)
                .query(Rows.of(SpecIndexEntry.class)).optional();
    }

    /** Records the file as seen now; {@code changedAt} moves only when something about it changed. */
    public void seen(String batchId, String project, String spec, String folder, String path, String hash, String title,
                     boolean changed, Instant now) {
        int updated = jdbc.sql("""
                UPDATE spec_index SET folder = ?, path = ?, hash = ?, title = ?, last_seen_batch = ?, removed_at = NULL,
                    changed_at = CASE WHEN ? THEN ? ELSE changed_at END
                WHERE project = ? AND spec = ?""")
                .params(folder, path, hash, BatchRepository.truncate(title, 1000), batchId, changed, now, project, spec)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO spec_index (project, spec, folder, path, hash, title, first_seen_batch, last_seen_batch,
                        changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(project, spec, folder, path, hash, BatchRepository.truncate(title, 1000), batchId, batchId, now)
                    .update();
        }
    }

    public void removed(String project, String spec, Instant now) {
        jdbc.sql("UPDATE spec_index SET removed_at = ?, changed_at = ? WHERE project = ? AND spec = ?")
                .params(now, now, project, spec).update();
    }

    public void change(String batchId, String project, String spec, SpecChange change, String detail) {
        jdbc.sql("INSERT INTO spec_index_changes (batch_id, project, spec, change, detail) VALUES (?, ?, ?, ?, ?)")
                .params(batchId, project, spec, change.name(), BatchRepository.truncate(detail, 1000)).update();
    }

    public List<SpecIndexChange> changes(String batchId) {
        return jdbc.sql("SELECT * FROM spec_index_changes WHERE batch_id = ? ORDER BY project, spec, id").param(batchId)
                .query(Rows.of(SpecIndexChange.class)).list();
    }
}
