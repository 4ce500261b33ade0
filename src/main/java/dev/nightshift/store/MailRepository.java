package dev.nightshift.store;

import dev.nightshift.store.Records.MailDelivery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Report emails: queued in the outbox, then sent exactly once. */
@Repository
public class MailRepository {

    private final JdbcClient jdbc;

    public MailRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long queue(String batchId, String file, String subject, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO mail_deliveries (batch_id, file, subject, status, created_at) VALUES (?, ?, ?, 'QUEUED', ?)")
                .params(batchId, file, subject, now).update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<MailDelivery> queued() {
        return jdbc.sql("SELECT * FROM mail_deliveries WHERE status = 'QUEUED' ORDER BY id").query(Rows.of(MailDelivery.class)).list();
    }

    public Optional<MailDelivery> forBatch(String batchId) {
        return jdbc.sql("SELECT * FROM mail_deliveries WHERE batch_id = ? ORDER BY id DESC LIMIT 1").param(batchId)
                .query(Rows.of(MailDelivery.class)).optional();
    }

    public void sent(long id, String file, Instant now) {
        jdbc.sql("UPDATE mail_deliveries SET status = 'SENT', file = ?, attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ?")
                .params(file, now, id).update();
    }

    public void lost(long id, String error) {
        jdbc.sql("UPDATE mail_deliveries SET status = 'LOST', last_error = ? WHERE id = ?")
                .params(BatchRepository.truncate(error, 2000), id).update();
    }

    /** What waits in the outbox, read by two bounded queries: for {@code status}, quick with any history. */
    public Waiting waiting(int batchesNamed) {
        int count = jdbc.sql("SELECT COUNT(*) FROM mail_deliveries WHERE status = 'QUEUED'").query(Integer.class).single();
        if (count == 0) {
            return new Waiting(0, null, List.of(), null);
        }
        List<String> batches = jdbc.sql("SELECT batch_id FROM mail_deliveries WHERE status = 'QUEUED' ORDER BY id LIMIT ?")
                .param(batchesNamed).query(String.class).list();
        String error = jdbc.sql("SELECT last_error FROM mail_deliveries WHERE status = 'QUEUED' AND last_error IS NOT NULL"
                + " ORDER BY id DESC LIMIT 1").query(String.class).optional().orElse(null);
        Instant since = jdbc.sql("SELECT * FROM mail_deliveries WHERE status = 'QUEUED' ORDER BY id LIMIT 1")
                .query(Rows.of(MailDelivery.class)).single().createdAt();
        return new Waiting(count, since, batches, error);
    }

    /**
     * Reports not yet delivered.
     *
     * @param batches   the oldest of them, at most as many as asked for
     * @param lastError the latest error of a delivery that still waits; {@code null} when none was tried
     */
    public record Waiting(int count, Instant since, List<String> batches, String lastError) {
    }

    public void failed(long id, String error) {
        jdbc.sql("UPDATE mail_deliveries SET attempts = attempts + 1, last_error = ? WHERE id = ?")
                .params(BatchRepository.truncate(error, 2000), id).update();
    }
}
