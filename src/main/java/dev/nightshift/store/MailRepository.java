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
        return jdbc.sql("SELECT * FROM mail_deliveries WHERE status = 'QUEUED' ORDER BY id").query(MailDelivery.class).list();
    }

    public Optional<MailDelivery> forBatch(String batchId) {
        return jdbc.sql("SELECT * FROM mail_deliveries WHERE batch_id = ? ORDER BY id DESC LIMIT 1").param(batchId)
                .query(MailDelivery.class).optional();
    }

    public void sent(long id, String file, Instant now) {
        jdbc.sql("UPDATE mail_deliveries SET status = 'SENT', file = ?, attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ?")
                .params(file, now, id).update();
    }

    public void lost(long id, String error) {
        jdbc.sql("UPDATE mail_deliveries SET status = 'LOST', last_error = ? WHERE id = ?")
                .params(BatchRepository.truncate(error, 2000), id).update();
    }

    public void failed(long id, String error) {
        jdbc.sql("UPDATE mail_deliveries SET attempts = attempts + 1, last_error = ? WHERE id = ?")
                .params(BatchRepository.truncate(error, 2000), id).update();
    }
}
