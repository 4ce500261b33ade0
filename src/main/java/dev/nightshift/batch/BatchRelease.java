package dev.nightshift.batch;

import dev.nightshift.config.Home;
import dev.nightshift.store.DatabaseCompaction;
import org.springframework.stereotype.Component;

/**
 * Lets go of what a batch held once it has ended, in the daemon as in {@code run}: its log files
 * are closed, and the space its writes took in the database file is given back. A daemon runs
 * for months: nothing of one batch may stay with the process until the next.
 */
@Component
public class BatchRelease {

    private final Home home;
    private final DatabaseCompaction compaction;

    public BatchRelease(Home home, DatabaseCompaction compaction) {
        this.home = home;
        this.compaction = compaction;
    }

    void afterBatch() {
        BatchLogAppender.closeAllUnder(home.reports());
        compaction.compact();
    }
}
