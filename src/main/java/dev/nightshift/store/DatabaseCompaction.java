package dev.nightshift.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives the database file's free space back while the database stays open, between batches.
 *
 * <p>H2 rewrites the pages it changes into new space at every commit and compacts in a background
 * thread; with {@code WRITE_DELAY=0} (every commit on the disk at once, so a batch killed with
 * kill -9 loses nothing) that thread never runs, and a file that stays open only grows: 315 KB per
 * batch in a daemon against 9.4 KB of data (issue 15). Closing the database compacts it, but a
 * daemon keeps it open for months, and a command connected through {@code AUTO_SERVER} would keep
 * it open anyway. So the process that holds the file runs that maintenance itself after each
 * batch, through H2's store, with nothing closed: the scheduler and a connected {@code status} go
 * on undisturbed. The file then stays near its data plus what one batch wrote.
 */
@Component
public class DatabaseCompaction {

    /** Enough for a file of a few tens of MB; what is left is compacted after the next batch. */
    static final Duration LIMIT = Duration.ofSeconds(2);
    /** H2's own default for its background maintenance: chunks less full than this are rewritten. */
    private static final int TARGET_FILL_RATE = 90;
    private static final int REWRITE_BYTES = 16 << 20;
    private static final int MAX_ROUNDS = 20;
    private static final Logger log = LoggerFactory.getLogger(DatabaseCompaction.class);

    private final DataSource dataSource;

    public DatabaseCompaction(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What a compaction did: the file's size before and after, in bytes; 0 and 0 when there was none to do. */
    public record Result(long before, long after) {
    }

    /**
     * Compacts the file when this process holds it (H2 embedded); does nothing on a database
     * reached through another process's server or another kind of database.
     */
    public Result compact() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)
                    || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                return new Result(0, 0);
            }
            MVStore store = session.getDatabase().getStore().getMvStore();
            if (store.getFileStore() == null || store.isClosed()) {
                return new Result(0, 0);
            }
            long before = store.getFileStore().size();
            // What H2's background maintenance does (so it is safe beside other connections):
            // chunks mostly holding old versions are rewritten. H2 reuses freed space only once
            // its retention time (45 s) has passed, lest a disk that reorders writes lose a chunk
            // the last version still needs; on the disk first, that risk is gone, so the
            // compaction runs with no retention, as H2's own compaction at close does, and puts
            // the retention back after. Moving chunks to shrink the file is left to the close
            // (H2 stopped on an assertion error when it was tried on an open file).
            int retention = store.getRetentionTime();
            store.sync();
            store.setRetentionTime(0);
            try {
                int rounds = 0;
                long until = System.nanoTime() + LIMIT.toNanos();
                while (rounds < MAX_ROUNDS && System.nanoTime() < until
                        && store.compact(TARGET_FILL_RATE, REWRITE_BYTES)) {
                    rounds++;
                }
                store.commit();
                store.sync();
            } finally {
                store.setRetentionTime(retention);
            }
            long after = store.getFileStore().size();
            log.debug("database compacted from {} to {} bytes", before, after);
            return new Result(before, after);
        } catch (SQLException | RuntimeException e) {
            // Only space is at stake: the batch's work is stored already.
            log.warn("could not compact the database: {}", e.getMessage());
            return new Result(0, 0);
        }
    }
}
