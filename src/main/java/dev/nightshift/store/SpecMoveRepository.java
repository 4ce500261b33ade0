package dev.nightshift.store;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Records.SpecMove;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every move of a spec file between queue folders. Files are moved, never deleted. */
@Repository
public class SpecMoveRepository {

    private final JdbcClient jdbc;
    private final SecretMasker masker;

    public SpecMoveRepository(JdbcClient jdbc, SecretMasker masker) {
        this.jdbc = jdbc;
        this.masker = masker;
    }

    public void record(String batchId, String project, String spec, String from, String to, String reason, Instant at) {
        jdbc.sql("""
                INSERT INTO spec_moves (batch_id, project, spec, from_folder, to_folder, reason, moved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(batchId, project, spec, from, to, BatchRepository.truncate(masker.mask(reason), 4000), at)
                .update();
    }

    public List<SpecMove> forBatch(String batchId) {
        return jdbc.sql("SELECT * FROM spec_moves WHERE batch_id = ? ORDER BY id").param(batchId)
                .query(Rows.of(SpecMove.class)).list();
    }

    public List<SpecMove> forSpec(String project, String spec) {
        return jdbc.sql("SELECT * FROM spec_moves WHERE project = ? AND spec = ? ORDER BY id").params(project, spec)
                .query(Rows.of(SpecMove.class)).list();
    }
}
