package dev.nightshift.batch;

import dev.nightshift.config.Home;
import dev.nightshift.store.DatabaseCompaction;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Lets go of what a batch held once it has ended, in the daemon as in {@code run}: its log files
 * are closed, and the space its writes took in the database file is given back (by {@code run}
 * when it closes the database at its end). A daemon runs
 * for months: nothing of one batch may stay with the process until the next.
 */
@Component
public class BatchRelease {

    private final Home home;
    private final DatabaseCompaction compaction;
    /**
     * Whether the process stays after its batch (the daemon). {@code run} ends with its batch and
     * closes the database, which compacts the file anyway: compacting it first only delayed the
     * end of a large batch by up to two seconds.
     */
    private final boolean stays;

    public BatchRelease(Home home, DatabaseCompaction compaction, Environment environment) {
        this.home = home;
        this.compaction = compaction;
        this.stays = environment.matchesProfiles("daemon");
    }

    void afterBatch() {
        BatchLogAppender.closeAllUnder(home.reports());
        if (stays) {
            compaction.compact();
        }
    }
}
